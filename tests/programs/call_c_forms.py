"""C functions called the way 3.11's specialised PRECALL forms call them, in hot loops.

Covers METH_O builtins (plain and bound to an object), METH_O and METH_NOARGS method
descriptors (also on a subclass instance, which the specialised forms refuse), `str`, `tuple`
and `type` of one argument (with `__str__` raising, generators raising, subclasses), errors
raised by the C function and their tracebacks, deep recursion through a METH_O builtin, and
`sys.getrefcount` of values the compiled code may hold borrowed.
"""
import sys
import traceback
from collections import deque


class Text(str):
    pass


class BadStr:
    def __str__(self):
        raise ValueError("no str for you")


class Nested:
    def __init__(self, inner):
        self.inner = inner

    def __repr__(self):
        return "N(" + repr(self.inner) + ")"


def gen_raising(n):
    for i in range(n):
        yield i
    raise KeyError("gen done")


def hot(n):
    d = deque()
    push = d.append
    seen = set()
    acc = []
    total = 0
    for i in range(n):
        total += abs(-i) + ord("a") + len(repr(i)) + hash(i) % 7
        push(i)
        seen.add(i % 13)
        acc.append(str(i))
        t = tuple(acc[-3:])
        total += len(t) + (type(t) is tuple) + callable(push)
        total += len("Ab".upper()) + len(acc[-1].lower()) + len(list(d)[-2:])
        if i % 5 == 0:
            seen.discard(i % 13)
    return total, len(d), sorted(seen), acc[-3:]


def errors(n):
    out = []
    for i in range(n):
        s = {1, 2}
        try:
            s.remove(i)
        except KeyError as e:
            out.append(("remove", e.args))
        try:
            str(BadStr())
        except ValueError as e:
            out.append(("str", str(e)))
        try:
            tuple(gen_raising(i % 3))
        except KeyError as e:
            out.append(("tuple", e.args))
        try:
            ord("ab")
        except TypeError as e:
            out.append(("ord", str(e)))
        try:
            str.upper(Text("sub"))
            out.append(("upper-sub", str.upper(Text("x%d" % i))))
            str.upper(5)
        except TypeError as e:
            out.append(("upper", str(e)))
    return out


def types(n):
    out = []
    for i in range(n):
        for v in (i, "s", Text("t"), [1], (2,), None, 1.5):
            out.append((type(v).__name__, str(v), tuple(v) if isinstance(v, (list, tuple, str)) else ()))
    return out[-7:]


def refcounts(n):
    x = object()
    counts = set()
    for i in range(n):
        y = x
        counts.add(sys.getrefcount(x))
        counts.add(sys.getrefcount(y))
    return sorted(counts)


def deep(k):
    v = 0
    for _ in range(k):
        v = Nested(v)
    return v


def recursion():
    for k in (10, 100000):
        try:
            r = repr(deep(k))
            print("repr length", len(r))
        except RecursionError as e:
            print("RecursionError:", e)


def traced_error():
    s = set()
    for i in range(3):
        try:
            s.remove(i)
        except KeyError:
            print(traceback.format_exc().splitlines()[-3:])


print(hot(300))
print(errors(6)[-6:])
print(types(50))
print(refcounts(200))
recursion()
traced_error()
