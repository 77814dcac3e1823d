"""asyncio producer/consumer with Queue, workers, join() and sentinel shutdown.

The event loop's FIFO scheduling makes the interleaving deterministic; results are also
summarised order-independently.
"""
import asyncio


async def producer(q, n, name):
    for i in range(n):
        await q.put((name, i))
    return n


async def worker(q, results, wid):
    handled = 0
    while True:
        item = await q.get()
        try:
            if item is None:
                return handled
            name, i = item
            if i % 7 == 6:
                await asyncio.sleep(0)
            results.append((wid, name, i * i))
            handled += 1
        finally:
            q.task_done()


async def run(nprod, nwork, n):
    q = asyncio.Queue(maxsize=5)
    results = []
    workers = [asyncio.create_task(worker(q, results, w)) for w in range(nwork)]
    produced = await asyncio.gather(*(producer(q, n, "p%d" % p) for p in range(nprod)))
    await q.join()
    for _ in workers:
        await q.put(None)
    handled = await asyncio.gather(*workers)
    return sum(produced), sum(handled), sum(r[2] for r in results), results[:5]


async def main():
    print(await run(2, 3, 20))
    tot = 0
    for i in range(30):
        a, b, c, _ = await run(1 + i % 3, 1 + i % 4, 10)
        tot += a + b + c
    print(tot)
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    pq = asyncio.PriorityQueue()
    for x in [5, 1, 4, 2, 3]:
        pq.put_nowait((x, str(x)))
    print([pq.get_nowait() for _ in range(5)])


asyncio.run(main())
