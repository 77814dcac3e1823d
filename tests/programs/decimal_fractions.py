"""decimal and fractions in hot loops: contexts, precision, rounding, quantize, traps,
Fraction arithmetic, limit_denominator, mixed-type comparisons and conversions.
"""
import decimal
import fractions
import math
from decimal import Decimal as D
from fractions import Fraction as F


def compound(principal, rate, years):
    amt = principal
    for _ in range(years):
        amt = (amt * (1 + rate)).quantize(D("0.01"), rounding=decimal.ROUND_HALF_EVEN)
    return amt


def harmonic(n):
    s = F(0)
    for k in range(1, n + 1):
        s += F(1, k)
    return s


def main():
    print(compound(D("1000.00"), D("0.035"), 300))
    tot = D(0)
    for i in range(300):
        tot += compound(D(i), D("0.01"), 3)
    print(tot)
    with decimal.localcontext() as ctx:
        ctx.prec = 50
        print(D(1) / D(7), D(2).sqrt())
    with decimal.localcontext() as ctx:
        ctx.traps[decimal.DivisionByZero] = False
        print(D(1) / D(0), ctx.flags[decimal.DivisionByZero])
    try:
        D(1) / D(0)
    except decimal.DivisionByZero as e:
        print("DivisionByZero", type(e).__mro__[1].__name__)
    try:
        D("abc")
    except decimal.InvalidOperation as e:
        print("InvalidOperation", e)
    print(D("1.005").quantize(D("0.01")), D("1.005").quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP),
          round(D("2.675"), 2), D("1e3").normalize(), D("-0.00"), D(0.1))
    print(D(3) == 3, D("0.5") == 0.5, D("0.1") == 0.1, D(1) < F(3, 2), sorted([D("1.5"), 1, F(5, 4)]))
    h = harmonic(200)
    print(h.numerator % 1000003, h.denominator % 1000003, float(h))
    print(F(math.pi).limit_denominator(1000), F("3.1415"), F(1, 3) + F(1, 6), F(7, -14), F(0.25))
    print(F(1, 3) ** 2, F(2) ** F(1, 2), F(5, 2) // 1, F(-7, 2) % 3, round(F(7, 2)), round(F(5, 2)))
    print(F(1, 3) == 1 / 3, F(1, 2) == 0.5, hash(F(1, 2)) == hash(0.5), F(3, 1) == 3)
    try:
        F(1, 0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        F("x/y")
    except ValueError as e:
        print("ValueError:", e)
    acc = F(0)
    for i in range(1, 300):
        acc += F(i % 7, i) - F(1, i + 1)
    print(acc.limit_denominator(10 ** 6), D(acc.numerator) / D(acc.denominator))


main()
