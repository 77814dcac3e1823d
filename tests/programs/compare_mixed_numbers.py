# Comparisons of a float with a float or an int, as values and in jumps, at sites the
# interpreter could not specialise (mixed types): compiled code decides them without
# PyObject_RichCompare (the int converts exactly), except at the recursion limit, where
# PyObject_RichCompare raises first. Large ints, bools, NaN, infinities and signed zeros.
nan = float("nan")
vals = [0, 1, -1, 2**30 - 1, -(2**30) + 1, 2**30, 2**31, 2**53 + 1, 10**20, 0.0, -0.0, 0.5, 1.0,
        -1.0, 1e300, float("inf"), -float("inf"), nan, True, 2.0**53, 1073741823.5]


def cmp_all():
    out = []
    for a in vals:
        for b in vals:
            bits = (a < b, a <= b, a == b, a != b, a > b, a >= b)
            jumps = 0
            if a < b: jumps |= 1
            if a <= b: jumps |= 2
            if a == b: jumps |= 4
            if a != b: jumps |= 8
            if a > b: jumps |= 16
            if a >= b: jumps |= 32
            out.append("".join("1" if x else "0" for x in bits) + f"/{jumps}")
    return out


for i in range(20):
    r = cmp_all()
for k in range(0, len(r), len(vals)):
    print(" ".join(r[k:k + len(vals)]))


def rec(x, depth):
    return rec(x, depth + 1) if x < 2 else depth


for start in (1.5, 1):
    try:
        rec(start, 0)
    except RecursionError as e:
        print("RecursionError", e)
