# C functions called through their PyMethodDef at sites the interpreter specialised
# (PRECALL_NO_KW_BUILTIN_FAST/_O, PRECALL_BUILTIN_FAST_WITH_KEYWORDS and the
# PRECALL_*_METHOD_DESCRIPTOR_* forms), which compiled code calls inline: results, errors and
# their tracebacks, arguments and callables that die in the call, receivers of another type,
# rebound names, the recursion limit around METH_O functions, sys.getrefcount, and sites whose
# callable changes kind after they were specialised.
import math
import sys
import traceback

WARM = 300


def builtins_fast(xs, k):
    # divmod: METH_FASTCALL; min/max: METH_FASTCALL | METH_KEYWORDS; abs/ord/math.sqrt: METH_O.
    return divmod(xs[0], k), min(xs), max(xs[0], k), abs(-k), ord("a"), math.sqrt(k * k)


def descriptors(s, d, lst, st):
    # str.startswith / dict.get / list.index: METH_FASTCALL; str.join / set.add: METH_O;
    # str.upper / list.copy: METH_NOARGS (the copy dies in the call's release).
    st.add(len(lst))
    return (s.startswith("ab"), d.get("k", 0), lst.index(lst[-1]), ",".join([s, s]),
            s.upper(), len([1, 2, 3].copy()))


def fails(x):
    return math.sqrt(x)


def fails_descr(s, x):
    return s.index(x)


for i in range(WARM):
    builtins_fast([i, i + 1], i % 5 + 1)
    descriptors("abc", {"k": i}, [1, 2, i], set())
    fails(float(i))
    fails_descr("abc", "b")
print("builtins", builtins_fast([17, 3], 4))
print("descriptors", descriptors("abz", {"k": 9}, [4, 5, 6], set()))

for args in ((-1.0,), ("x",)):
    try:
        fails(*args)
    except Exception as exc:
        print("error", type(exc).__name__, exc)
        print("".join(traceback.format_exception(exc)).replace(__file__, "FILE"))
try:
    fails_descr("abc", "q")
except ValueError as exc:
    print("descr error", exc, exc.__traceback__.tb_next.tb_lineno)
try:
    fails_descr("abc", 3)
except TypeError as exc:
    print("descr type error", exc)
# A receiver of another type than the descriptor's: the generic call (here str.index of bytes).
print("other receiver", fails_descr(b"abc", b"c"))


# The callable replaced after specialisation: a Python function, a builtin of another
# convention, an object with __call__.
def call_sqrt(x):
    return math.sqrt(x)


for i in range(WARM):
    call_sqrt(4.0)
real_sqrt = math.sqrt
math.sqrt = lambda x: ("py", x)
print("rebound py", call_sqrt(9.0))
math.sqrt = divmod.__call__
try:
    print("rebound builtin", call_sqrt(9.0))
except TypeError as exc:
    print("rebound builtin error", exc)


class Callable:
    def __call__(self, x):
        return ("callable", x)


math.sqrt = Callable()
print("rebound callable", call_sqrt(16.0))
math.sqrt = real_sqrt
print("restored", call_sqrt(16.0))


# A bound builtin method loaded by LOAD_ATTR and owned only by the stack: it dies after the
# call; its self (a temporary list) with it.
class Box:
    pass


def bound_builtin(n):
    out = []
    for i in range(n):
        f = [i, i].count
        out.append(f(i))
    return out


for i in range(WARM // 10):
    bound_builtin(3)
print("bound", bound_builtin(4))


# Finalisers of arguments that die in the call run with the frame at the call.
VERBOSE = False


class Dying:
    def __del__(self):
        if VERBOSE:
            frame = sys._getframe(1)
            print("dying at line", frame.f_lineno, frame.f_code.co_name)

    def __index__(self):
        return 2


def kills(xs):
    return xs.index(Dying.__index__(Dying()) and 3)


def kills_arg():
    return [1, 2, 3].count(Dying())


for i in range(WARM):
    kills([1, 2, 3])
VERBOSE = True
print("kills", kills([3, 4]))
for i in range(3):
    kills_arg()
print("kills_arg", kills_arg())


# METH_O at the recursion limit: repr of a deeply nested list through a METH_O builtin.
def nested_repr(depth):
    x = []
    for _ in range(depth):
        x = [x]
    return len(repr(x))


for i in range(WARM):
    nested_repr(3)
old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
try:
    print("nested", nested_repr(1000))
except RecursionError as exc:
    print("recursion", type(exc).__name__)
sys.setrecursionlimit(old)


# sys.getrefcount (METH_O) sees the stack's reference, as in the interpreter.
def refcount_of_local():
    o = object()
    return sys.getrefcount(o)


for i in range(WARM):
    refcount_of_local()
print("refcount", refcount_of_local())


# A site specialised with the method form (LOAD_METHOD found a descriptor), later reached with a
# plain attribute (an instance attribute shadowing the method).
class Shadow(list):
    pass


def method_site(obj):
    return obj.copy()


for i in range(WARM):
    method_site([1, 2])
sh = Shadow([5])
sh.copy = lambda: "instance attribute"
print("shadow", method_site(sh), method_site([7]))


# Classes called inline: PRECALL_BUILTIN_CLASS (tp_vectorcall), PRECALL_NO_KW_TUPLE_1 / _STR_1 /
# _TYPE_1; their errors, arguments consumed (a generator), names rebound, a metaclass instance.
def class_calls(n, xs):
    return (set(i % 3 for i in xs), tuple(x * 2 for x in xs), str(n), type(n).__name__,
            list(reversed(range(n))), frozenset(xs), range(1, n, 2)[-1])


def class_errors(arg):
    try:
        return tuple(arg)
    except TypeError as exc:
        return ("tuple error", str(exc))


for i in range(WARM):
    class_calls(4, [1, 2, 3])
    class_errors([1])
print("class calls", class_calls(7, [4, 5, 6, 7]))
print("class errors", class_errors(5), class_errors("ab"))
try:
    def bad_range():
        return range(1, 2, 0)
    for i in range(WARM):
        try:
            bad_range()
        except ValueError:
            pass
    bad_range()
except ValueError as exc:
    print("range error", exc, exc.__traceback__.tb_next.tb_lineno)


class Meta(type):
    def __call__(cls, *args):
        return ("meta call", args)


class WithMeta(metaclass=Meta):
    pass


def call_class(cls, x):
    return cls(x)


for i in range(WARM):
    call_class(frozenset, [i])
print("class rebound", call_class(WithMeta, 1), call_class(frozenset, [2]), call_class(lambda x: ("py", x), 3))
real_tuple, real_str = tuple, str
tuple = lambda x: ("fake tuple", type(x).__name__)
str = repr
print("names rebound", class_calls(3, [1, 2])[1:3])
tuple, str = real_tuple, real_str
print("names restored", class_calls(3, [1, 2])[1:3])
