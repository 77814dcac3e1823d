"""Fidelity: sys.settrace on functions that were compiled and hot before tracing started.

Checks that a trace function sees the same call/line/return/exception events (kind, function,
line relative to the function, argument summary) as on stock CPython, for plain calls, loops,
exceptions raised and caught in the same frame, exceptions propagating through several frames,
try/finally, with-blocks, and a per-frame local trace function that returns None for some
frames. Every function is called a few hundred times before tracing is switched on.
"""
import sys

EVENTS = []
THIS_FILE = __file__


def summ(arg):
    """A deterministic summary of a trace event's argument."""
    if arg is None:
        return None
    if isinstance(arg, tuple) and len(arg) == 3 and isinstance(arg[0], type):
        return ("exc", arg[0].__name__, str(arg[1]))
    if isinstance(arg, (int, str, float, bool)):
        return arg
    if isinstance(arg, (list, tuple)):
        return type(arg).__name__ + "[%d]" % len(arg)
    return type(arg).__name__


def tracer(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name.startswith("trace"):
        return None
    EVENTS.append((event, code.co_name, frame.f_lineno - code.co_firstlineno, summ(arg)))
    if code.co_name == "quiet_callee":
        # No local trace function: only the 'call' event of this frame is reported.
        return None
    return tracer


def dump(title):
    print("--", title, len(EVENTS))
    for e in EVENTS:
        print("  ", e)
    EVENTS.clear()


def add(a, b):
    c = a + b
    return c


def loop_sum(n):
    t = 0
    for i in range(n):
        t += add(i, 1)
    return t


def raiser(x):
    if x > 2:
        raise ValueError("big %d" % x)
    return x


def catcher(n):
    caught = 0
    for i in range(n):
        try:
            raiser(i)
        except ValueError as e:
            caught += len(str(e))
        finally:
            caught += 1
    return caught


def propagate(n):
    v = raiser(n)
    return v + 1


def outer_prop(n):
    try:
        return propagate(n)
    except ValueError:
        return -1


def local_raise(n):
    total = 0
    for i in range(n):
        try:
            if i % 2:
                raise KeyError(i)
            total += i
        except KeyError as k:
            total -= k.args[0]
    return total


def div(a, b):
    return a / b


def zero_div_chain(n):
    out = []
    for i in range(n):
        try:
            out.append(div(10, i - 1))
        except ZeroDivisionError:
            out.append(None)
    return out


class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        return et is KeyError


def with_block(n):
    r = 0
    with Ctx():
        r += n
    with Ctx():
        if n > 1:
            raise KeyError(n)
        r += 100
    return r


def quiet_callee(x):
    y = x + 1
    return y * 2


def calls_quiet(n):
    s = 0
    for i in range(n):
        s += quiet_callee(i)
    return s


def uncaught_inner(x):
    return [1, 2][x]


def uncaught_outer(x):
    return uncaught_inner(x) * 2


def main():
    # Warm-up: everything compiled and hot.
    acc = 0
    for k in range(300):
        acc += loop_sum(5) + catcher(5) + outer_prop(k % 5) + local_raise(4)
        acc += len(zero_div_chain(3)) + with_block(k % 3) + calls_quiet(3)
        acc += uncaught_outer(k % 2)
    print("warm", acc)

    sys.settrace(tracer)
    r = loop_sum(3)
    sys.settrace(None)
    print("loop_sum", r)
    dump("loop_sum")

    sys.settrace(tracer)
    r = catcher(5)
    sys.settrace(None)
    print("catcher", r)
    dump("catcher")

    sys.settrace(tracer)
    r = (outer_prop(1), outer_prop(4))
    sys.settrace(None)
    print("outer_prop", r)
    dump("outer_prop")

    sys.settrace(tracer)
    r = local_raise(4)
    sys.settrace(None)
    print("local_raise", r)
    dump("local_raise")

    sys.settrace(tracer)
    r = zero_div_chain(3)
    sys.settrace(None)
    print("zero_div_chain", r)
    dump("zero_div_chain")

    sys.settrace(tracer)
    r = (with_block(1), with_block(2))
    sys.settrace(None)
    print("with_block", r)
    dump("with_block")

    sys.settrace(tracer)
    r = calls_quiet(3)
    sys.settrace(None)
    print("calls_quiet", r)
    dump("calls_quiet")

    sys.settrace(tracer)
    try:
        uncaught_outer(5)
    except IndexError as e:
        r = str(e)
    sys.settrace(None)
    print("uncaught", r)
    dump("uncaught")

    # And everything still runs (compiled again) after tracing is off.
    acc = 0
    for k in range(300):
        acc += loop_sum(5) + catcher(5) + outer_prop(k % 5) + local_raise(4)
    print("after", acc, len(EVENTS), sys.gettrace())


main()
