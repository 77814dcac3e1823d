"""sys.settrace turned on while generators are suspended and off again; events on resume.

The trace function records (event, function, relative line) for generator frames only;
generators are resumed with next/send/throw while tracing is active, including a
generator suspended before tracing started and one started while tracing.
"""
import sys

EVENTS = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("counter", "relay"):
        rel = frame.f_lineno - frame.f_code.co_firstlineno
        EVENTS.append((event, frame.f_code.co_name, rel, type(arg).__name__ if event in ("exception", "return") else None))
    return tracer


def counter(n):
    i = 0
    while i < n:
        try:
            v = yield i
        except KeyError:
            v = 1
        i += 1 if v is None else v
    return i


def relay(n):
    r = yield from counter(n)
    yield r


def warm():
    s = 0
    for _ in range(200):
        s += sum(counter(5))
    return s


def main():
    print(warm())
    before = counter(10)
    next(before)
    sys.settrace(tracer)
    try:
        print(next(before), before.send(2))
        print(before.throw(KeyError))
        r = relay(3)
        print(list(r))
    finally:
        sys.settrace(None)
    print(list(before))
    for e in EVENTS:
        print(e)
    print(warm())


main()
