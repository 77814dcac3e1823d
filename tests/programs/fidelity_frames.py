"""Fidelity: introspection of compiled frames.

From callees of compiled hot functions, checks against stock CPython: sys._getframe(n) chains
(function names, f_lineno; f_lasti is in fidelity_lasti.py), frames seen from Python code that compiled code reaches
through operators, attribute access, subscripts, comparisons, iteration, __del__, sorted(key=),
and map(); inspect.currentframe()/inspect.stack() (function, lineno, code_context, index);
frame.f_locals of callers (values as of the call), locals() snapshots before and after a local
changes, writing to the locals() dict; traceback.extract_stack/format_stack line numbers; and
warnings.warn with stacklevel 1, 2, 3 (reported file base name and line). Only frames of this
file are printed (the launcher of `python -m pyrite` adds frames below the module).
"""
import inspect
import os
import sys
import traceback
import warnings

THIS_FILE = __file__
BASE = os.path.basename(THIS_FILE)


def chain(start=1):
    """(name, f_lineno) of the callers in this file, innermost first."""
    out = []
    f = sys._getframe(start)
    while f is not None and f.f_code.co_filename == THIS_FILE:
        out.append((f.f_code.co_name, f.f_lineno))
        if f.f_code.co_name == "<module>":
            break
        f = f.f_back
    return out


def caller_info(depth=2):
    f = sys._getframe(depth)
    return (f.f_code.co_name, f.f_lineno)


# --- _getframe chains through Python calls -------------------------------------------------
def level3(x):
    return chain(), x


def level2(x):
    y = x + 1
    return level3(y)


def level1(x):
    z = x * 2
    r = level2(z)
    return r


# --- frames reached through operators and protocols ----------------------------------------
SEEN = []


class Probe:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        SEEN.append(("__add__", caller_info()))
        return Probe(self.v + other.v)

    def __sub__(self, other):
        SEEN.append(("__sub__", caller_info()))
        return self

    def __mul__(self, other):
        SEEN.append(("__mul__", caller_info()))
        return self

    def __iadd__(self, other):
        SEEN.append(("__iadd__", caller_info()))
        return self

    def __neg__(self):
        SEEN.append(("__neg__", caller_info()))
        return self

    def __invert__(self):
        SEEN.append(("__invert__", caller_info()))
        return self

    def __contains__(self, item):
        SEEN.append(("__contains__", caller_info()))
        return True

    def __ge__(self, other):
        SEEN.append(("__ge__", caller_info()))
        return True

    def __delitem__(self, k):
        SEEN.append(("__delitem__", caller_info()))

    def __getattr__(self, name):
        SEEN.append(("__getattr__", caller_info()))
        return 1

    def __call__(self, *args):
        SEEN.append(("__call__", caller_info()))
        return 2

    def __index__(self):
        SEEN.append(("__index__", caller_info()))
        return 0

    def __str__(self):
        SEEN.append(("__str__", caller_info()))
        return "p"

    def __next__(self):
        SEEN.append(("__next__", caller_info()))
        raise StopIteration

    def __lt__(self, other):
        SEEN.append(("__lt__", caller_info()))
        return self.v < other.v

    def __getitem__(self, k):
        SEEN.append(("__getitem__", caller_info()))
        return self.v + k

    def __setitem__(self, k, val):
        SEEN.append(("__setitem__", caller_info()))

    @property
    def prop(self):
        SEEN.append(("prop", caller_info()))
        return self.v

    @prop.setter
    def prop(self, value):
        SEEN.append(("prop.setter", caller_info()))

    def __iter__(self):
        SEEN.append(("__iter__", caller_info()))
        return iter([self.v])

    def __bool__(self):
        SEEN.append(("__bool__", caller_info()))
        return True

    def __len__(self):
        SEEN.append(("__len__", caller_info()))
        return 1

    def __hash__(self):
        SEEN.append(("__hash__", caller_info()))
        return 7

    def __eq__(self, other):
        return self is other

    def __enter__(self):
        SEEN.append(("__enter__", caller_info()))
        return self

    def __exit__(self, *a):
        SEEN.append(("__exit__", caller_info()))
        return False

    def __format__(self, spec):
        SEEN.append(("__format__", caller_info()))
        return "P"


class Dying:
    def __init__(self):
        SEEN.append(("__init__", caller_info()))

    def __del__(self):
        SEEN.append(("__del__", caller_info()))


class It:
    def __iter__(self):
        return Probe(0)


def make_dying():
    return Dying()


def key_func(v):
    SEEN.append(("key", caller_info()))
    return -v


