"""async with and async for: __aenter__/__aexit__/__aiter__/__anext__ implemented by hand.

Covers suppression by __aexit__, exceptions raised in __aenter__ and __aexit__, StopAsyncIteration,
break/continue/return inside async for and async with, and async iterators used in hot loops.
Driven both by asyncio.run and by a manual send loop.
"""
import asyncio


class Resource:
    def __init__(self, log, name, suppress=False, fail_enter=False):
        self.log, self.name, self.suppress, self.fail_enter = log, name, suppress, fail_enter

    async def __aenter__(self):
        self.log.append("enter " + self.name)
        if self.fail_enter:
            raise OSError("enter failed " + self.name)
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        self.log.append("exit %s %s" % (self.name, et.__name__ if et else "-"))
        return self.suppress


class ARange:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i - 1


class BadAiter:
    def __aiter__(self):
        return 5


async def sum_arange(n):
    s = 0
    async for x in ARange(n):
        if x % 5 == 4:
            continue
        if x > 50:
            break
        s += x
    else:
        s = -s
    return s


async def nested(log):
    async with Resource(log, "a") as a, Resource(log, "b") as b:
        async for i in ARange(3):
            async with Resource(log, "i%d" % i, suppress=True):
                if i == 1:
                    raise ValueError("inner")
                log.append(a + b + str(i))
    return log


async def ret_inside(log):
    async with Resource(log, "r"):
        async for i in ARange(10):
            if i == 2:
                return i


async def errors(log):
    out = []
    try:
        async with Resource(log, "e", fail_enter=True):
            log.append("body never")
    except OSError as e:
        out.append(str(e))
    try:
        async with Resource(log, "p"):
            raise KeyError("k")
    except KeyError as e:
        out.append("propagated " + str(e))
    try:
        async for x in BadAiter():
            pass
    except TypeError as e:
        out.append(str(e))
    try:
        async with 5:
            pass
    except (TypeError, AttributeError) as e:
        out.append(type(e).__name__ + ": " + str(e))
    return out


def run_manual(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise AssertionError("suspended")


async def main():
    t = 0
    for i in range(300):
        t += await sum_arange(i % 70)
    print(t)
    print(await nested([]))
    log = []
    print(await ret_inside(log), log)
    log = []
    print(await errors(log), log)


asyncio.run(main())
print(run_manual(sum_arange(60)), run_manual(ret_inside([])))
