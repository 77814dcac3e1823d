"""A signal handler raising inside hot generator and coroutine loops; the exception is
caught by a handler inside the loop (compiled exception handling), the loop continues,
and the generator is later resumed, thrown into and closed.

Only timing-independent facts are printed (how many interrupts were caught, the states).
"""
import inspect
import signal


class Tick(Exception):
    pass


STATE = {"calls": 0, "limit": 3}


def handler(signum, frame):
    STATE["calls"] += 1
    if STATE["calls"] >= STATE["limit"]:
        signal.setitimer(signal.ITIMER_REAL, 0)
    raise Tick(STATE["calls"])


def spinning_gen():
    caught = []
    x = 1
    while len(caught) < STATE["limit"]:
        try:
            while True:
                x = (x * 48271) % 2147483647
        except Tick as t:
            caught.append(t.args[0])
            got = yield len(caught)
    yield ("done", caught)


class Step:
    def __await__(self):
        yield "step"


async def spinning_coro():
    caught = 0
    x = 1
    while caught < STATE["limit"]:
        try:
            while True:
                x = (x * 48271) % 2147483647
        except Tick:
            caught += 1
            await Step()
    return caught


def arm():
    STATE["calls"] = 0
    signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)


def main():
    old = signal.signal(signal.SIGALRM, handler)
    try:
        arm()
        g = spinning_gen()
        out = list(g)
        print(out, inspect.getgeneratorstate(g))
        arm()
        c = spinning_coro()
        steps = 0
        try:
            while True:
                c.send(None)
                steps += 1
        except StopIteration as e:
            print("coroutine caught", e.value, "steps", steps)
        STATE["limit"] = 1
        arm()
        g = spinning_gen()
        print(next(g))
        signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            g.throw(KeyError("stop"))
        except KeyError as e:
            print("thrown:", e, inspect.getgeneratorstate(g))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


main()
