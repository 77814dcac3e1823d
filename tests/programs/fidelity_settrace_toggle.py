"""Fidelity: tracing switched on and off in the middle of compiled, hot frames.

Checks, against stock CPython, the events a trace function sees when sys.settrace is called
from inside a running compiled loop (directly, from a callee, and from a callee that also sets
f_trace on its callers' frames as bdb/pdb do), when it is switched off again mid-loop, when
f_trace is set on the current frame only, and when a trace function turns off line events
(f_trace_lines = False) or asks for opcode events (f_trace_opcodes = True, printing f_lasti).
Also a trace function that changes a local through frame.f_locals (written back after the
trace call) and one that jumps by assigning frame.f_lineno, both in frames that started
compiled.
"""
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
    return type(arg).__name__


def rel(frame):
    """f_lineno relative to the function's first line (None for instructions without one)."""
    if frame.f_lineno is None:
        return None
    return frame.f_lineno - frame.f_code.co_firstlineno


def rec(frame, event, arg):
    EVENTS.append((event, frame.f_code.co_name, rel(frame), summ(arg)))


def tracer(frame, event, arg):
    if frame.f_code.co_filename != THIS_FILE or frame.f_code.co_name.startswith(("trace", "rec")):
        return None
    rec(frame, event, arg)
    return tracer


def dump(title, result):
    print("--", title, result, len(EVENTS))
    for e in EVENTS:
        print("  ", e)
    EVENTS.clear()


def work(i):
    v = i * 3
    return v % 7


# 1. settrace called directly in the hot loop, switched off a few iterations later.
def loop_direct(n, on, off):
    acc = 0
    for i in range(n):
        acc += work(i)
        if i == on:
            sys.settrace(tracer)
        if i == off:
            sys.settrace(None)
    return acc


# 2. settrace called by a callee: the loop frame has no f_trace, callees are traced.
def start_tracing():
    sys.settrace(tracer)


def stop_tracing():
    sys.settrace(None)


def loop_via_callee(n, on, off):
    acc = 0
    for i in range(n):
        acc += work(i)
        if i == on:
            start_tracing()
        elif i == off:
            stop_tracing()
    return acc


# 3. bdb-style: a callee sets f_trace on every caller in this file, then settrace.
def start_tracing_callers():
    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_filename == THIS_FILE and f.f_code.co_name != "<module>":
            f.f_trace = tracer
        f = f.f_back
    sys.settrace(tracer)


def stop_tracing_callers():
    sys.settrace(None)
    f = sys._getframe(1)
    while f is not None:
        f.f_trace = None
        f = f.f_back


def inner_loop(n, on, off):
    acc = 0
    for i in range(n):
        acc += work(i)
        if i == on:
            start_tracing_callers()
        if i == off:
            stop_tracing_callers()
    return acc


def outer_loop(n, on, off):
    total = 0
    for j in range(3):
        total += inner_loop(n, on if j == 1 else -1, off if j == 2 else -1)
        total += 1
    return total


# 4. f_trace set on the running frame itself while settrace is on.
def loop_frame_trace(n, on, off):
    acc = 0
    for i in range(n):
        acc += i % 5
        if i == on:
            sys.settrace(tracer)
            sys._getframe().f_trace = tracer
        if i == off:
            sys._getframe().f_trace = None
            sys.settrace(None)
    return acc


# 5. f_trace_lines = False / f_trace_opcodes = True.
OPCODE_EVENTS = []


