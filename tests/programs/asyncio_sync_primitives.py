"""asyncio Event, Lock, Semaphore and Condition coordinating tasks in a fixed order."""
import asyncio


async def locked_counter(lock, state, n, log, name):
    for _ in range(n):
        async with lock:
            v = state["count"]
            await asyncio.sleep(0)
            state["count"] = v + 1
    log.append(name)


async def waiter(ev, log, name):
    log.append(name + " waiting")
    await ev.wait()
    log.append(name + " woke")


async def limited(sem, log, i, active):
    async with sem:
        active[0] += 1
        active[1] = max(active[1], active[0])
        await asyncio.sleep(0)
        log.append(i)
        active[0] -= 1


async def cond_consumer(cond, items, log, name):
    async with cond:
        await cond.wait_for(lambda: items)
        log.append((name, items.pop(0)))


async def main():
    lock = asyncio.Lock()
    state = {"count": 0}
    log = []
    await asyncio.gather(*(locked_counter(lock, state, 50, log, "c%d" % i) for i in range(4)))
    print(state, log)

    ev = asyncio.Event()
    log = []
    tasks = [asyncio.create_task(waiter(ev, log, "w%d" % i)) for i in range(3)]
    await asyncio.sleep(0)
    log.append("set")
    ev.set()
    await asyncio.gather(*tasks)
    print(log)

    sem = asyncio.Semaphore(2)
    log = []
    active = [0, 0]
    await asyncio.gather(*(limited(sem, log, i, active) for i in range(8)))
    print(log, active)

    cond = asyncio.Condition()
    items = []
    log = []
    consumers = [asyncio.create_task(cond_consumer(cond, items, log, "k%d" % i)) for i in range(3)]
    await asyncio.sleep(0)
    for v in "xyz":
        async with cond:
            items.append(v)
            cond.notify()
        await asyncio.sleep(0)
    await asyncio.gather(*consumers)
    print(log)

    total = 0
    for i in range(30):
        st = {"count": 0}
        await asyncio.gather(*(locked_counter(lock, st, 5, [], "x") for _ in range(3)))
        total += st["count"]
    print(total)


asyncio.run(main())
