"""Functions whose globals are a dict subclass (from exec/FunctionType), called hot.

In 3.11, LOAD_GLOBAL on non-exact-dict globals falls back to PyObject_GetItem, so
__missing__ and __getitem__ overrides of the globals object are honoured for names not
found as real keys; STORE_GLOBAL goes through __setitem__. Covers functions built with
types.FunctionType over such globals, and a builtins dict replaced per call.
"""
import types


class Tracking(dict):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.missing = 0

    def __missing__(self, k):
        self.missing += 1
        if k.startswith("dyn_"):
            return len(k)
        raise KeyError(k)


SRC = """
counter = 0
def use(x):
    global counter
    counter += 1
    return x + dyn_abc + base

def fails():
    return not_there
"""


def main():
    g = Tracking(base=100, __builtins__=__builtins__)
    exec(SRC, g)
    use = g["use"]
    total = 0
    for i in range(500):
        total += use(i)
    print(total, g["counter"], g.missing > 0)
    g["dyn_abc"] = -1000
    print(use(0))
    del g["dyn_abc"]
    print(use(0))
    try:
        g["fails"]()
    except NameError as e:
        print("NameError:", e)

    code = compile("def f(n):\n    return [k * scale for k in range(n)]\n", "<gen>", "exec")
    ns = {}
    exec(code, ns)
    f = types.FunctionType(ns["f"].__code__, Tracking(scale=3, __builtins__=__builtins__))
    print(sum(sum(f(i % 7)) for i in range(300)))
    fb = types.FunctionType(compile("def h():\n    return len('abc')\n", "<h>", "exec").co_consts[0],
                            {"__builtins__": {"len": lambda s: 99}})
    print([fb() for _ in range(3)], sum(fb() for _ in range(300)))


main()
