"""Fidelity: sys.setprofile events for compiled hot functions.

Checks the call/return/c_call/c_return/c_exception events (kind, function, relative line,
argument summary) a profile function sees, against stock CPython: for functions made hot before
profiling starts, for builtins that return and that raise, for exceptions propagating out of
several Python frames, and for profiling switched on from inside running compiled frames
(directly in a loop, and by a callee just before an exception propagates through its compiled
callers - the case of the "profile-only exception exits" known gap in docs/compatibility.md).
"""
import sys

EVENTS = []
THIS_FILE = __file__
SKIP = ("profiler", "summ", "rel")


def summ(arg):
    if arg is None:
        return None
    if isinstance(arg, (int, str, bool)):
        return arg
    return getattr(arg, "__name__", type(arg).__name__)


def rel(frame):
    if frame.f_lineno is None:
        return None
    return frame.f_lineno - frame.f_code.co_firstlineno


def profiler(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in SKIP:
        return
    EVENTS.append((event, code.co_name, rel(frame), summ(arg)))


def dump(title, result):
    print("--", title, result, len(EVENTS))
    for e in EVENTS:
        print("  ", e)
    EVENTS.clear()


def leaf(x):
    return x + 1


def with_builtins(n):
    acc = 0
    for i in range(n):
        acc += len(str(leaf(i))) + max(i, 2)
        try:
            divmod(i, 0)
        except ZeroDivisionError:
            acc -= 1
    return acc


def deep3(x):
    if x % 2:
        raise ValueError(x)
    return x


def deep2(x):
    return deep3(x) * 2


def deep1(x):
    return deep2(x) + 1


def propagate_caught(n):
    out = []
    for i in range(n):
        try:
            out.append(deep1(i))
        except ValueError:
            out.append(None)
    return out


def uncaught_chain(x):
    return deep1(x)


def loop_start_profile(n, on, off):
    acc = 0
    for i in range(n):
        acc += leaf(i)
        if i == on:
            sys.setprofile(profiler)
        if i == off:
            sys.setprofile(None)
    return acc


# Profiling switched on by the raising callee: the exception then propagates through frames
# that were running compiled when the profile function was installed.
def raise_with_profile(x, arm):
    if arm:
        sys.setprofile(profiler)
    if x > 0:
        raise KeyError(x)
    return x


def mid(x, arm):
    v = raise_with_profile(x, arm)
    return v + 1


def top_catches(n, arm_at):
    acc = 0
    for i in range(n):
        try:
            acc += mid(i, i == arm_at)
        except KeyError:
            acc -= 1
    sys.setprofile(None)
    return acc


def top_uncaught(x):
    return mid(x, True) * 3


# Profiling switched on by a builtin that raises in a compiled frame (no Python callee).
def builtin_raise_with_profile(n, arm_at):
    acc = 0
    for i in range(n):
        if i == arm_at:
            sys.setprofile(profiler)
        try:
            acc += [1, 2, 3][i]
        except IndexError:
            acc -= 1
    sys.setprofile(None)
    return acc


def main():
    w = 0
    for k in range(300):
        w += with_builtins(3) + len(propagate_caught(3)) + loop_start_profile(4, -1, -1)
        w += top_catches(3, -1) + builtin_raise_with_profile(5, -1)
        try:
            uncaught_chain(k)
        except ValueError:
            w += 1
    print("warm", w)

    sys.setprofile(profiler)
    r = with_builtins(2)
    sys.setprofile(None)
    dump("with_builtins", r)

    sys.setprofile(profiler)
    r = propagate_caught(3)
    sys.setprofile(None)
    dump("propagate_caught", r)

    sys.setprofile(profiler)
    try:
        uncaught_chain(3)
    except ValueError as e:
        r = repr(e)
    sys.setprofile(None)
    dump("uncaught_chain", r)

    dump("loop_start_profile", loop_start_profile(10, 4, 6))
    dump("top_catches", top_catches(4, 1))
    try:
        top_uncaught(1)
    except KeyError as e:
        r = repr(e)
    sys.setprofile(None)
    dump("top_uncaught", r)
    dump("builtin_raise_with_profile", builtin_raise_with_profile(5, 3))

    w = 0
    for k in range(300):
        w += with_builtins(3) + len(propagate_caught(3)) + top_catches(3, -1)
    print("after", w, sys.getprofile(), len(EVENTS))


main()