def protocols(n):
    a = Probe(1)
    b = Probe(2)
    acc = 0
    for i in range(n):
        c = a + b
        if a < b:
            acc += a[i]
        b[i] = c
        acc += b.prop
        for v in a:
            acc += v
        if a:
            acc += len(b)
        d = {a: 1}
        acc += d[a]
        with a:
            acc += 1
        s = f"{a:>3}"
        acc += len(s)
        tmp = Dying()
        tmp = None
        acc += len(sorted([3, 1, 2], key=key_func))
        acc += sum(map(key_func, [1]))
        e = a - b
        e = a * b
        e += b
        e = -a
        e = ~a
        if b in a:
            acc += 1
        if a >= b:
            acc += 1
        del a[i]
        acc += a.missing
        acc += a(i)
        acc += [5, 6][a]
        s = f"{a}"
        a.prop = i
        for v in It():
            acc += 1
        tmp = Dying()
        del tmp
        make_dying()
        make_dying().x = 1
        acc += 1
    return acc


# --- inspect ---------------------------------------------------------------------------------
def inspect_stack_here():
    out = []
    for fi in inspect.stack():
        if fi.filename != THIS_FILE:
            continue
        out.append((fi.function, fi.lineno, fi.code_context, fi.index))
        if fi.function == "<module>":
            break
    return out


def current_frame_info():
    f = inspect.currentframe()
    return (f.f_code.co_name, f.f_lineno, f.f_back.f_code.co_name, f.f_back.f_lineno)


def inspect_user(n):
    acc = []
    for i in range(n):
        acc.append(
            inspect_stack_here()
        )
    return acc[-1], current_frame_info(), inspect.getframeinfo(sys._getframe())[1:4]


# --- f_locals ----------------------------------------------------------------------------------
def peek_locals():
    f = sys._getframe(1)
    return sorted((k, v) for k, v in f.f_locals.items() if not k.startswith("snap"))


def locals_user(n):
    a = n
    b = a * 2
    seen1 = peek_locals()
    a = a + 100
    c = "late"
    seen2 = peek_locals()
    del c
    seen3 = peek_locals()
    return seen1, seen2, seen3


def locals_snapshots(n):
    x = n
    snap = locals()
    before = dict(snap)
    x = n + 1
    y = "new"
    still_old = snap["x"]
    snap2 = locals()
    refreshed = snap2["x"], snap2["y"], snap is snap2
    snap2["x"] = -1
    snap2["zz"] = "written"
    after_write = x, "zz" in snap2
    return sorted(before.items(), key=str), still_old, refreshed, after_write


def loop_locals_of_caller(n):
    seen = []
    total = 0
    for i in range(n):
        total += i
        if i % 3 == 0:
            seen.append(peek_locals())
    return seen[-1]


# --- traceback.extract_stack ------------------------------------------------------------------
def extract_here():
    out = []
    for fs in traceback.extract_stack():
        if fs.filename == THIS_FILE:
            out.append((fs.name, fs.lineno, fs.line))
    return out


def extract_user(n):
    r = None
    for i in range(n):
        r = extract_here()
    fmt = [s for s in traceback.format_stack() if BASE in s]
    return r, len(fmt), fmt[-1].replace(THIS_FILE, BASE)


# --- warnings ---------------------------------------------------------------------------------
def warn_at(level):
    warnings.warn("w%d" % level, UserWarning, stacklevel=level)


def warn_middle(level):
    warn_at(level)
    return level


def warn_outer(n):
    caught = []
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        for i in range(n):
            warn_middle(1 + i % 3)
        for w in ws:
            caught.append((str(w.message), os.path.basename(w.filename), w.lineno))
    return caught


def main():
    w = 0
    for k in range(300):
        w += len(level1(k)[0]) + protocols(1) + len(inspect_user(1)[0])
        w += len(locals_user(k)[0]) + len(locals_snapshots(k)) + len(loop_locals_of_caller(4))
        w += len(extract_user(1)[0]) + len(warn_outer(3))
    SEEN.clear()
    print("warm", w)

    for line in level1(5)[0]:
        print("chain", line)
    print("protocols", protocols(2))
    for s in SEEN:
        print("  seen", s)
    SEEN.clear()
    st, cf, gfi = inspect_user(2)
    for fr in st:
        print("inspect.stack", fr)
    print("currentframe", cf)
    print("getframeinfo", gfi)
    for part in locals_user(3):
        print("locals_user", part)
    print("locals_snapshots", locals_snapshots(7))
    print("loop_locals_of_caller", loop_locals_of_caller(10))
    stack, nfmt, last = extract_user(3)
    for fs in stack:
        print("extract_stack", fs)
    print("format_stack", nfmt, repr(last))
    for c in warn_outer(3):
        print("warning", c)


main()
