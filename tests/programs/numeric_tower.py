# Big ints, negative division, float special values, division by zero.
import math
from fractions import Fraction
from decimal import Decimal


def grow(n):
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x


def overflow_boundary():
    out = []
    for base in (2 ** 62, 2 ** 63, 2 ** 64, -2 ** 63):
        v = base
        for d in (-1, 0, 1):
            out.append((v + d) * 2 - (v + d))
    return out


def main():
    g = grow(300)
    print(g % 1000000007, len(str(g)), g.bit_length())
    print(overflow_boundary())
    t = 0
    for i in range(1, 2000):
        t += (i * 0x7FFFFFFFFFFFFFFF) // (i + 1) - (i << 64) % 1000003
    print(t)
    vals = []
    for a in (-7, 7, -1, 0, 123456789012345678901234567890, -123456789012345678901234567890):
        for b in (3, -3, 10 ** 20, -(10 ** 20)):
            vals.append((a // b, a % b))
    print(vals)
    inf, nan = float("inf"), float("nan")
    print(inf > 1e308, -inf < -1e308, nan == nan, nan != nan, nan < 1, nan > 1, inf == inf, inf - inf)
    print(math.isnan(inf * 0), math.isinf(-inf), inf * -1, 1 / inf, -1 / inf, max(1, inf), min(nan, 1))
    for num, den in ((1, 0), (1.0, 0), (0, 0.0), (5, 0)):
        for op in ("/", "//", "%"):
            try:
                r = eval("num %s den" % op)
            except ZeroDivisionError as e:
                r = "ZeroDivisionError: %s" % e
            print(num, op, den, "->", r)
    try:
        divmod(1, 0)
    except ZeroDivisionError as e:
        print("divmod:", e)
    try:
        float(10 ** 400)
    except OverflowError as e:
        print("OverflowError:", e)
    try:
        2.0 ** 10000
    except OverflowError as e:
        print("OverflowError:", e)
    print(10 ** 20 / 3, 2 ** 0.5, (-8) ** (1 / 3), 2 ** -1, (-2) ** 3, 0 ** 0, 7 // -2, -7 % 3)
    print(int(-2.5), round(-2.5), math.trunc(-2.7), float(-0), -0.0 == 0.0, math.copysign(1, -0.0))
    print(Fraction(1, 3) + Fraction(1, 6), Decimal("0.1") + Decimal("0.2"), complex(1, 2) * 1j, abs(3 + 4j))
    print(True + True, True * 10, 3 + True, isinstance(True, int), hash(-1), hash(2 ** 61 - 1))
    acc = 0.0
    for i in range(1, 1000):
        acc += (-1) ** i / i
    print(repr(acc), sum(1 / (i * i) for i in range(1, 1000)))


main()