def tracer_opcodes(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name.startswith(("trace", "rec")):
        return None
    if event == "call":
        frame.f_trace_lines = code.co_name != "op_callee"
        frame.f_trace_opcodes = True
    OPCODE_EVENTS.append((event, code.co_name, rel(frame), frame.f_lasti, summ(arg)))
    return tracer_opcodes


def op_callee(a, b):
    c = a * b
    if c > 10:
        c -= 10
    return c


def op_loop(n):
    s = 0
    for i in range(n):
        s += op_callee(i, 4)
    return s


def op_starts_midway(n, on):
    s = 0
    for i in range(n):
        s += op_callee(i, 2)
        if i == on:
            sys._getframe().f_trace_opcodes = True
            sys._getframe().f_trace = tracer_opcodes
            sys.settrace(tracer_opcodes)
    sys.settrace(None)
    return s


# 6. A trace function that changes a local of a frame that started compiled.
def tracer_set_local(frame, event, arg):
    if frame.f_code.co_name != "set_local_target":
        return None
    if event == "line" and frame.f_lineno - frame.f_code.co_firstlineno == 5:
        frame.f_locals["x"] = 1000
    rec(frame, event, arg)
    return tracer_set_local


def arm_set_local():
    sys._getframe(1).f_trace = tracer_set_local
    sys.settrace(tracer_set_local)


def set_local_target(n, arm):
    x = n
    if arm:
        arm_set_local()
    y = x + 1
    z = x + y
    sys.settrace(None)
    return x, y, z


# 7. A trace function that jumps (assigns f_lineno) in a frame that started compiled.
def tracer_jump(frame, event, arg):
    if frame.f_code.co_name != "jump_target":
        return None
    rel = frame.f_lineno - frame.f_code.co_firstlineno
    rec(frame, event, arg)
    if event == "line" and rel == 5:
        frame.f_lineno = frame.f_code.co_firstlineno + 7
    return tracer_jump


def arm_jump():
    sys._getframe(1).f_trace = tracer_jump
    sys.settrace(tracer_jump)


def jump_target(arm):
    out = ["a"]
    if arm:
        arm_jump()
    out.append("b")
    out.append("c")
    out.append("d")
    out.append("e")
    sys.settrace(None)
    return out


# 8. A trace function that raises on a line of a frame that started compiled (armed by a
#    callee, with and without opcode events): the exception comes out of that line, and tracing
#    is switched off.
def tracer_raises(frame, event, arg):
    if frame.f_code.co_name != "raise_target":
        return None
    OPCODE_EVENTS.append((event, rel(frame), frame.f_lasti))
    if event == "line" and rel(frame) == 4:
        raise RuntimeError("from tracer")
    return tracer_raises


def arm_raises(opcodes):
    f = sys._getframe(1)
    f.f_trace = tracer_raises
    f.f_trace_opcodes = opcodes
    sys.settrace(tracer_raises)


def raise_target(n, arm, opcodes):
    x = n
    if arm:
        arm_raises(opcodes)
    y = x + 1
    z = y + 1
    return z


def main():
    w = 0
    for k in range(300):
        w += loop_direct(10, -1, -1) + loop_via_callee(10, -1, -1) + outer_loop(4, -1, -1)
        w += loop_frame_trace(10, -1, -1) + op_loop(3) + op_starts_midway(3, -1)
        w += sum(set_local_target(k, False)) + len(jump_target(False)) + raise_target(k, False, False)
    print("warm", w)

    dump("loop_direct", loop_direct(50, 20, 22))
    dump("loop_via_callee", loop_via_callee(50, 20, 23))
    dump("outer_loop", outer_loop(6, 2, 3))
    dump("loop_frame_trace", loop_frame_trace(40, 30, 33))

    sys.settrace(tracer_opcodes)
    r = op_loop(3)
    sys.settrace(None)
    print("-- op_loop", r, len(OPCODE_EVENTS))
    for e in OPCODE_EVENTS:
        print("  ", e)
    OPCODE_EVENTS.clear()
    r = op_starts_midway(4, 1)
    print("-- op_starts_midway", r, len(OPCODE_EVENTS))
    for e in OPCODE_EVENTS:
        print("  ", e)
    OPCODE_EVENTS.clear()

    dump("set_local_target", set_local_target(5, True))
    dump("jump_target", jump_target(True))

    for opcodes in (False, True):
        try:
            raise_target(1, True, opcodes)
        except RuntimeError as e:
            tb = e.__traceback__
            entries = []
            while tb is not None:
                entries.append((tb.tb_frame.f_code.co_name, rel(tb.tb_frame) if tb.tb_frame.f_code.co_name != "main" else "-"))
                tb = tb.tb_next
            print("-- raise_target", opcodes, entries, sys.gettrace())
        for e in OPCODE_EVENTS:
            print("  ", e)
        OPCODE_EVENTS.clear()

    # Compiled again afterwards.
    w = 0
    for k in range(300):
        w += loop_direct(10, -1, -1) + outer_loop(4, -1, -1) + sum(set_local_target(k, False))
    print("after", w, sys.gettrace(), len(EVENTS))


main()
