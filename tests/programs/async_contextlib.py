"""contextlib's async helpers: asynccontextmanager, AsyncExitStack, aclosing, nullcontext.

Covers exception delivery into an async context-manager generator, suppression by it,
callbacks pushed on AsyncExitStack (sync and async), unwinding order and exceptions raised
during unwinding.
"""
import asyncio
import contextlib


@contextlib.asynccontextmanager
async def resource(log, name, swallow=()):
    log.append("open " + name)
    await asyncio.sleep(0)
    try:
        yield name.upper()
    except swallow as e:
        log.append("swallowed %s in %s" % (type(e).__name__, name))
    finally:
        await asyncio.sleep(0)
        log.append("close " + name)


async def ticks(log):
    try:
        for i in range(10):
            yield i
    finally:
        log.append("ticks closed")


async def use(n, log):
    total = 0
    for i in range(n):
        async with resource(log, "r%d" % (i % 3), swallow=(KeyError,)) as r:
            total += len(r)
            if i % 4 == 0:
                raise KeyError(i)
    return total


async def stack_demo(log):
    async with contextlib.AsyncExitStack() as stack:
        names = []
        for i in range(3):
            names.append(await stack.enter_async_context(resource(log, "s%d" % i)))
        stack.callback(log.append, "sync callback")

        async def acb(x):
            log.append("async callback %s" % x)

        stack.push_async_callback(acb, "z")
        log.append("body " + ",".join(names))
    return log


async def stack_error(log):
    try:
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(resource(log, "e1", swallow=(ValueError,)))
            await stack.enter_async_context(resource(log, "e2"))
            raise ValueError("in body")
    except ValueError:
        log.append("not expected: suppressed by e1")
    log.append("after")
    return log


async def main():
    log = []
    t = 0
    for i in range(100):
        t += await use(5, log)
    print(t, len(log), log[:8])
    print(await stack_demo([]))
    print(await stack_error([]))
    log = []
    async with contextlib.aclosing(ticks(log)) as tk:
        async for v in tk:
            if v == 2:
                break
    print(log)
    async with contextlib.nullcontext(5) as five:
        print("null", five)
    log = []
    try:
        async with resource(log, "x"):
            raise OSError("not swallowed")
    except OSError as e:
        print(e, log)


asyncio.run(main())
