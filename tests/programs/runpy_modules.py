"""Running code as modules with runpy: run_path on generated scripts and run_module.

Covers runpy.run_path returning the module globals, init_globals injection, __name__ set by
run_name, a script whose module-level code loops and defines functions that become hot,
a script raising (the exception propagates with the script's frame), and
runpy.run_module on an in-memory module. No paths are printed.
"""
import importlib.abc
import importlib.util
import os
import runpy
import shutil
import sys
import tempfile

SCRIPT = '''
import math
counter = 0
def step(x):
    return math.isqrt(x) + (x % 3)
for k in range(600):
    counter += step(k)
if __name__ == "__main__":
    mode = "main"
else:
    mode = __name__
injected = globals().get("INJECTED", "none")
'''

FAILING = '''
def boom(n):
    return 10 // n
values = [boom(k) for k in (5, 2, 0)]
'''


class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name == "memmod":
            return importlib.util.spec_from_loader(name, self, origin="memory")

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)

    def get_code(self, name):
        return compile("import sys\nRAN_AS = __name__\nTOTAL = sum(i * i for i in range(50))\n", "<memmod>", "exec")


def main():
    sys.dont_write_bytecode = True
    d = tempfile.mkdtemp(prefix="pyrite_runpy_")
    try:
        p = os.path.join(d, "script.py")
        with open(p, "w") as f:
            f.write(SCRIPT)
        g = runpy.run_path(p)
        print(g["counter"], g["mode"], g["injected"], g["step"](10))
        g = runpy.run_path(p, init_globals={"INJECTED": 42}, run_name="custom")
        print(g["counter"], g["mode"], g["injected"])
        tot = 0
        for i in range(20):
            tot += runpy.run_path(p, run_name="r%d" % i)["counter"]
        print(tot)
        q = os.path.join(d, "failing.py")
        with open(q, "w") as f:
            f.write(FAILING)
        try:
            runpy.run_path(q)
        except ZeroDivisionError as e:
            tb = e.__traceback__
            names = []
            while tb:
                names.append(tb.tb_frame.f_code.co_name)
                tb = tb.tb_next
            print("ZeroDivisionError", names[-3:])
    finally:
        shutil.rmtree(d)
    sys.meta_path.insert(0, Finder())
    g = runpy.run_module("memmod", run_name="__not_main__")
    print(g["RAN_AS"], g["TOTAL"], "memmod" in sys.modules)
    try:
        runpy.run_module("definitely_missing_mod_q")
    except ImportError as e:
        print(type(e).__name__, e)


main()
