"""`from module import *` (IMPORT_STAR) at module level, in exec with custom namespaces,
in class bodies via exec, honouring __all__, skipping private names, and its errors.

Modules come from an in-memory meta-path finder so nothing is written to disk.
"""
import importlib.abc
import importlib.util
import sys

SOURCES = {
    "starmod_all": "__all__ = ['pub', 'helper']\npub = 1\nhelper = lambda x: x * 2\nhidden = 3\n_priv = 4\n",
    "starmod_noall": "a = 1\nb = 2\n_c = 3\ndef f(x):\n    return x + a\n",
    "starmod_badall": "__all__ = ['exists', 'missing_name']\nexists = 1\n",
    "starmod_nonstr": "__all__ = ['ok', 5]\nok = 1\n",
}


class MemFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name in SOURCES:
            return importlib.util.spec_from_loader(name, self, origin="mem:" + name)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(compile(SOURCES[module.__name__], "<mem %s>" % module.__name__, "exec"), module.__dict__)


sys.meta_path.insert(0, MemFinder())

from starmod_all import *
from starmod_noall import *

print(pub, helper(21), "hidden" in globals(), "_priv" in globals())
print(a, b, f(1), "_c" in globals())


class Recorder(dict):
    def __init__(self):
        super().__init__()
        self.order = []

    def __setitem__(self, k, v):
        self.order.append(k)
        super().__setitem__(k, v)


def star_in_exec(modname):
    ns = {}
    exec("from %s import *" % modname, ns)
    return sorted(k for k in ns if k != "__builtins__")


def star_into_locals(modname):
    loc = Recorder()
    exec("from %s import *\nresult = len(dir())" % modname, {}, loc)
    return loc.order, loc["result"]


def main():
    out = []
    for i in range(200):
        out.append(star_in_exec("starmod_all" if i % 2 else "starmod_noall"))
    print(out[0], out[1])
    print(star_into_locals("starmod_all"))
    try:
        star_in_exec("starmod_badall")
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        star_in_exec("starmod_nonstr")
    except TypeError as e:
        print("TypeError:", e)
    ns = {}
    exec("from math import *\nv = floor(pi * 100)", ns)
    print(ns["v"], "sqrt" in ns, "__name__" in ns)
    try:
        exec("def g():\n    from math import *\n", {})
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
    try:
        exec("class C:\n    from starmod_all import *\n", {})
    except SyntaxError as e:
        print("SyntaxError in class body:", e.msg)
    ns = {"__name__": "execmod"}
    exec("import starmod_all\nfrom starmod_all import *\nv = [helper(x) for x in range(3)]", ns)
    print(ns["v"], ns["pub"])
    try:
        exec("from nonexistent_star_mod import *", {})
    except ModuleNotFoundError as e:
        print("ModuleNotFoundError:", e)


main()
