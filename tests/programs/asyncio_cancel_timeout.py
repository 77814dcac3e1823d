"""asyncio: cancellation, wait_for timeouts, shield, and cleanup in try/finally with await.

Timeouts are far apart from the sleeps they interrupt (10 ms vs 10 s) so the outcome does not
depend on machine speed; printed output never includes timings.
"""
import asyncio


async def slow(log, name):
    try:
        log.append(name + " start")
        await asyncio.sleep(10)
        log.append(name + " never")
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise
    finally:
        await asyncio.sleep(0)
        log.append(name + " cleanup")


async def swallow_cancel(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("swallowed")
    return "finished anyway"


async def quick(n):
    await asyncio.sleep(0)
    return n * n


async def cancel_many(k):
    log = []
    tasks = [asyncio.create_task(slow(log, "s%d" % i)) for i in range(k)]
    await asyncio.sleep(0)
    for t in tasks:
        t.cancel()
    res = await asyncio.gather(*tasks, return_exceptions=True)
    return [type(r).__name__ for r in res], sorted(log)


async def main():
    log = []
    try:
        await asyncio.wait_for(slow(log, "w"), timeout=0.01)
    except asyncio.TimeoutError:
        log.append("timeout")
    print(log)

    print(await asyncio.wait_for(quick(7), timeout=5))

    log = []
    t = asyncio.create_task(slow(log, "c"))
    await asyncio.sleep(0)
    t.cancel("because")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled with", e.args, t.cancelled())
    print(log)

    log = []
    t = asyncio.create_task(swallow_cancel(log))
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled(), log)

    log = []
    inner = asyncio.create_task(slow(log, "shielded"))
    outer = asyncio.ensure_future(asyncio.shield(inner))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled, inner cancelled?", inner.cancelled())
    inner.cancel()
    try:
        await inner
    except asyncio.CancelledError:
        print("inner now cancelled", log)

    total = []
    for i in range(40):
        total.append(await cancel_many(i % 4))
    print(total[:4], len(total))

    t = asyncio.create_task(quick(3))
    print(await t, t.cancel(), t.cancelled())


asyncio.run(main())
