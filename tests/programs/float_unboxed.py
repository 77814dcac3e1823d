# Float arithmetic whose results compiled code keeps unboxed: every way such a value can leave
# the arithmetic (stored, passed, returned, compared, raised past), operands of other types at
# sites that saw floats, stores into a local's own float, and errors with unboxed values on
# the stack.
import math
import sys


class Meters(float):
    def __add__(self, other):
        return "meters+" + repr(other)

    def __mul__(self, other):
        return Meters(float(self) * 2)


class Vec:
    def __init__(self, x):
        self.x = x

    def __rmul__(self, k):
        return Vec(self.x * k)

    def __radd__(self, k):
        return ("radd", k)

    def __repr__(self):
        return "Vec(%r)" % (self.x,)


def chain(a, b, c):
    return a * b + c * c - a / b


def store_locals(a, b):
    d = a - b
    e = d * d
    f = e + a * 0.5
    return d, e, f


def aliasing(a, b):
    x = a * b
    y = x               # y shares x's float: the next store must not change y
    x = a + b
    keep = [x]
    x = a - b           # the list holds the old float
    return x, y, keep


def accumulate(xs, ys):
    acc = 0.0
    neg = 0
    for i in range(len(xs)):
        dx = xs[i] - ys[i]
        dy = xs[i] * 2.0 + ys[i] / 3
        acc += dx * dx + dy * dy
        neg -= dx * 0.5
        acc /= 1.0001
    return acc, neg


def first_assignment_then_delete(a):
    z = a * 3.0
    first = z
    del z
    z = a * 4.0
    return first, z


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 0.5


class Plain:
    def __init__(self):
        self.x = 0.5


def container_stores(a, b, lst, slotted, plain, d):
    held = lst[0]           # shares the item: the store must make a new float
    lst[0] = a * b
    lst[1] -= a * 0.5       # the item is the list's alone: replaced in place
    lst[-1] = a / b
    lst[2] = a * b          # an int item
    d["k"] = a * b
    held_attr = slotted.x
    slotted.x = a * b
    slotted.y = a + b       # first store to an empty slot
    plain.x -= a * 0.25
    plain.z = a * b         # a new attribute
    return held, held_attr


def swaps_and_copies(a, b, lst, obj, d):
    lst[0] += a * b         # SWAPs move the unboxed result under the list and index
    lst[1] -= a / b
    obj.x *= a
    d["k"] /= b
    same = (y := a * b) is y
    chained = a * b < a * b + 1.0 < 100.0
    return same, chained, y


def escapes(a, b, obj, seq):
    out = []
    out.append(a * b + len(seq))
    out.append(a * b + obj.x)
    out.append(a * b + seq[1])
    out.append(a * b < a + b)
    out.append(-(a * b))
    out.append((a * b).is_integer())
    out.append(f"{a * b:.3f}|{a / b!r}")
    out.append([a * b, a + b][0])
    out.append(str(a * b + 0.25))
    out.append(max(a * b, a - b))
    return out


def gen_values(a, b):
    yield a * b
    yield a * b + (yield a - b)
    return a / b


def mixed_operands(a, b):
    return [a * 2, 3 * a, a / 4, 5 - a, a * b, a + True, 2.5 * (10 ** 20), a * (1 << 40)]


def specialised_then_ints(a, b):
    return a * b + a - b


def int_with_float(f, x):
    # Specialised for floats, then given ints (compact, big, bool) on either side.
    return [f * x, x * f, f * x + 1.0, (x * 2.0) / f, f / (x * 2.0), x - f * 1.5, f + x * x]


def divisions(a, b, c):
    # Division has no specialisation: ints, floats and other numbers all reach these sites.
    return [a / b, b / a, a / 4, 3 / b, (a / b) / c, a / b + c, -a / b]


def mandelbrot(cx, cy, limit):
    x = y = 0.0
    n = 0
    while x * x + y * y < 4.0 and n < limit:
        x, y = x * x - y * y + cx, 2.0 * x * y + cy
        n += 1
    return n


