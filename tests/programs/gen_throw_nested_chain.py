"""Exceptions thrown into nested yield-from chains.

A chain of generators delegating with yield from, each level with its own handler; throw()
at the outermost generator travels to the innermost one and the exception is caught at
different depths depending on its type. Also checks the traceback frames of an exception
that propagates back out through every level, and close() through the whole chain.
"""
import traceback


class E0(Exception):
    pass


class E1(Exception):
    pass


class E2(Exception):
    pass


LEVEL_EXC = [E0, E1, E2]


def leaf(log):
    n = 0
    while True:
        try:
            n += 1
            yield ("leaf", n)
        except E0 as e:
            log.append("leaf caught %s" % e)
        finally:
            if n > 1000:
                log.append("never")


def level(k, log):
    if k == 0:
        r = yield from leaf(log)
        return r
    try:
        r = yield from level(k - 1, log)
    except LEVEL_EXC[k % 3] as e:
        log.append("level %d caught %s" % (k, e))
        r = yield ("recovered", k)
    finally:
        log.append("level %d finally" % k)
    return r


def run(depth, excs):
    log = []
    g = level(depth, log)
    out = [next(g)]
    for ex in excs:
        try:
            out.append(g.throw(ex))
        except Exception as e:
            out.append(("escaped", type(e).__name__))
            break
    g.close()
    return out, log


def frames_of(exc):
    return [(fs.name, fs.line) for fs in traceback.extract_tb(exc.__traceback__)]


def main():
    agg = 0
    for i in range(200):
        out, log = run(4, [E0("a"), E0("b")])
        agg += len(out) + len(log)
    print(agg)
    print(run(4, [E0("a")]))
    print(run(4, [E1("one")]))
    print(run(5, [E2("two"), E1("then-one")]))
    print(run(2, [KeyError("nobody")]))

    log = []
    g = level(3, log)
    next(g)
    try:
        g.throw(ValueError("deep"))
    except ValueError as e:
        for fr in frames_of(e):
            print(fr)
    print(log)

    def thrower_gen():
        try:
            yield 1
        except ValueError:
            raise TypeError("converted")

    def mid():
        yield from thrower_gen()

    def top():
        try:
            yield from mid()
        except TypeError as e:
            yield "top caught %s (context %s)" % (e, type(e.__context__).__name__)

    g = top()
    next(g)
    print(g.throw(ValueError("orig")))

    counts = {}
    for i in range(300):
        g = level(3, [])
        next(g)
        exc = LEVEL_EXC[i % 3]("x")
        try:
            r = g.throw(exc)
            key = repr(r)
        except Exception as e:
            key = "escaped " + type(e).__name__
        counts[key] = counts.get(key, 0) + 1
        g.close()
    print(sorted(counts.items()))

    log = []
    g = level(6, log)
    next(g)
    g.throw(E0("t"))
    g = None
    print(log)


main()
