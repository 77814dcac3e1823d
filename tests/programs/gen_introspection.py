"""Introspection of suspended generators.

Covers gi_frame, gi_running (true only while executing, seen from inside), gi_yieldfrom,
gi_frame.f_lineno and f_locals while suspended, gi_code, inspect.getgeneratorstate through
all four states, and gi_frame becoming None after the generator finishes.
"""
import inspect
import sys

BASE = None


def watcher(box):
    a = 1
    box.append(("inside running", box[0].gi_running, inspect.getgeneratorstate(box[0])))
    yield a
    b = a + 1
    yield b
    c = [a, b]
    x = yield from inner(c)
    yield x


def inner(c):
    here = sys._getframe()
    d = len(c)
    yield "inner-%d" % d
    yield here.f_code.co_name
    return "inner-result"


def rel(g):
    f = g.gi_frame
    if f is None:
        return None
    return f.f_lineno - g.gi_code.co_firstlineno


def snapshot(g):
    yf = g.gi_yieldfrom
    return (
        inspect.getgeneratorstate(g),
        g.gi_running,
        rel(g),
        sorted(k for k in (g.gi_frame.f_locals if g.gi_frame else {}) if k != "box"),
        None if yf is None else (yf.gi_code.co_name, rel(yf)),
    )


def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1


def states_hot(k):
    g = counter(k)
    s = [inspect.getgeneratorstate(g)]
    next(g)
    s.append(inspect.getgeneratorstate(g))
    s.append(g.gi_frame.f_locals["i"])
    for _ in g:
        pass
    s.append(inspect.getgeneratorstate(g))
    s.append(g.gi_frame is None)
    return s


def main():
    box = []
    g = watcher(box)
    box.append(g)
    print(snapshot(g))
    out = []
    for v in g:
        out.append((v, snapshot(g)))
    for item in out:
        print(item)
    print(box[1])
    print(snapshot(g))

    res = None
    for i in range(300):
        res = states_hot(3 + i % 3)
    print(res)

    g = counter(10)
    next(g)
    next(g)
    print(g.gi_frame.f_locals, g.gi_code.co_name, g.__name__, g.__qualname__)
    g.gi_frame.f_locals["i"] = 100
    print(next(g), "(f_locals write is not written back)")
    g.close()
    print(inspect.getgeneratorstate(g), g.gi_frame)

    def selfref():
        me = yield
        try:
            next(me)
        except ValueError as e:
            yield str(e)
    g = selfref()
    next(g)
    print(g.send(g))

    def lines():
        yield 1

        yield 2
        # comment

        yield 3
    g = lines()
    firsts = []
    for _ in g:
        firsts.append(rel(g))
    print(firsts, rel(g))


main()
