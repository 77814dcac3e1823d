"""Coroutines driven by hand: send/throw/close, custom awaitables, cr_await and cr_frame.

No event loop: a trivial trampoline sends values into coroutines that await objects whose
__await__ yields. Covers cr_await/cr_frame/cr_running/cr_code, inspect.getcoroutinestate,
throw() at an await, close() with try/finally, 'cannot reuse already awaited coroutine',
and awaiting a non-awaitable.
"""
import inspect


class Req:
    """Awaitable: yields itself as a request and returns what it is sent."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        reply = yield self.tag
        return reply


async def leaf(x):
    a = await Req(("double", x))
    b = await Req(("inc", a))
    return b


async def middle(xs):
    total = 0
    for x in xs:
        total += await leaf(x)
    return total


async def guarded(log):
    try:
        v = await Req("first")
        log.append(("got", v))
        v = await Req("second")
        log.append(("got", v))
    except KeyError as e:
        log.append(("caught", str(e)))
        return "recovered"
    finally:
        log.append("finally")
    return v


def trampoline(coro):
    reply = None
    while True:
        try:
            op, arg = coro.send(reply)
        except StopIteration as e:
            return e.value
        reply = arg * 2 if op == "double" else arg + 1


def main():
    t = 0
    for i in range(300):
        t += trampoline(middle(range(i % 7)))
    print("trampoline", t)

    c = middle([1, 2])
    print(inspect.getcoroutinestate(c), c.cr_await, c.cr_running, c.cr_code.co_name)
    first = c.send(None)
    aw = c.cr_await
    print(first, inspect.getcoroutinestate(c), type(aw).__name__, aw.cr_code.co_name,
          c.cr_frame.f_locals["total"], sorted(c.cr_frame.f_locals))
    print(c.cr_frame.f_lineno - c.cr_code.co_firstlineno, aw.cr_frame.f_lineno - aw.cr_code.co_firstlineno)
    print(type(aw.cr_await).__name__)
    c.close()
    print(inspect.getcoroutinestate(c), c.cr_frame)

    log = []
    c = guarded(log)
    print(c.send(None), c.send(1), c.throw(KeyError("k")) if False else "")
    try:
        c.throw(KeyError("k"))
    except StopIteration as e:
        print("returned", e.value, log)

    log = []
    c = guarded(log)
    c.send(None)
    c.close()
    print("closed", log)

    log = []
    c = guarded(log)
    c.send(None)
    c.send("a")
    try:
        c.send("b")
    except StopIteration as e:
        print("done", e.value, log)
    try:
        c.send(None)
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def bad():
        await 5

    try:
        bad().send(None)
    except TypeError as e:
        print("TypeError:", e)

    async def await_twice():
        inner = leaf(1)
        r = await inner
        try:
            await inner
        except RuntimeError as e:
            return r, str(e)

    print(trampoline(await_twice()))

    async def nothing():
        return 42

    c = nothing()
    try:
        c.send(None)
    except StopIteration as e:
        print("immediate", e.value)
    c = nothing()
    c.close()
    print(inspect.getcoroutinestate(c))


main()
