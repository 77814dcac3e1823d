"""Generators closed while suspended inside try/finally, with blocks and except handlers.

Covers close() on unstarted/suspended/finished generators, GeneratorExit seen by the body,
generators that ignore GeneratorExit (RuntimeError), yields inside finally during close,
close() returning None, and generators finalised by garbage collection (refcount drop).
"""
import inspect


class CM:
    def __init__(self, log, name):
        self.log, self.name = log, name

    def __enter__(self):
        self.log.append("enter " + self.name)

    def __exit__(self, et, ev, tb):
        self.log.append("exit %s %s" % (self.name, et.__name__ if et else None))
        return False


def fin(log, n):
    try:
        for i in range(n):
            yield i
    finally:
        log.append("finally n=%d" % n)


def with_gen(log):
    with CM(log, "outer"):
        with CM(log, "inner"):
            yield 1
            yield 2
    log.append("unreachable on close")


def catches_exit(log):
    try:
        yield 1
    except GeneratorExit as e:
        log.append("saw GeneratorExit %r" % (e.args,))
        raise


def ignores_exit(flag):
    while flag:
        try:
            yield 1
        except GeneratorExit:
            pass


def returns_on_exit(log):
    try:
        yield 1
    except GeneratorExit:
        log.append("return on exit")
        return "ignored value"


def raises_other_on_exit():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("replaced")


def nested_finally(log):
    try:
        try:
            yield "a"
        finally:
            log.append("inner finally")
    finally:
        log.append("outer finally")


def consume_partially(n, log):
    g = fin(log, n)
    s = 0
    for v in g:
        s += v
        if v == n // 2:
            break
    g.close()
    return s


def gc_finalised(log, k):
    g = fin(log, k)
    next(g)
    del g
    return len(log)


def main():
    log = []
    total = 0
    for i in range(300):
        total += consume_partially(10 + i % 5, log)
    print(total, len(log), log[:3])

    log = []
    g = with_gen(log)
    next(g)
    print(g.close(), log)
    g.close()
    print("second close ok", log[-1])

    log = []
    g = catches_exit(log)
    next(g)
    g.close()
    print(log)

    flag = [1]
    g = ignores_exit(flag)
    next(g)
    try:
        g.close()
    except RuntimeError as e:
        print("RuntimeError:", e, inspect.getgeneratorstate(g))
    flag.clear()
    print(list(g), inspect.getgeneratorstate(g))

    log = []
    g = returns_on_exit(log)
    next(g)
    print(g.close(), log)

    g = raises_other_on_exit()
    next(g)
    try:
        g.close()
    except ValueError as e:
        print("close raised", e, type(e.__context__).__name__)

    log = []
    g = nested_finally(log)
    next(g)
    g.close()
    print(log)

    log = []
    g = fin(log, 3)
    g.close()
    print("unstarted close runs no finally:", log)
    g = fin(log, 2)
    print(list(g), log)
    g.close()
    print("finished close:", log)

    log = []
    n = 0
    for i in range(200):
        n = gc_finalised(log, i + 1)
    print(n, log[:2], log[-1])

    log = []
    def producer():
        with CM(log, "p"):
            try:
                yield from fin(log, 5)
            finally:
                log.append("producer finally")
    g = producer()
    print(next(g), next(g))
    g.close()
    print(log)


main()
