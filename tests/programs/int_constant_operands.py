"""Int and float arithmetic and comparisons with a constant operand, around the edges of the
interpreter's preallocated small ints (-5..256) and of one-digit ints (2**30), in hot loops.

Results are compared by value and by identity with other results of the same value (small
ints are shared objects, larger ones are not), and the reference counts of small ints must
stay balanced.
"""
import sys


def edges(n):
    out = []
    for i in range(-n, n):
        a = i + 1
        b = i - 1
        c = i * 3
        d = 250 + i
        e = -3 - i
        out.append((a, b, c, d, e, a is (i + 1), d is (250 + i), i < 2, i >= -5, 2 > i, i == 256))
    return out


def mixed(xs):
    s = 0
    for x in xs:
        s = s + x * 2 - 1
        if x < 0.5:
            s = s - 0.25
    return s


def big(n):
    acc = []
    for i in range(n):
        acc.append((2**30 - 1) + i)
        acc.append(-(2**30) + 1 - i)
        acc.append(i * 1073741823)
    return acc[-6:], sum(acc)


def refcounts():
    before = sys.getrefcount(7)
    tmp = [3 + 4 for _ in range(1000)]
    during = sys.getrefcount(7)
    del tmp
    return during - before, sys.getrefcount(7) - before


print(edges(10)[::3])
print(len(edges(300)), edges(300)[-1])
print(mixed([0, 1, 2.5, -1, 0.25, True, 10**30]))
print(big(40))
print(refcounts())
