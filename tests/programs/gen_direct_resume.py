"""SEND and FOR_ITER resuming compiled generators directly (without the frame-evaluation hook).

Each case runs often enough to be compiled at the default threshold, and checks what
gen_send_ex2 does around the frame: the values sent and returned through `yield from`,
StopIteration raised inside a generator, exception state seen by the resumed frame,
tracebacks through a chain, frame objects that outlive a finished generator, re-entry, and
generators and coroutines finished, closed or thrown into in the middle of a chain.
"""
import sys
import traceback


def leaf(n):
    got = []
    for i in range(n):
        got.append((yield i))
    return ("leaf done", got)


def middle(n):
    result = yield from leaf(n)
    return ("middle", result)


def top(n):
    result = yield from middle(n)
    yield result


def drive_send(n):
    g = top(n)
    out = [g.send(None)]
    k = 100
    while True:
        try:
            v = g.send(k)
        except StopIteration as e:
            out.append(("stop", e.value))
            break
        out.append(v)
        k += 1
    return out


def for_over(n):
    return [x for x in top(n)]


def returns_value(n):
    yield from range(n)
    return "ignored by for"


def sum_returning(n):
    total = 0
    for x in returns_value(n):
        total += x
    return total


def raises_stop_iteration():
    yield 1
    raise StopIteration("inner")


def delegates_to_raiser():
    yield from raises_stop_iteration()


def fails_at(depth, msg):
    if depth == 0:
        yield "about to fail"
        raise KeyError(msg)
    yield from fails_at(depth - 1, msg)


def exc_info_inside():
    yield repr(sys.exc_info()[1])
    try:
        raise ValueError("inside")
    except ValueError:
        yield repr(sys.exc_info()[1])
    yield repr(sys.exc_info()[1])


def wrapper_of_exc_info():
    yield from exc_info_inside()


def keeps_frame():
    x = "local of a finished generator"
    yield sys._getframe()
    return x


def frame_outlives(n):
    frames = []
    for _ in range(n):
        g = keeps_frame()
        holder = []

        def outer():
            f = yield from g
            holder.append(f)
            return f

        o = outer()
        frame = next(o)
        try:
            next(o)
        except StopIteration as e:
            frames.append((e.value, frame.f_locals.get("x"), frame.f_lineno > 0, frame.f_back is None))
    return frames[-1], len(frames)


def reentrant():
    me = yield
    try:
        yield from me
    except ValueError as e:
        yield f"ValueError: {e}"


def self_delegation():
    g = reentrant()
    next(g)
    return g.send(g)


def closing_chain(n):
    log = []

    def inner():
        try:
            while True:
                yield len(log)
        finally:
            log.append("inner finally")

    def outer():
        try:
            yield from inner()
        finally:
            log.append("outer finally")

    for _ in range(n):
        g = outer()
        next(g)
        next(g)
        g.close()
    return log[-2:], len(log)


def throw_into_chain():
    def inner():
        try:
            yield "inner"
        except KeyError as e:
            yield f"inner caught {e}"

    def outer():
        r = yield from inner()
        yield ("outer after", r)

    g = outer()
    return [next(g), g.throw(KeyError("thrown")), next(g)]


class Awaitable:
    def __await__(self):
        v = yield "suspended"
        return v * 2


async def coro_leaf(x):
    return (await Awaitable()) + x


async def coro_mid(x):
    return await coro_leaf(x) + 1


async def coro_top(x):
    try:
        return await coro_mid(x)
    except ZeroDivisionError:
        return "caught"


def run_coro(x, value):
    c = coro_top(x)
    first = c.send(None)
    try:
        c.send(value)
    except StopIteration as e:
        return first, e.value


async def coro_raises_stop():
    raise StopIteration("from a coroutine")


async def awaits_raiser():
    await coro_raises_stop()


def deep_chain(n):
    if n == 0:
        yield "bottom"
        return
    yield from deep_chain(n - 1)


def main():
    for _ in range(30):
        send_result = drive_send(3)
        for_result = for_over(3)
        total = sum_returning(50)
        exc_infos = list(wrapper_of_exc_info())
        coro = run_coro(5, 10)
    print(send_result)
    print(for_result)
    print(total)
    print(exc_infos)
    print(coro)
    try:
        raise IndexError("outer")
    except IndexError:
        print(list(wrapper_of_exc_info()))
    print(frame_outlives(30))
    print(closing_chain(30))
    print(throw_into_chain())
    print(self_delegation())

    for _ in range(3):
        try:
            list(delegates_to_raiser())
        except RuntimeError as e:
            print("RuntimeError", e, "cause:", repr(e.__cause__))
        try:
            c = awaits_raiser()
            c.send(None)
        except RuntimeError as e:
            print("RuntimeError", e, "cause:", repr(e.__cause__))
        try:
            for v in fails_at(4, "deep"):
                pass
        except KeyError:
            print(traceback.format_exc())

    sys.setrecursionlimit(200)
    for depth in (50, 150, 400):
        try:
            print(depth, list(deep_chain(depth)))
        except RecursionError as e:
            print(depth, "RecursionError", e)


main()
