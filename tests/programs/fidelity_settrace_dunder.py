"""Fidelity: tracing started from Python code that a compiled frame reached without a CALL.

A debugger's set_trace (bdb/pdb: set f_trace on the caller frames, then sys.settrace) is
often hit inside a dunder method, a property, __del__ or a signal handler. The compiled frame
that triggered it (through BINARY_OP, COMPARE_OP, BINARY_SUBSCR, STORE_SUBSCR, LOAD_ATTR,
STORE_ATTR, FOR_ITER, CONTAINS_OP, UNARY_*, FORMAT_VALUE, BUILD_MAP/__hash__, a jump on
__bool__, with/__enter__/__exit__, a decref running __del__, or the eval breaker running a
signal handler) must then report its 'line' and 'return' events exactly as on stock CPython.
The same with sys.setprofile started from those places ('c_call'/'return' events of the
frame). Ends with pdb: breakpoint() inside a property reached from a hot compiled function,
then `return`, `next`, `p`, `continue`.
"""
import io
import os
import pdb
import re
import signal
import sys

THIS_FILE = __file__
PATH_RE = re.compile(r"(/[^\s:()'\"]+)+\.py")
EVENTS = []
QUIET = ("tracer", "profiler", "arm", "arm_profile", "summ")


def normalise(text):
    return PATH_RE.sub(lambda m: os.path.basename(m.group(0)), text)


def summ(arg):
    if arg is None:
        return None
    if isinstance(arg, (int, str, bool)):
        return arg
    return getattr(arg, "__name__", type(arg).__name__)


def tracer(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in QUIET or code.co_name.startswith("__"):
        return None
    EVENTS.append((event, code.co_name, frame.f_lineno - code.co_firstlineno, summ(arg)))
    return tracer


def profiler(frame, event, arg):
    code = frame.f_code
    if code.co_filename != THIS_FILE or code.co_name in QUIET or code.co_name.startswith("__"):
        return
    EVENTS.append((event, code.co_name, frame.f_lineno - code.co_firstlineno, summ(arg)))


MODE = [None]


def arm():
    """What bdb.set_trace does: f_trace on every caller in this file, then settrace. Or, in
    profile mode, sys.setprofile."""
    if MODE[0] == "trace":
        f = sys._getframe(1)
        while f is not None:
            if f.f_code.co_filename == THIS_FILE and f.f_code.co_name != "<module>":
                f.f_trace = tracer
            f = f.f_back
        sys.settrace(tracer)
    elif MODE[0] == "profile":
        sys.setprofile(profiler)


def disarm():
    sys.settrace(None)
    sys.setprofile(None)


class D:
    def __add__(self, other):
        arm()
        return 1

    def __lt__(self, other):
        arm()
        return True

    def __getitem__(self, k):
        arm()
        return k

    def __setitem__(self, k, v):
        arm()

    @property
    def prop(self):
        arm()
        return 2

    @prop.setter
    def prop(self, v):
        arm()

    def __iter__(self):
        return self

    def __next__(self):
        arm()
        raise StopIteration

    def __contains__(self, x):
        arm()
        return True

    def __neg__(self):
        arm()
        return 3

    def __format__(self, spec):
        arm()
        return "d"

    def __hash__(self):
        arm()
        return 5

    def __eq__(self, other):
        return self is other

    def __bool__(self):
        arm()
        return True

    def __enter__(self):
        arm()
        return self

    def __exit__(self, *exc):
        return False


class Dying:
    def __del__(self):
        arm()


def handler(signum, frame):
    arm()


def t_binop(d):
    x = d + d
    y = len(str(x))
    disarm()
    return y


def t_compare(d):
    x = d < d
    y = len(str(x))
    disarm()
    return y


def t_subscr(d):
    x = d[4]
    y = len(str(x))
    disarm()
    return y


def t_store_subscr(d):
    d[1] = 2
    y = len(str(d))
    disarm()
    return y


def t_load_attr(d):
    x = d.prop
    y = len(str(x))
    disarm()
    return y


def t_store_attr(d):
    d.prop = 7
    y = len(str(d))
    disarm()
    return y


def t_for_iter(d):
    n = 0
    for _ in d:
        n += 1
    y = len(str(n))
    disarm()
    return y


def t_contains(d):
    x = 1 in d
    y = len(str(x))
    disarm()
    return y


def t_unary(d):
    x = -d
    y = len(str(x))
    disarm()
    return y


def t_format(d):
    x = f"{d}"
    y = len(str(x))
    disarm()
    return y


def t_hash(d):
    x = {d: 1}
    y = len(str(len(x)))
    disarm()
    return y


def t_bool(d):
    if d:
        x = 1
    y = len(str(x))
    disarm()
    return y


def t_with(d):
    with d:
        x = 1
    y = len(str(x))
    disarm()
    return y


def t_del(d):
    x = Dying()
    x = None
    y = len(str(x))
    disarm()
    return y


def t_signal(d):
    os.kill(os.getpid(), signal.SIGUSR1)
    y = len(str(d is None))
    disarm()
    return y


def in_loop(d, n, at):
    acc = 0
    for i in range(n):
        if i == at:
            acc += d + d
        else:
            acc += 1
        acc += len(str(i))
    disarm()
    return acc


TESTS = [t_binop, t_compare, t_subscr, t_store_subscr, t_load_attr, t_store_attr, t_for_iter,
         t_contains, t_unary, t_format, t_hash, t_bool, t_with, t_del, t_signal]


class BP:
    @property
    def value(self):
        breakpoint()
        return 42


def uses_bp(obj, n):
    total = 0
    for i in range(n):
        v = obj.value
        total += v + i
    return total


def uses_bp_once(obj):
    v = obj.value
    w = v + 1
    return w


PDB_OUT = []


def pdb_hook(*args, **kwargs):
    out = io.StringIO()
    PDB_OUT.append(out)
    dbg = pdb.Pdb(stdin=io.StringIO(PDB_COMMANDS[0]), stdout=out, nosigint=True, readrc=False)
    dbg.use_rawinput = False
    dbg.set_trace(sys._getframe(1))


PDB_COMMANDS = ["continue\n"]


def main():
    signal.signal(signal.SIGUSR1, handler)
    d = D()
    sys.breakpointhook = pdb_hook
    w = 0
    for _ in range(300):
        for t in TESTS:
            w += t(d)
        w += in_loop(d, 5, -1) + uses_bp_once(BP()) + uses_bp(BP(), 2)
    PDB_OUT.clear()
    print("warm", w)
    for mode in ("trace", "profile"):
        MODE[0] = mode
        for t in TESTS:
            r = t(d)
            print(mode, t.__name__, r, EVENTS)
            EVENTS.clear()
        r = in_loop(d, 6, 3)
        print(mode, "in_loop", r, EVENTS)
        EVENTS.clear()
    MODE[0] = None

    PDB_COMMANDS[0] = "return\nnext\nnext\np v, w\ncontinue\n"
    print("pdb once", uses_bp_once(BP()))
    print(normalise(PDB_OUT.pop().getvalue()))
    PDB_COMMANDS[0] = "return\nnext\np v, i\nnext\nnext\nnext\ncontinue\n"
    print("pdb loop", uses_bp(BP(), 3))
    out = PDB_OUT[0].getvalue()
    PDB_OUT.clear()
    print(normalise(out))


main()
