# Comparisons of instances of one class defining them in Python, which compiled code calls
# through the method's fast entry: results as values and in jumps, NotImplemented (the swapped
# method, identity for == and !=, TypeError for orderings), exceptions and their tracebacks,
# recursion in comparison, methods replaced at run time, and the cases left to
# PyObject_RichCompare (different classes, subclasses, non-function methods, __eq__ only).
import functools
import sys
import traceback


class Key:
    def __init__(self, k):
        self.k = k

    def __lt__(self, o): return self.k < o.k
    def __le__(self, o): return self.k <= o.k
    def __eq__(self, o): return self.k == o.k
    def __ne__(self, o): return self.k != o.k
    def __gt__(self, o): return self.k > o.k
    def __ge__(self, o): return ("ge", self.k, o.k)
    __hash__ = None


def as_values(a, b):
    return [a < b, a <= b, a == b, a != b, a > b, a >= b]


def as_jumps(a, b):
    out = []
    if a < b: out.append("lt")
    if a <= b: out.append("le")
    if a == b: out.append("eq")
    if a != b: out.append("ne")
    if a > b: out.append("gt")
    while a >= b:
        out.append("ge")
        break
    return out


for i in range(40):
    r = (as_values(Key(i), Key(20)), as_jumps(Key(i), Key(i)), as_jumps(Key(1), Key(2)))
print(r)


class OnlyLt:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        return NotImplemented if self.v is None else self.v < o.v

    def __gt__(self, o):
        return ("gt", self.v, o.v)


class Nothing:
    def __eq__(self, o): return NotImplemented
    def __lt__(self, o): return NotImplemented


def not_implemented():
    out = [OnlyLt(1) < OnlyLt(2), OnlyLt(None) < OnlyLt(3)]
    n, m = Nothing(), Nothing()
    out += [n == n, n == m, n != m]
    try:
        n < m
    except TypeError as e:
        out.append(str(e))
    try:
        n <= m
    except TypeError as e:
        out.append(str(e))
    return out


for i in range(30):
    r = not_implemented()
print(r)


class Raising:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        if self.v < 0:
            raise ValueError("negative")
        return sys._getframe(1).f_code.co_name


def compare(a, b):
    return a == b


for i in range(30):
    r = compare(Raising(i), Raising(0))
print(r)
try:
    compare(Raising(-1), Raising(0))
except ValueError:
    traceback.print_exc(file=sys.stdout)


class Deep:
    def __lt__(self, o):
        return o < self


try:
    Deep() < Deep()
except RecursionError as e:
    print("RecursionError", e)


def swapped_at_run_time():
    class S:
        def __eq__(self, o): return "first"
    out = []
    for i in range(20):
        out.append(S() == S())
        if i == 10:
            S.__eq__ = lambda self, o: "second"
        if i == 15:
            del S.__eq__
    return out


print(swapped_at_run_time())


class Base:
    def __lt__(self, o): return ("Base.lt", type(o).__name__)
    def __gt__(self, o): return ("Base.gt", type(o).__name__)


class Derived(Base):
    def __gt__(self, o): return ("Derived.gt", type(o).__name__)


class Odd:
    __lt__ = staticmethod(lambda o: ("static", type(o).__name__))

    def __le__(self, o, *rest): return ("star", rest)

    def __eq__(self, o): return True


@functools.total_ordering
class Total:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v


def others():
    out = [Base() < Derived(), Derived() < Base(), Base() < Base(), Derived() > Derived(), 1 < Key(3) if False else None]
    try:
        out.append(Odd() < Odd())
    except TypeError as e:
        out.append(str(e))
    out += [Odd() <= Odd(), Odd() == Odd(), Odd() != Odd()]
    out += [Total(1) > Total(2), Total(2) >= Total(2), Total(1) <= Total(0)]
    out.append(sorted([Key(3), Key(1), Key(2)])[0].k)
    return out


for i in range(30):
    r = others()
print(r)
