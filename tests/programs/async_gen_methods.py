"""Async generators: asend, athrow, aclose, aclose on an unfinished generator, finalisation.

Covers async generators with try/finally around yields, athrow caught and uncaught, aclose
while suspended and before start, yielding inside finally during aclose (RuntimeError),
ag_running/ag_frame/ag_await, and async-generator expressions.
"""
import asyncio
import inspect


async def ticker(log, n):
    try:
        for i in range(n):
            try:
                got = yield i
                if got is not None:
                    log.append(("got", got))
            except ValueError as e:
                log.append(("caught", str(e)))
                yield "recovered"
            await asyncio.sleep(0)
    finally:
        log.append("ticker finally")


async def bad_finally():
    try:
        yield 1
    finally:
        yield 2


async def agen_return():
    yield 1
    return


async def main():
    log = []
    g = ticker(log, 5)
    print(await g.asend(None), await g.asend("x"), await g.__anext__())
    print(await g.athrow(ValueError("v")))
    print(await g.asend("y"))
    try:
        await g.athrow(KeyError("k"))
    except KeyError as e:
        print("athrow propagated", e)
    print(log)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted after error")

    log = []
    g = ticker(log, 100)
    print(await g.__anext__(), await g.__anext__())
    await g.aclose()
    print("aclose", log)
    await g.aclose()

    log = []
    g = ticker(log, 3)
    await g.aclose()
    print("aclose unstarted", log)

    g = bad_finally()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)

    g = agen_return()
    print([x async for x in g])
    print(type(g.ag_frame).__name__ if g.ag_frame else None, g.ag_running, g.ag_code.co_name)

    total = 0
    for i in range(150):
        log = []
        vals = []
        async for v in ticker(log, i % 6):
            vals.append(v)
        total += sum(vals) + len(log)
    print(total)

    log = []
    g = ticker(log, 10)
    out = []
    async for v in g:
        out.append(v)
        if v == 3:
            break
    print(out, log, inspect.getasyncgenstate(g) if hasattr(inspect, "getasyncgenstate") else "n/a")
    await g.aclose()
    print(log)

    agx = (x * 2 async for x in ticker([], 4) if x % 2 == 0)
    print([y async for y in agx])
    nested = [[y async for y in ticker([], k)] for k in range(3)]
    print(nested)


asyncio.run(main())
