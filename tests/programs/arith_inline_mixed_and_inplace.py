# The inline paths of BINARY_OP beyond `+ - *` on same-typed operands: `& | ^ // %` on
# compact ints, a float with an int on either side, int / int, and `local op= x` updating the
# local (a float accumulator reused in place when nothing else refers to it). Every case runs
# in a loop, so the site sees ints, floats, bools, big ints and other types in turn.
import math

SMALL = [0, 1, -1, 2, -2, 7, -7, 255, -256, 2**29, -(2**29), 2**30 - 1, -(2**30 - 1)]
BIG = [2**30, -(2**30), 2**62, -(2**63), 10**20]
# (No str here: "s" * 2**29 would build a 512 MB string.)
OTHER = [True, False, 1.5, -0.0, 0.0, float("inf"), float("nan"), 3 + 0j, None]


def show(v):
    if isinstance(v, float) and v == 0.0:
        return repr(math.copysign(0.0, v))  # keeps the sign of zero visible
    return repr(v)


def binary(a, b):
    out = []
    for name, f in [
        ("&", lambda: a & b),
        ("|", lambda: a | b),
        ("^", lambda: a ^ b),
        ("//", lambda: a // b),
        ("%", lambda: a % b),
        ("+", lambda: a + b),
        ("-", lambda: a - b),
        ("*", lambda: a * b),
        ("/", lambda: a / b),
    ]:
        try:
            out.append(show(f()))
        except Exception as e:
            out.append(f"{name}:{type(e).__name__}:{e}")
    return out


def shifts(a, n):
    out = []
    for k in range(2):
        try:
            out.append(show(a << n if k == 0 else a >> n))
        except Exception as e:
            out.append(f"{type(e).__name__}:{e}")
    return out


def shift_loop(x):
    # In-place shifts on a local, with constant counts.
    r = []
    for _ in range(3):
        x <<= 3
        r.append(x)
        x >>= 70
        r.append(x)
        x = (x + 5) << 31
        r.append(x >> 1)
    return r


def operators_direct(a, b):
    # The same operators as plain expressions in one function (one site each).
    r = []
    for op in range(9):
        try:
            if op == 0:
                r.append(a & b)
            elif op == 1:
                r.append(a | b)
            elif op == 2:
                r.append(a ^ b)
            elif op == 3:
                r.append(a // b)
            elif op == 4:
                r.append(a % b)
            elif op == 5:
                r.append(a / b)
            elif op == 6:
                r.append(a + b)
            elif op == 7:
                r.append(a - b)
            else:
                r.append(a * b)
        except (ZeroDivisionError, TypeError, OverflowError, ValueError, MemoryError) as e:
            r.append(type(e).__name__)
    return [show(x) for x in r]


def constant_operands(x):
    return [x // 2, x % 2, x // -3, x % -3, x & 0xF0, x | 1, x ^ -1, x / 4, 1.0 / (x + 1000), 2.5 * x, x - 0.5]


class Eq:
    def __eq__(self, other):
        return "eq!"

    def __lt__(self, other):
        return NotImplemented


def compare_values(a, b):
    # Comparisons whose result is a value, not a jump.
    out = []
    for op in range(6):
        try:
            if op == 0:
                v = a < b
            elif op == 1:
                v = a <= b
            elif op == 2:
                v = a == b
            elif op == 3:
                v = a != b
            elif op == 4:
                v = a > b
            else:
                v = a >= b
            out.append(v)
        except TypeError as e:
            out.append(str(e))
    try:
        chained = a < 2**29 and b > -5
    except TypeError as e:
        chained = str(e)
    return out, a == 3, 3 != b, chained


def float_constant_operands(x):
    return [x // 2, x % 2, x / 4, 1 / (x + 1), 2 * x, x - 3, 3 - x, x * 0.5]


def spectral_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def accumulate_floats(values):
    total = 0.0
    product = 1.0
    quotient = 1e300
    diff = 0.0
    counted = 0.5
    halved = 1e10
    for v in values:
        total += v
        product *= 1.0001
        quotient /= 1.5
        diff -= v * 0.5
        counted += 1
        counted -= 3
        halved /= 2
        halved *= 3
    return total, product, quotient, diff, counted, halved


def accumulate_mixed(n):
    # Starts as an int, becomes a float; ints added to floats and floats to ints.
    s = 0
    for j in range(n):
        s += spectral_a(3, j) * 2
        s += j
    return s


def shared_accumulator():
    # The local's float is also referenced elsewhere: it must not change under the alias.
    x = 0.5
    keep = []
    for i in range(5):
        keep.append(x)
        x += 1.25
        x *= 2.0
        x -= 0.75
        x /= 3.0
    return x, keep


def int_accumulators(n):
    a = 0
    b = 1
    c = 10**6
    for i in range(n):
        a += i
        b *= 3
        c -= i * i
    return a, b, c


def inplace_other_types():
    s = "ab"
    for i in range(4):
        s += str(i)
    lst = [1]
    alias = lst
    for i in range(3):
        lst += [i]
    t = (1,)
    for i in range(2):
        t += (i,)
    f = 2.0
    f /= 8
    g = 7
    g /= 2
    h = 5
    h -= 0.5
    k = 3
    k *= "xy"
    return s, lst, alias is lst, t, f, g, h, k


class Acc:
    def __init__(self):
        self.v = 0

    def __iadd__(self, other):
        self.v += other
        return self

    def __isub__(self, other):
        return "replaced"


def inplace_custom():
    a = Acc()
    for i in range(5):
        a += i
    b = Acc()
    b -= 1
    return a.v, b


def inplace_errors():
    out = []
    x = 1.0
    try:
        x /= 0.0
    except ZeroDivisionError as e:
        out.append(("div", str(e), x))
    y = 5
    try:
        y += "a"
    except TypeError as e:
        out.append(("add", str(e), y))
    z = 2.0
    try:
        z -= None
    except TypeError as e:
        out.append(("sub", str(e), z))
    v = 4.5
    try:
        v /= 0
    except ZeroDivisionError as e:
        out.append(("fdiv0", str(e), v))
    w = 4
    try:
        w /= 0
    except ZeroDivisionError as e:
        out.append(("idiv", str(e), w))
    return out


def inplace_traceback():
    q = 3.0
    q /= 0.0


class Slots:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = math.sin(i)
        self.y = math.cos(i) * 3
        self.z = (x * x) / 2


class SlotsPartly:
    __slots__ = ("a", "b")

    def set_a(self, v):
        self.a = v


def slot_stores():
    pts = [Slots(i) for i in range(50)]
    s = sum(p.x + p.y + p.z for p in pts)
    objs = []
    for i in range(6):
        o = SlotsPartly()
        if i % 2:
            o.set_a(i)
        objs.append(o)
    got = []
    for o in objs:
        try:
            got.append(o.a)
        except AttributeError as e:
            got.append(str(e))
        try:
            got.append(o.b)
        except AttributeError as e:
            got.append(str(e))
    o = SlotsPartly()
    o.set_a([1])
    del o.a
    o.set_a("again")
    return round(s, 9), got, o.a


def main():
    values = SMALL + BIG + OTHER
    rows = 0
    for a in values:
        for b in values:
            r1 = binary(a, b)
            r2 = operators_direct(a, b)
            rows += 1
            if rows % 7 == 0 or a in (0, -1, 2**30) or b in (0, -7):
                print(show(a), show(b), r1, r2)
    for x in [-5, 0, 3, 2**29, -(2**30), 2**40, True]:
        print([show(v) for v in constant_operands(x)])
    cmp_values = [0, 1, -1, 3, 2**29, 2**30, -(2**62), 3.0, float("nan"), True, "3", None, Eq()]
    for a in cmp_values:
        print([compare_values(a, b) for b in cmp_values])
    for x in [7.5, -0.0, 1e308, float("nan")]:
        print([show(v) for v in float_constant_operands(x)])
    print(sum(spectral_a(i, j) for i in range(40) for j in range(40)))
    print(accumulate_floats([i * 0.1 for i in range(200)]))
    print(accumulate_mixed(60))
    print(shared_accumulator())
    print(int_accumulators(50))
    print(inplace_other_types())
    print(inplace_custom())
    print(inplace_errors())
    print(slot_stores())
    counts = [0, 1, 5, 29, 31, 32, 33, 62, 63, 64, 65, 100, -1, -64, True, 1.5, None]
    for a in SMALL + BIG + [True, 1.5, None]:
        print(show(a), [shifts(a, n) for n in counts])
    print(shift_loop(1), shift_loop(-7), shift_loop(2**29))
    for a, b in [("ab", 3), (3, "ab"), ("%d-%s", (4, "x")), ("a", "b"), ([1], 2)]:
        print(binary(a, b))
    print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -8 // 2, -8 % 2, 0 // -5, 0 % -5)
    print(1 / 3, -1 / 3, 0 / -5, 2**29 / 3, 5 / -0.5, 3 / 2.0, 2.0 / 3)
    inplace_traceback()


main()
