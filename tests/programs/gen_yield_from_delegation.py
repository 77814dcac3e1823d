"""yield from delegating to generators, to plain iterators, and to objects with send/throw.

Covers the result value of yield from, send() forwarded to a subgenerator, send() of a
non-None value to a plain iterator (AttributeError), throw() forwarded to iterators lacking
throw, close() forwarded to a subiterator with close(), and chains of delegation.
"""


class Iter:
    """An iterator without send/throw/close."""

    def __init__(self, n):
        self.i, self.n = 0, n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration("iter-done")
        self.i += 1
        return self.i * 10


class Full:
    """An iterator with send, throw and close."""

    def __init__(self, log):
        self.log = log
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, v):
        self.log.append(("send", v))
        self.i += 1
        if self.i > 3:
            raise StopIteration(("full-done", self.i))
        return self.i

    def throw(self, *args):
        self.log.append(("throw", args[0].__name__ if isinstance(args[0], type) else type(args[0]).__name__))
        return "thrown-%d" % len(args)

    def close(self):
        self.log.append("close")


def sub(n):
    acc = []
    for i in range(n):
        x = yield i
        acc.append(x)
    return acc


def delegate(n):
    r1 = yield from sub(n)
    r2 = yield from Iter(2)
    r3 = yield from [7, 8]
    r4 = yield from range(2)
    return r1, r2, r3, r4


def chain(depth, n):
    if depth == 0:
        r = yield from sub(n)
        return len(r)
    r = yield from chain(depth - 1, n)
    return r + 1


def delegate_full(log):
    r = yield from Full(log)
    yield r


def run_delegate(n):
    g = delegate(n)
    seen = [next(g)]
    k = 0
    try:
        while True:
            k += 1
            seen.append(g.send(k) if k <= n else next(g))
    except StopIteration as e:
        return seen, e.value


def main():
    total = 0
    for i in range(300):
        seen, val = run_delegate(i % 4)
        total += sum(seen) + len(val[0])
    print(total)
    print(run_delegate(3))

    depth_results = []
    for d in range(0, 50, 7):
        g = chain(d, 3)
        vals = list(g)
        depth_results.append(vals)
        g = chain(d, 2)
        next(g)
        g.send("a")
        try:
            g.send("b")
        except StopIteration as e:
            depth_results.append(e.value)
    print(depth_results)

    g = delegate(0)
    print(next(g))
    try:
        g.send(5)
    except AttributeError as e:
        print("AttributeError:", e)

    g = delegate(0)
    next(g)
    try:
        g.throw(KeyError("into-iter"))
    except KeyError as e:
        print("KeyError propagated from plain iterator:", e)

    log = []
    g = delegate_full(log)
    print(next(g), g.send("x"), g.throw(ValueError), g.throw(ValueError("v")))
    print(g.send("y"), g.send("z"))
    print(log)
    log = []
    g = delegate_full(log)
    next(g)
    g.close()
    print("close forwarded:", log)

    g = delegate(2)
    next(g)
    g.close()
    print("closed mid-delegation")
    print(list(delegate(2)))


main()
