"""Exceptions travelling through awaits, with try/finally around awaits.

Covers exception chaining across coroutine boundaries, finally blocks that await, exceptions
raised in finally after an await, re-raise in except after an await, sys.exc_info() across
awaits, and finally an uncaught exception escaping asyncio.run (traceback on stderr).
"""
import asyncio
import sys


async def level3(x):
    await asyncio.sleep(0)
    if x < 0:
        raise ValueError("negative %d" % x)
    return x


async def level2(x, log):
    try:
        return await level3(x)
    finally:
        await asyncio.sleep(0)
        log.append("l2 finally %d" % x)


async def level1(x, log):
    try:
        return await level2(x, log)
    except ValueError as e:
        await asyncio.sleep(0)
        log.append("l1 saw %s, exc_info=%s" % (e, sys.exc_info()[0].__name__))
        raise RuntimeError("wrapped") from e


async def context_across(log):
    try:
        raise KeyError("first")
    except KeyError:
        await asyncio.sleep(0)
        log.append("exc_info after await: %s" % sys.exc_info()[0].__name__)
        try:
            await level3(-1)
        except ValueError as e:
            log.append("context: %r" % (e.__context__,))
    log.append("after: %s" % (sys.exc_info(),))


async def finally_raises():
    try:
        await asyncio.sleep(0)
        raise IndexError("body")
    finally:
        await asyncio.sleep(0)
        raise LookupError("finally")


async def hot(n):
    errors = 0
    log = []
    for i in range(n):
        try:
            await level1(i % 5 - 2, log)
        except RuntimeError as e:
            errors += 1
            assert isinstance(e.__cause__, ValueError)
    return errors, len(log), log[:3]


async def main():
    print(await hot(300))
    log = []
    await context_across(log)
    print(log)
    try:
        await finally_raises()
    except LookupError as e:
        print("finally replaced:", e, "context:", repr(e.__context__))
    log = []
    await level1(-7, log)


asyncio.run(main())
