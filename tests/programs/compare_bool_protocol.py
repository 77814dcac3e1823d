"""Comparisons and truth tests with unusual protocols, in conditions of compiled branches.

Covers __eq__/__lt__ returning non-bool objects used directly in if/while (the object's
__bool__ decides), __bool__ raising or returning a non-bool (TypeError), __len__ used for
truth (negative length ValueError, huge length OverflowError), NotImplemented fallbacks to
the reflected operation and to identity for ==, chained comparisons evaluating the middle
operand once, and `not`/and/or returning operands.
"""


class Vec:
    def __init__(self, *xs):
        self.xs = xs

    def __eq__(self, other):
        return Mask([a == b for a, b in zip(self.xs, other.xs)])

    def __lt__(self, other):
        return Mask([a < b for a, b in zip(self.xs, other.xs)])


class Mask:
    def __init__(self, bits):
        self.bits = bits

    def __bool__(self):
        if len(self.bits) > 1 and len(set(self.bits)) > 1:
            raise ValueError("ambiguous truth value of %r" % (self.bits,))
        return bool(self.bits and self.bits[0])


class BadBool:
    def __bool__(self):
        return 1


class Length:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class OnlyReflected:
    def __init__(self, v):
        self.v = v

    def __gt__(self, other):
        return "reflected-gt"


class Counted:
    calls = 0

    def __init__(self, v):
        self.v = v

    def value(self):
        Counted.calls += 1
        return self.v


def branch(a, b):
    try:
        if a < b:
            return "lt"
        elif a == b:
            return "eq"
        return "other"
    except ValueError as e:
        return "ValueError: " + str(e)


def truth(v):
    try:
        if v:
            return "true"
        return "false"
    except (TypeError, ValueError, OverflowError) as e:
        return "%s: %s" % (type(e).__name__, e)


def while_cond(n):
    k = 0
    while Mask([k < n]):
        k += 1
    return k


def chained(c, lo, hi):
    return lo < c.value() <= hi


def main():
    pairs = [(Vec(1, 2), Vec(3, 4)), (Vec(1, 2), Vec(1, 2)), (Vec(1, 5), Vec(3, 4)), (Vec(5, 5), Vec(1, 1))]
    res = {}
    for i in range(400):
        r = branch(*pairs[i % 4])
        res[r] = res.get(r, 0) + 1
    print(sorted(res.items()))
    vals = [Mask([]), Mask([1]), Mask([0, 1]), BadBool(), Length(0), Length(3), Length(-1), Length(2 ** 70), [], "x", 0.0]
    out = None
    for i in range(100):
        out = [truth(v) for v in vals]
    print(out)
    print(sum(while_cond(i % 10) for i in range(300)))
    Counted.calls = 0
    print(sum(chained(Counted(i % 10), 2, 6) for i in range(500)), Counted.calls)
    print(5 < OnlyReflected(1))
    try:
        OnlyReflected(1) < 5
    except TypeError as e:
        print("TypeError:", e)
    try:
        OnlyReflected(1) > OnlyReflected(2) < 3
    except TypeError as e:
        print("TypeError:", e)
    try:
        object() < object()
    except TypeError as e:
        print("TypeError:", e)
    a, b = object(), object()
    print(a == a, a == b, a != b, [] or 0 or "last", 1 and [] and 2, not Length(0), not Mask([3]))
    x = 5
    print(1 < x < 10 > 2 != 3, 1 < x > 10, x is not None is not False)


main()
