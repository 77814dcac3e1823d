# sys.settrace installed in the middle of a hot loop.
import sys

EVENTS = []


def tracer(frame, event, arg):
    code = frame.f_code
    if code.co_name == "tracer":
        return None
    rec = (event, code.co_name, frame.f_lineno - code.co_firstlineno)
    if event == "return":
        rec = rec + (arg,)
    EVENTS.append(rec)
    return tracer


def helper(x):
    y = x * 2
    if y > 10:
        y -= 3
    return y


def hot(n, start_at, stop_at):
    total = 0
    i = 0
    while i < n:
        total += helper(i)
        if i == start_at:
            sys.settrace(tracer)
        if i == stop_at:
            sys.settrace(None)
        i += 1
    return total


def hot_with_frame_trace(n, start_at, stop_at):
    total = 0
    for i in range(n):
        total += i % 7
        if i == start_at:
            sys.settrace(tracer)
            sys._getframe().f_trace = tracer
        if i == stop_at:
            sys.settrace(None)
            sys._getframe().f_trace = None
    return total


def gen(n):
    for i in range(n):
        yield i * i


def uses_gen():
    return sum(gen(4))


def main():
    r = 0
    for k in range(200):
        r += hot(20, 1000, 1000)  # warm up with no tracing
    print("warm", r)
    EVENTS.clear()
    print("hot", hot(2000, 1500, 1503))
    for e in EVENTS:
        print(e)
    EVENTS.clear()
    print("framed", hot_with_frame_trace(3000, 2000, 2002))
    for e in EVENTS:
        print(e)
    EVENTS.clear()
    for _ in range(300):
        uses_gen()
    sys.settrace(tracer)
    v = uses_gen()
    sys.settrace(None)
    print("gen", v)
    for e in EVENTS:
        print(e)
    print(sys.gettrace())


main()
