"""One code object run with different globals, builtins, closures and defaults.

Functions and generators are rebuilt with types.FunctionType over the same code object but
different globals dicts (and a different __builtins__ mapping); calls alternate between
them in hot loops, so any global/builtin lookup cached per code object (instead of per
globals dict) would return the wrong value. Also covers closures and defaults differing
between functions sharing one code object, and globals mutated between calls.
"""
import types

SRC = '''
def f(n):
    t = 0
    for i in range(n):
        t += K + len("ab")
    return t

def g(n):
    for i in range(n):
        yield K * i

def h(x):
    return x + K
'''


def outer(k):
    def inner(x):
        return x + k
    return inner


def mk(d):
    def h(x, y=d):
        return x * y
    return h


def main():
    ns1 = {"K": 1}
    exec(SRC, ns1)
    f1, g1, h1 = ns1["f"], ns1["g"], ns1["h"]
    g2_globals = {"K": -1, "__builtins__": __builtins__}
    f2 = types.FunctionType(f1.__code__, {"K": 100, "__builtins__": {"len": lambda s: 1000, "range": range}})
    g2 = types.FunctionType(g1.__code__, g2_globals)
    h2 = types.FunctionType(h1.__code__, g2_globals)
    f3 = types.FunctionType(f1.__code__, {"__builtins__": __builtins__})
    out = []
    for i in range(300):
        out.append((f1(3), f2(3), sum(g1(3)), sum(g2(3)), h1(i) - h2(i)))
        if i == 150:
            ns1["K"] = 2
            g2_globals["K"] = -2
    print(out[0], out[-1], len(set(out)))
    try:
        f3(2)
    except NameError as e:
        print("NameError:", e)
    del ns1["K"]
    try:
        h1(1)
    except NameError as e:
        print("NameError:", e, h2(1))
    fs = [outer(i) for i in range(5)]
    print([sum(f(j) for j in range(100)) for f in fs])
    hs = [mk(i) for i in range(4)]
    print([sum(h(j) for j in range(200)) for h in hs])
    hs[1].__defaults__ = (10,)
    print([h(3) for h in hs])


main()
