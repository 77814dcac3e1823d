"""Fidelity: sys.settrace through generators and coroutines driven by compiled hot code.

Checks the call/line/return/exception events (kind, function, relative line, argument
summary) for generators consumed by compiled loops, generator.send/throw/close, yield from,
generator expressions, coroutines driven by send(None), and a small asyncio program (events of
this file only), with tracing switched on both outside and in the middle of the consumer's
loop, and tracing/profiling switched on from inside a generator body and a coroutine (bdb-style:
f_trace on every frame of this file, then settrace; or setprofile), so that the compiled
consumer that resumed the generator must report its own events from then on. Everything is
made hot first.
"""
import asyncio
import sys

EVENTS = []
THIS_FILE = __file__


def summ(arg):
    if arg is None:
        return None
    if isinstance(arg, tuple) and len(arg) == 3 and isinstance(arg[0], type):
        return ("exc", arg[0].__name__)
    if isinstance(arg, (int, str, bool)):
        return arg
    return getattr(arg, "__name__", type(arg).__name__)


def rel(frame):
    if frame.f_lineno is None:
        return None
    return frame.f_lineno - frame.f_code.co_firstlineno


def tracer(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in ("tracer", "summ", "rel"):
        return None
    EVENTS.append((event, code.co_name, rel(frame), summ(arg)))
    return tracer


def dump(title, result):
    print("--", title, result, len(EVENTS))
    for e in EVENTS:
        print("  ", e)
    EVENTS.clear()


def squares(n):
    for i in range(n):
        yield i * i


def consume(n):
    t = 0
    for v in squares(n):
        t += v
    return t


def consume_midway(n, on, off):
    t = 0
    for v in squares(n):
        t += v
        if v == on:
            sys.settrace(tracer)
        if v == off:
            sys.settrace(None)
    return t


def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            if x is None:
                break
            received.append(x)
    except KeyError as e:
        received.append(("caught", e.args[0]))
        yield -1
    finally:
        received.append("closing")
    return received


def drive_echo(mode):
    g = echo()
    out = [next(g), g.send("a"), g.send("b")]
    if mode == 0:
        try:
            g.send(None)
        except StopIteration as s:
            out.append(s.value)
    elif mode == 1:
        out.append(g.throw(KeyError("k")))
        g.close()
    else:
        g.close()
    return out


def inner_gen(n):
    for i in range(n):
        yield i
    return "inner-done"


def delegating(n):
    r = yield from inner_gen(n)
    yield r


def drive_delegating(n):
    return list(delegating(n))


def genexpr_sum(n):
    return sum(x + 1 for x in range(n) if x % 2)


async def leaf(x):
    return x * 2


async def middle(x):
    a = await leaf(x)
    b = await leaf(a)
    return a + b


def drive_coro(x):
    c = middle(x)
    try:
        c.send(None)
    except StopIteration as s:
        return s.value


async def failing(x):
    if x > 1:
        raise ValueError(x)
    return x


async def catches(x):
    try:
        return await failing(x)
    except ValueError:
        return -x


async def main_async(n):
    results = []
    for i in range(n):
        results.append(await catches(i))
    await asyncio.sleep(0)
    return results


ARM_MODE = ["trace"]


def profiler(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in ("tracer", "summ", "rel", "profiler", "arm"):
        return
    EVENTS.append(("P", event, code.co_name, rel(frame), summ(arg)))


def arm():
    f = sys._getframe(1)
    while f is not None and f.f_code.co_filename == THIS_FILE:
        if ARM_MODE[0] == "trace" and f.f_code.co_name != "<module>":
            f.f_trace = tracer
        f = f.f_back
    if ARM_MODE[0] == "trace":
        sys.settrace(tracer)
    else:
        sys.setprofile(profiler)


def arming_gen(n, at):
    for i in range(n):
        if i == at:
            arm()
        x = i * 2
        yield x
        x += 1
    return n


def consume_arming(n, at):
    t = 0
    for v in arming_gen(n, at):
        t += v
    sys.settrace(None)
    sys.setprofile(None)
    return t


async def arming_leaf(x, at):
    if x == at:
        arm()
    await asyncio.sleep(0)
    return x + 1


async def arming_coro(n, at):
    s = 0
    for i in range(n):
        s += await arming_leaf(i, at)
    sys.settrace(None)
    sys.setprofile(None)
    return s


def main():
    w = 0
    for k in range(300):
        w += consume(4) + consume_midway(4, -1, -1) + len(drive_echo(k % 3))
        w += len(drive_delegating(2)) + genexpr_sum(5) + drive_coro(k)
    w += len(asyncio.run(main_async(3)))
    for _ in range(300):
        w += consume_arming(3, -1)
    for _ in range(3):
        w += asyncio.run(arming_coro(2, -1))
    print("warm", w)

    sys.settrace(tracer)
    r = consume(3)
    sys.settrace(None)
    dump("consume", r)

    dump("consume_midway", consume_midway(6, 4, 16))

    for mode in range(3):
        sys.settrace(tracer)
        r = drive_echo(mode)
        sys.settrace(None)
        dump("drive_echo %d" % mode, r)

    sys.settrace(tracer)
    r = drive_delegating(2)
    sys.settrace(None)
    dump("drive_delegating", r)

    sys.settrace(tracer)
    r = genexpr_sum(4)
    sys.settrace(None)
    dump("genexpr_sum", r)

    sys.settrace(tracer)
    r = drive_coro(3)
    sys.settrace(None)
    dump("drive_coro", r)

    sys.settrace(tracer)
    r = asyncio.run(main_async(3))
    sys.settrace(None)
    dump("asyncio", r)

    for mode in ("trace", "profile"):
        ARM_MODE[0] = mode
        dump("consume_arming " + mode, consume_arming(4, 1))
        dump("arming_coro " + mode, asyncio.run(arming_coro(3, 1)))


main()
