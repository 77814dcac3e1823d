"""Bound-method objects called from compiled code (callbacks, `f = obj.method`, methods
stored in dicts and lists): the site unpacks function and `self` and calls the function's
fast entry, as PRECALL_BOUND_METHOD does. Others callables reaching the same site, methods
whose function is not a Python function, refcounts and tracebacks as in stock."""
import sys
import traceback


class Acc:
    def __init__(self):
        self.total = 0

    def add(self, x, scale=1):
        self.total += x * scale
        return self.total

    def fail(self, x):
        raise KeyError(x)


def drive(fn, n):
    t = 0
    for i in range(n):
        t += fn(i)
    return t


def drive_kw(fn, n):
    t = 0
    for i in range(n):
        t += fn(i, scale=2)
    return t


a = Acc()
print(drive(a.add, 500), a.total)
print(drive_kw(a.add, 300), a.total)

# Other callables at the warmed sites.
print(drive(abs, 10), drive(lambda x: x * 3, 10), drive((7).__add__, 10))
b = Acc()
print(drive(b.add, 10), b.total, a.total)


class CMethods(list):
    pass


cm = CMethods()
try:
    drive(cm.append, 3)
except TypeError as e:
    print("TypeError:", e)
print(cm)

# Bound methods of a classmethod and of a builtin type's Python subclass.
class WithClassmethod:
    calls = 0

    @classmethod
    def bump(cls, x):
        cls.calls += x
        return cls.calls


print(drive(WithClassmethod.bump, 100), WithClassmethod.calls)

# The method object is only referenced by the stack: it dies after the call, self survives.
def fresh_method_calls(n):
    t = 0
    for i in range(n):
        t += Acc().add(i) + getattr(a, "add")(1)
    return t


before = sys.getrefcount(a)
print(fresh_method_calls(300), sys.getrefcount(a) - before)

# Exceptions from the method keep the traceback.
try:
    drive(a.fail, 3)
except KeyError:
    traceback.print_exc()

# Recursion through a bound method still raises RecursionError.
class Deep:
    def down(self, n):
        return self.m(n + 1)


d = Deep()
d.m = d.down
try:
    d.down(0)
except RecursionError as e:
    print("RecursionError", type(e).__name__)


# A bound method stored as an instance attribute and called as `self.write(…)`: LOAD_METHOD
# pushes NULL and the bound method (pickle's `self.write = self.framer.write`).
class Framer:
    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(data)
        return len(self.parts)


class Writer:
    def __init__(self):
        self.framer = Framer()
        self.write = self.framer.write

    def save(self, n):
        t = 0
        for i in range(n):
            t += self.write(i)
        return t

    def rebind(self):
        self.write = lambda data: -1


w = Writer()
print(w.save(400), len(w.framer.parts))
w.rebind()
print(w.save(3))
del w.write  # now the class has no `write`: AttributeError from the same site
try:
    w.save(1)
except AttributeError as e:
    print("AttributeError:", e)
Writer.write = lambda self, data: 100  # a method of the type: the method form
print(w.save(2))
