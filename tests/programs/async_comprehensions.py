"""Async comprehensions: async for and await inside list/set/dict comprehensions and genexps.

Covers await in the element expression and in conditions, async for over async generators
in comprehensions nested inside sync comprehensions, and comprehensions in hot coroutines.
"""
import asyncio


async def agen(n):
    for i in range(n):
        if i % 2:
            await asyncio.sleep(0)
        yield i


async def square(x):
    await asyncio.sleep(0)
    return x * x


async def is_even(x):
    return x % 2 == 0


async def comps(n):
    a = [x async for x in agen(n)]
    b = [await square(x) for x in range(n)]
    c = {x: await square(x) async for x in agen(n) if await is_even(x)}
    d = {x % 3 async for x in agen(n)}
    e = [[y async for y in agen(x)] for x in range(3)]
    f = [await square(y) for x in range(3) for y in range(x)]
    g = sum([x async for x in agen(n) if x > 2])
    return a, b, c, d, e, f, g


async def genexp_async(n):
    gen = (await square(x) for x in range(n))
    out = []
    async for v in gen:
        out.append(v)
    gen2 = (x async for x in agen(n))
    return out, [v async for v in gen2]


async def main():
    print(await comps(5))
    print(await genexp_async(4))
    total = 0
    for i in range(200):
        a, b, c, d, e, f, g = await comps(i % 6)
        total += sum(a) + sum(b) + sum(c.values()) + len(d) + g
    print(total)
    try:
        [x async for x in range(3)]
    except TypeError as e:
        print("TypeError:", e)
    try:
        [await square(x) for x in agen(2)]
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
