# `if a is b`, `if a is not b` and `if x in c`, `if x not in c` fused with their jumps: the
# identity or the membership test decides the branch without a bool. Covers True/False/None
# and other objects, owned operands (results of calls) freed by the test, loops closed by the
# test (backward jumps), __contains__ that raises or returns a non-bool, and __del__ run when an
# operand of `is` dies.
import sys


def fuzzy(v):
    if v is True:
        return "T"
    if v is False:
        return "F"
    if v is not None:
        return "other"
    return "N"


def pick(a, b):
    out = []
    if a is b:
        out.append("same")
    if a is not b:
        out.append("differ")
    if not (a is b):
        out.append("not-same")
    return out


class Bag:
    def __init__(self, items, fail=False, weird=False):
        self.items = items
        self.fail = fail
        self.weird = weird

    def __contains__(self, x):
        if self.fail:
            raise KeyError(x)
        if self.weird:
            return [x] if x in self.items else []
        return x in self.items


def member(x, c):
    if x in c:
        r = "in"
    else:
        r = "out"
    if x not in c:
        r += "/not-in"
    return r


def count_until(seq, stop):
    i = 0
    while seq[i] is not stop:
        i += 1
    return i


def skip_members(seq, c):
    n = 0
    i = 0
    while seq[i] in c:
        i += 1
        n += 1
    return n


class Noisy:
    def __del__(self):
        print("del", file=sys.stdout)


def fresh():
    return Noisy()


def owned_operands():
    # Both operands are results of calls: released by the test, __del__ runs before the branch.
    if fresh() is fresh():
        return "same"
    return "differ"


sentinel = object()
values = [True, False, None, 0, 1, "", sentinel, 1.0, [], (), "True"]
for _ in range(40):
    fz = [fuzzy(v) for v in values]
    pk = [pick(a, b) for a in values[:4] for b in values[:4]]
    mem = [member(x, c) for x in (1, "a", None, 2.5) for c in ([1, 2], {"a": 1}, frozenset("abc"), (None,), Bag([2.5]), Bag([1], weird=True))]
    cu = count_until([3, 4, None, 5, sentinel, 6], sentinel)
    sm = skip_members("aabbacx", {"a", "b"})
print(fz)
print(pk)
print(mem)
print(cu, sm)
print(owned_operands())
try:
    member(1, Bag([], fail=True))
except KeyError as e:
    print("KeyError", e)
try:
    member(1, 5)
except TypeError as e:
    print("TypeError", e)
try:
    count_until([1, 2], sentinel)
except IndexError as e:
    print("IndexError", e)
