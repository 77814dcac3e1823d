"""asyncio: gather, create_task, as_completed ordering, return_exceptions and task results.

Only sleep(0) and small deterministic delays are used so the order is fixed by the event
loop's FIFO scheduling.
"""
import asyncio


async def work(n, log):
    total = 0
    for i in range(n):
        total += i
        if i % 3 == 0:
            await asyncio.sleep(0)
    log.append(n)
    return total


async def fail(n):
    await asyncio.sleep(0)
    raise ValueError("fail %d" % n)


async def fan_out(k):
    log = []
    res = await asyncio.gather(*(work(i, log) for i in range(k)))
    return res, log


async def tasks_demo():
    log = []
    tasks = [asyncio.create_task(work(i * 2, log), name="t%d" % i) for i in range(5)]
    done = []
    for t in tasks:
        done.append((t.get_name(), await t, t.done()))
    return done, log


async def exceptions_demo():
    r = await asyncio.gather(work(3, []), fail(1), work(4, []), return_exceptions=True)
    shown = [x if not isinstance(x, Exception) else "%s(%s)" % (type(x).__name__, x) for x in r]
    try:
        await asyncio.gather(work(2, []), fail(2))
    except ValueError as e:
        shown.append("raised " + str(e))
    t = asyncio.create_task(fail(3))
    try:
        await t
    except ValueError as e:
        shown.append(("task exception", str(t.exception()), str(e)))
    return shown


async def hot():
    s = 0
    for i in range(150):
        res, log = await fan_out(i % 6)
        s += sum(res) + len(log)
    return s


async def main():
    print(await fan_out(6))
    print(await tasks_demo())
    print(await exceptions_demo())
    print(await hot())
    order = []

    async def tick(name, n):
        for i in range(n):
            order.append("%s%d" % (name, i))
            await asyncio.sleep(0)

    await asyncio.gather(tick("a", 3), tick("b", 2), tick("c", 4))
    print(order)
    results = []
    for coro in asyncio.as_completed([work(5, []), work(1, [])]):
        results.append(await coro)
    print(sorted(results))


asyncio.run(main())
