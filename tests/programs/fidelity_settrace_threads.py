"""Fidelity: threading.settrace / threading.setprofile with threads running compiled code.

Functions are made hot in the main thread, then threads started with threading.settrace (and
threading.setprofile) run them; one more thread switches sys.settrace on itself in the middle of
a compiled loop. Events are recorded per thread (kind, function, relative line, argument
summary) and printed after all threads are joined, so the output does not depend on
scheduling. The main thread must see no events.
"""
import sys
import threading

THIS_FILE = __file__
LOCK = threading.Lock()
EVENTS = {}


def summ(arg):
    if arg is None:
        return None
    if isinstance(arg, tuple) and len(arg) == 3 and isinstance(arg[0], type):
        return ("exc", arg[0].__name__)
    if isinstance(arg, (int, str, bool)):
        return arg
    return getattr(arg, "__name__", type(arg).__name__)


def record(frame, event, arg):
    code = frame.f_code
    name = threading.current_thread().name
    with LOCK:
        EVENTS.setdefault(name, []).append(
            (event, code.co_name, frame.f_lineno - code.co_firstlineno, summ(arg))
        )


def tracer(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in ("tracer", "record", "summ", "profiler"):
        return None
    record(frame, event, arg)
    return tracer


def profiler(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in ("tracer", "record", "summ", "profiler"):
        return
    if event.startswith("c_") and getattr(arg, "__name__", "") in ("acquire", "release", "__exit__", "__enter__", "current_thread", "setdefault", "append"):
        return
    record(frame, event, arg)


def step(x):
    if x % 3 == 0:
        try:
            raise ValueError(x)
        except ValueError:
            return -1
    return x * 2


def work(n):
    acc = 0
    for i in range(n):
        acc += step(i)
    return acc


def work_with_builtins(n):
    acc = 0
    for i in range(n):
        acc += len(str(i)) + abs(-i)
        try:
            divmod(i, 0)
        except ZeroDivisionError:
            acc -= 1
    return acc


def self_tracing(n, on):
    acc = 0
    for i in range(n):
        acc += step(i)
        if i == on:
            sys.settrace(tracer)
    sys.settrace(None)
    return acc


RESULTS = {}


def run_thread(name, fn, *args):
    RESULTS[name] = fn(*args)


def start(name, fn, *args):
    t = threading.Thread(target=run_thread, args=(name, fn) + args, name=name)
    t.start()
    return t


def main():
    w = 0
    for k in range(300):
        w += work(5) + work_with_builtins(3) + self_tracing(4, -1)
    print("warm", w)

    threading.settrace(tracer)
    ts = [start("traced-a", work, 4), start("traced-b", work, 5)]
    threading.settrace(None)
    ts.append(start("untraced", work, 100))
    threading.setprofile(profiler)
    ts.append(start("profiled", work_with_builtins, 3))
    threading.setprofile(None)
    ts.append(start("self-tracing", self_tracing, 6, 3))
    for t in ts:
        t.join()
    print("main sees", sys.gettrace(), sys.getprofile())
    for name in sorted(RESULTS):
        print("result", name, RESULTS[name])
    for name in sorted(EVENTS):
        print("--", name, len(EVENTS[name]))
        for e in EVENTS[name]:
            print("  ", e)


main()
