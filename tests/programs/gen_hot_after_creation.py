"""Generators created and partly consumed while their function was still cold, resumed
after the function became hot (and the other way round).

A generator function is called a few times, each generator advanced to a different
suspension point and parked; then the function is called hundreds of times so the JIT
compiles it; then the parked generators are resumed, sent values, thrown into and closed.
Their results must be exactly those of the interpreter.
"""


def worker(tag, n):
    total = 0
    log = [tag]
    try:
        for i in range(n):
            try:
                got = yield (tag, i, total)
            except ValueError as e:
                log.append("caught %s at %d" % (e, i))
                got = -1
            total += i if got is None else got
        return total, log
    finally:
        log.append("finally")


def park(k):
    g = worker("p%d" % k, 6)
    for _ in range(k):
        next(g)
    return g


def finish(g, how):
    out = []
    try:
        if how == "send":
            while True:
                out.append(g.send(len(out)))
        elif how == "throw":
            out.append(g.throw(ValueError("late")))
            while True:
                out.append(next(g))
        else:
            out.append(g.close())
            return out
    except StopIteration as e:
        out.append(("done", e.value))
    return out


def main():
    parked = [park(k) for k in range(1, 5)]
    warm = 0
    for i in range(400):
        g = worker("w", i % 5)
        for v in g:
            warm += v[1]
    print(warm)
    for g, how in zip(parked, ["send", "throw", "close", "send"]):
        print(finish(g, how))
    fresh = [park(k) for k in range(1, 4)]
    for g, how in zip(fresh, ["throw", "send", "close"]):
        print(finish(g, how))


main()
