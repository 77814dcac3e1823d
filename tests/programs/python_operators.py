# Binary operators of classes defining them in Python, which compiled code calls through the
# fast call path: results, NotImplemented and its TypeError (same class, int or float on either
# side, in-place forms), the frames seen from the methods, exceptions and their tracebacks,
# methods replaced at run time, and the cases left to the interpreter's machinery (subclasses
# with reflected methods, sequences, in-place methods, int and float subclasses, non-function
# methods, *args).
import sys
import traceback


class V:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return f"V({self.x!r})"

    def _other(self, o):
        return o.x if isinstance(o, V) else o

    def __add__(self, o): return V(self.x + self._other(o))
    def __sub__(self, o): return V(self.x - self._other(o))
    def __mul__(self, o): return V(self.x * self._other(o))
    def __truediv__(self, o): return V(self.x / self._other(o))
    def __floordiv__(self, o): return V(self.x // self._other(o))
    def __mod__(self, o): return V(self.x % self._other(o))
    def __matmul__(self, o): return ("matmul", self.x, self._other(o))
    def __and__(self, o): return ("and", self.x, self._other(o))
    def __or__(self, o): return ("or", self.x, self._other(o))
    def __xor__(self, o): return ("xor", self.x, self._other(o))
    def __lshift__(self, o): return ("lshift", self.x, self._other(o))
    def __rshift__(self, o): return ("rshift", self.x, self._other(o))
    def __radd__(self, o): return ("radd", o, self.x)
    def __rsub__(self, o): return ("rsub", o, self.x)
    def __rmul__(self, o): return ("rmul", o, self.x)
    def __rtruediv__(self, o): return ("rtruediv", o, self.x)


def all_ops(a, b):
    return [a + b, a - b, a * b, a / b, a // b, a % b, a @ b, a & b, a | b, a ^ b, a << b, a >> b]


def inplace_ops(a, b):
    out = []
    for k in range(6):
        c = a
        if k == 0: c += b
        elif k == 1: c -= b
        elif k == 2: c *= b
        elif k == 3: c /= b
        elif k == 4: c //= b
        else: c %= b
        out.append(c)
    return out


def reflected(b):
    return [1 + b, 2.5 + b, 3 - b, 4 * b, 1.0 / b, True + b]


for i in range(30):
    r = (all_ops(V(7), V(2)), all_ops(V(7.5), 2), all_ops(V(9), 2.0), inplace_ops(V(11), V(3)),
         inplace_ops(V(11), 3), reflected(V(i)))
print(r)


class Lazy:
    """Returns NotImplemented for anything."""
    def __add__(self, o): return NotImplemented
    def __sub__(self, o): return NotImplemented
    def __rmul__(self, o): return NotImplemented


def not_implemented(a, b, k):
    try:
        if k == 0: return a + b
        if k == 1: return a - b
        if k == 2: return b * a
        if k == 3:
            a += b
            return a
        if k == 4:
            a -= b
            return a
        return a * b
    except TypeError as e:
        return str(e)


for i in range(30):
    r = [not_implemented(Lazy(), Lazy(), k) for k in range(6)]
    r += [not_implemented(Lazy(), 1, k) for k in range(6)]
    r += [not_implemented(Lazy(), 2.0, k) for k in range(6)]
    r += [not_implemented(Lazy(), "s", k) for k in range(6)]
print(r)


class Tracked:
    """Sees its caller's frame and line; raises on request."""
    def __init__(self, v):
        self.v = v

    def __sub__(self, o):
        f = sys._getframe(1)
        if self.v < 0:
            raise ValueError("negative")
        return (self.v - o.v, f.f_code.co_name, f.f_lineno)


def use_tracked(a, b):
    return a - b


for i in range(30):
    r = use_tracked(Tracked(i), Tracked(1))
print(r)
try:
    use_tracked(Tracked(-1), Tracked(1))
except ValueError:
    traceback.print_exc(file=sys.stdout)


def swap_methods():
    class S:
        def __mul__(self, o): return "first"
    out = []

    def mul(a, b):
        try:
            return a * b
        except TypeError as e:
            return str(e)

    for i in range(20):
        out.append(mul(S(), S()))
        if i == 10:
            S.__mul__ = lambda self, o: "second"
        if i == 15:
            del S.__mul__
            S.__rmul__ = lambda self, o: "reflected"
    out.append(mul(2, S()))
    return out


print(swap_methods())


class Base:
    def __sub__(self, o): return ("Base.sub", type(o).__name__)
    def __rsub__(self, o): return ("Base.rsub", type(o).__name__)


class Derived(Base):
    def __rsub__(self, o): return ("Derived.rsub", type(o).__name__)


class Seq(list):
    def __add__(self, o): return NotImplemented


class WithIadd:
    def __init__(self): self.log = []
    def __add__(self, o): return "add"
    def __iadd__(self, o):
        self.log.append(o)
        return self


class IntSub(int):
    def __add__(self, o): return ("IntSub.add", int(self), o)


class FloatSub(float):
    def __sub__(self, o): return ("FloatSub.sub", float(self), o)
    def __rsub__(self, o): return ("FloatSub.rsub", float(self), o)


class CallableMethod:
    def __call__(self, o): return ("callable", o)


class Odd:
    __add__ = CallableMethod()
    __sub__ = staticmethod(lambda o: ("static", o))

    def __mul__(self, o, *rest): return ("star", o, rest)

    def __truediv__(self, o, *, must): return "unreachable"


def others(i):
    out = [Base() - Derived(), Derived() - Base(), Base() - Base(), Derived() - Derived()]
    try:
        out.append(Seq([1]) + Seq([2]))
    except TypeError as e:
        out.append(str(e))
    w = WithIadd()
    w += i
    out.append((w.log, WithIadd() + 1))
    out.append(IntSub(3) + IntSub(4))
    out.append(IntSub(3) + 1)
    out.append(1 + IntSub(3))
    out.append(FloatSub(1.5) - FloatSub(0.5))
    out.append(2.0 - FloatSub(0.5))
    out.append(FloatSub(1.5) - 2)
    out.append(Odd() + 1)
    out.append(Odd() - 1)
    out.append(Odd() * 1)
    try:
        out.append(Odd() / 1)
    except TypeError as e:
        out.append(str(e))
    out.append(True - V(1))
    out.append(V(1) & True)
    return out


for i in range(30):
    r = others(i)
print(r)


class Deep:
    def __add__(self, o):
        return o + self


try:
    Deep() + Deep()
except RecursionError as e:
    print("RecursionError", str(e)[:40])


class Gen:
    def __add__(self, o):
        yield self
        yield o


g = Gen() + 5
print(type(g).__name__, next(g).__class__.__name__, next(g))
