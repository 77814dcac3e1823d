"""Custom awaitables: __await__ returning generators/iterators, types.coroutine, futures by hand.

Covers __await__ returning a generator, a custom iterator, or a non-iterator (TypeError),
generator-based coroutines via types.coroutine awaited from async def, awaiting the same
awaitable object repeatedly, and a minimal scheduler resolving hand-made futures.
"""
import types


class Fut:
    def __init__(self):
        self.done = False
        self.value = None

    def set(self, v):
        self.done, self.value = True, v

    def __await__(self):
        while not self.done:
            yield self
        return self.value


class IterAwait:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("iter-result")
        self.n -= 1
        return ("tick", self.n)


class BadAwait:
    def __await__(self):
        return 42


class Again:
    """Awaitable object that may be awaited many times: __await__ makes a fresh generator."""

    def __init__(self, v):
        self.v = v

    def __await__(self):
        yield ("again", self.v)
        return self.v


@types.coroutine
def gen_based(n):
    got = yield ("gen-based", n)
    return got


async def user(fut, log):
    r1 = await IterAwait(2)
    r2 = await gen_based(5)
    a = Again(3)
    r3 = (await a) + (await a)
    r4 = await fut
    log.append((r1, r2, r3, r4))
    return r4 * 2


def scheduler(coros):
    pending = [(c, None) for c in coros]
    futs = []
    results = []
    steps = 0
    while pending:
        c, reply = pending.pop(0)
        try:
            req = c.send(reply)
        except StopIteration as e:
            results.append(e.value)
            continue
        steps += 1
        reply = None
        if isinstance(req, Fut):
            futs.append(req)
            if len(futs) >= 2 or not pending:
                for f in futs:
                    f.set(steps)
                futs.clear()
        elif req[0] == "gen-based":
            reply = "sent%d" % steps
        pending.append((c, reply))
    return results, steps


def main():
    log = []
    res, steps = scheduler([user(Fut(), log) for _ in range(3)])
    print(res, steps, log)
    total = 0
    for i in range(200):
        lg = []
        r, s = scheduler([user(Fut(), lg) for _ in range(1 + i % 3)])
        total += sum(r) + s
    print(total)

    async def bad():
        return await BadAwait()
    try:
        bad().send(None)
    except TypeError as e:
        print("TypeError:", e)

    async def gen_await():
        def plain():
            yield 1
        return await plain()
    try:
        gen_await().send(None)
    except TypeError as e:
        print("TypeError:", e)

    print(type(gen_based(1)).__name__, gen_based.__name__)


main()