def orderings(a, b, c):
    # An unboxed left or right operand against floats, ints, NaN, other numbers.
    out = []
    for v in (c, 1, 2 ** 70, float("nan"), True):
        out.append((a * b < v, a * b <= v, a * b > v, a * b >= v, v < a * b, v >= a + b))
    return out


def powers(a, b, e):
    # `**` of an unboxed base: libm's pow where float_pow would call it, the generic
    # operation for its special cases, errors and complex results.
    return [(a * b) ** 2, (a * b) ** -0.5, (a - b) ** 3, (a * b) ** e, (a * 0.0) ** -1 if e == 0 else 0,
            (a * b) ** 1e6 if e == 1 else 0, (a * b) ** -1e6, (a - b) ** 2.0, (a * 1.0) ** 0, (a + b) ** e]


def complex_power(a, b):
    return (a - b) ** 0.5


def math_calls(x, y):
    # `math` functions of one float on unboxed arguments, through the module and imported.
    return [math.sqrt(x * x + y * y), math.sin(x * y), math.cos(x - y), math.exp(x * 0.5), math.fabs(y - x),
            math.atan(x / y), math.tanh(x * y), math.sqrt(x * y) * 2.0]


def math_errors(x, y):
    try:
        return math.sqrt(x - y)
    except ValueError as e:
        return "ValueError: %s" % e


def math_overflow(x):
    try:
        return math.exp(x * 1000.0)
    except OverflowError as e:
        return "OverflowError: %s" % e


def math_of_objects(i, v):
    # `math` functions of objects (not unboxed floats): exact ints and floats are converted by
    # the unboxed path; anything else takes the ordinary call, which sees the object itself.
    from math import sin, sqrt
    try:
        return [sin(i), math.cos(i) * 3, sqrt(v), math.exp(i) if i < 700 else math.exp(v)]
    except (ValueError, OverflowError, TypeError) as e:
        return type(e).__name__ + ": " + str(e)


class IntWithFloat(int):
    def __float__(self):
        return 0.25


class Floaty:
    def __float__(self):
        return 4.0


def shadowed_math(x, y):
    import math as m  # whatever `math` is in sys.modules when this runs
    return m.sqrt(x * y - 10.0), m.sin(x * y)


def zero_division(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        return "ZeroDivisionError: %s" % e


def overflow(a):
    try:
        return a * 10 ** 400
    except OverflowError as e:
        return "OverflowError: %s" % e


def special_values(inf, nan, zero, one):
    # Operands are parameters: the compiler folds constant expressions.
    r = [inf - inf, inf * zero, -zero * one, zero * -one, -zero + zero, -zero - zero, 1e308 * (one * 10.0)]
    r.append(nan * 2.0 == nan * 2.0)
    r.append(math.copysign(1.0, -zero * 5.0))
    r.append(inf / inf)
    r.append(one / inf)
    return [repr(v) for v in r]


def error_with_unboxed_below(a, b, seq):
    try:
        return a * b + seq[10]
    except IndexError as e:
        return "IndexError: %s" % e


def error_name(a, b):
    return a * b + undefined_name  # noqa: F821


def user_types(a, m, v):
    return [m + a * 2.0, m * a, a * 2.0 * v, a * 3.0 + v]


def multi_line(a, b, hook):
    return (a * b
            + hook(a)
            - b * 0.5)


def tracer(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "multi_line":
        print("  trace line", frame.f_lineno - multi_line.__code__.co_firstlineno)
    return tracer


def turn_tracing_on(a):
    sys.settrace(tracer)
    return a


def main():
    for _ in range(300):
        r = chain(1.5, 2.5, 3.25)
    print("chain", repr(r), repr(chain(1.5, 2.5, 3.25)))
    for _ in range(300):
        r = store_locals(7.25, 1.5)
    print("store_locals", r)
    for _ in range(300):
        r = aliasing(3.5, 1.25)
    print("aliasing", r)
    xs = [i * 0.5 for i in range(50)]
    ys = [i * 0.25 + 1 for i in range(50)]
    for _ in range(60):
        r = accumulate(xs, ys)
    print("accumulate", repr(r[0]), repr(r[1]))
    for _ in range(200):
        r = first_assignment_then_delete(1.5)
    print("delete", r)
    lst, sl, pl, d = [1.0, 2.0, 7, 4.0], Slotted(), Plain(), {}
    for _ in range(200):
        r = container_stores(1.5, 2.0, lst, sl, pl, d)
    print("containers", r, lst, sl.x, sl.y, pl.x, pl.z, d)
    try:
        container_stores(1.5, 2.0, (1.0, 2.0), sl, pl, d)
    except TypeError as e:
        print("tuple store", e)
    try:
        container_stores(1.5, 2.0, [1.0], sl, pl, d)
    except IndexError as e:
        print("index store", e)
    lst, pl, d = [1.0, 2.0], Plain(), {"k": 1.0}
    for _ in range(200):
        r = swaps_and_copies(1.5, 2.0, lst, pl, d)
    print("swaps", r, lst, pl.x, d)
    class O:
        x = 0.125
    for _ in range(200):
        r = escapes(1.5, 2.0, O(), [0.5, 0.75])
    print("escapes", r)
    for _ in range(100):
        g = gen_values(1.5, 4.0)
        got = [next(g), next(g), g.send(10.0)]
        try:
            next(g)
        except StopIteration as e:
            got.append(e.value)
    print("generator", got)
    for _ in range(200):
        r = mixed_operands(1.5, 2.5)
    print("mixed", r, mixed_operands(3, 4))
    for _ in range(300):
        specialised_then_ints(1.5, 2.5)
    print("then ints", [specialised_then_ints(i, 3) for i in range(40)][-3:], specialised_then_ints(2.5, 0.5))
    print("then strs", specialised_then_ints("ab", 3) if False else "skipped")
    for _ in range(300):
        int_with_float(2.5, 1.5)
    for f, x in [(3, 1.5), (1.5, 3), (2 ** 40, 1.5), (True, 1.5), (-7, 0.5), (0, 1.5), (1.5, 0), (0, 0)]:
        try:
            print("int with float", f, x, int_with_float(f, x))
        except ZeroDivisionError as e:
            print("int with float", f, x, "ZeroDivisionError:", e)
    from fractions import Fraction
    from decimal import Decimal
    for args in [(7, 2, 3), (7.5, 2, 3), (7, 2.5, 0.5), (2 ** 40, 3, 7), (-9, 4, True)] * 60:
        r = divisions(*args)
    print("divisions", r)
    for args in [(7, 2, 3), (1.5, 0.5, 2)]:
        print("divisions", args, divisions(*args))
    for _ in range(40):
        r = divisions(Fraction(7, 3), Fraction(2, 5), 3)
    print("divisions", r, divisions(Decimal("7.5"), Decimal("2.5"), 3))
    for args in [(0, 2, 1), (2, 0, 1), (1.5, 0.0, 1), (1, 2, 0)]:
        try:
            print("divisions", args, divisions(*args))
        except ZeroDivisionError as e:
            print("divisions", args, "ZeroDivisionError:", e)
    print("mandelbrot", [mandelbrot(x / 10.0, y / 10.0, 50) for x in range(-20, 6, 5) for y in range(-10, 11, 5)])
    for _ in range(100):
        r = orderings(1.5, 2.0, 3.0)
    print("orderings", r, orderings(2, 3, 6))
    print("orderings", orderings(Fraction(1, 2), 2.0, 1.0))
    try:
        orderings(1.5, 2.0, "s")
    except TypeError as e:
        print("orderings", e)
    for _ in range(200):
        r = powers(1.5, 2.0, 1.5)
    print("powers", r)
    for _ in range(50):
        r = [complex_power(1.5, 2.0), complex_power(2.0, 1.5)]
    print("powers", r)
    for args in [(1.5, 2.5, 2), (1.5, 2.0, -2), (-1.5, 2.0, 3), (1.5, 2.0, float("nan")), (1.5, 2.0, float("inf")),
                 (1.5, 2.0, 2 ** 70), (1.5, 2.0, Fraction(1, 2)), (1.5, 2.0, 0), (1.5, 2.0, 1), (1.0, 1.0, 0.5)]:
        try:
            print("powers", args, powers(*args))
        except (ZeroDivisionError, OverflowError, ValueError) as e:
            print("powers", args, type(e).__name__, e)
    for _ in range(200):
        r = math_calls(1.5, 2.5)
    print("math", r, math_calls(3, 4), math_calls(float("inf"), 1.0) if False else "")
    for args in [(float("nan"), 1.0), (-1.5, -2.5), (-0.0, 1.0)]:
        print("math", args, math_calls(*args))
    for _ in range(200):
        r = [math_errors(2.0, 1.0), math_overflow(0.5)]
    print("math", r, math_errors(1.0, 2.0), math_overflow(1.0), math_errors(float("inf"), 1.0))
    for _ in range(200):
        r = [math_of_objects(3, 2.0), math_of_objects(-2, 9)]
    print("math of objects", r)
    for args in [(5, -1), (5, -1.0), (True, 4), (10**400, 2), (2, 10**400), (IntWithFloat(7), IntWithFloat(9)),
                 (1, Floaty()), (1, "x"), (1000, 2.0), (2**62, 2**62 + 1), (1.5, float("nan"))]:
        print("math of objects", [type(a).__name__ for a in args], math_of_objects(*args))
    real_sqrt, real_sin = math.sqrt, math.sin
    math.sin = lambda v: ("python sin of", type(v).__name__, v)  # receives the object itself
    print("math of objects", math_of_objects.__code__.co_name, math_of_objects(3, 4))
    math.sin = real_sin
    math.sqrt = lambda v: int(v)  # not a float: the unboxed sites give way
    print("math", math_calls(1.5, 2.5)[0], math_errors(2.0, 1.0))
    math.sqrt = real_sqrt
    print("math", math_calls(1.5, 2.5)[0], math_errors(2.0, 1.0))
    # A module named `math` whose functions are other builtins of the same names.
    import cmath
    import types
    real_math = sys.modules["math"]
    fake = types.ModuleType("math")
    fake.sqrt, fake.sin = cmath.sqrt, cmath.sin
    sys.modules["math"] = fake
    try:
        for _ in range(200):
            r = shadowed_math(1.5, 2.0)
        print("shadowed math", r)
    finally:
        sys.modules["math"] = real_math
    for _ in range(200):
        zero_division(1.0, 2.0)
    print("zero", zero_division(1.0, 0.0), zero_division(1.0, -0.0), zero_division(1.5, 0), zero_division(2.0, False))
    for _ in range(200):
        overflow(1.5)
    print("overflow", overflow(1.5))
    for _ in range(200):
        r = special_values(float("inf"), float("nan"), 0.0, 1.0)
    print("special", r)
    for _ in range(200):
        r = error_with_unboxed_below(1.5, 2.0, [1.0])
    print("index", r)
    for i in range(3):
        try:
            error_name(1.5, 2.0)
        except NameError as e:
            print("name", e)
    for _ in range(200):
        r = user_types(1.5, Meters(2.0), Vec(0.5))
    print("user types", r)
    for _ in range(50):
        r = multi_line(1.5, 2.0, lambda a: a)
    print("multi_line", r)
    r = multi_line(1.5, 2.0, turn_tracing_on)
    sys.settrace(None)
    print("traced", r)
    error_name(2.5, 4.0)


main()
