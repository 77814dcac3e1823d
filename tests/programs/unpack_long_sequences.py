# UNPACK_SEQUENCE of 5..16 items is inline for exact tuples and lists; other lengths,
# subclasses and iterables take the helper, and wrong lengths raise the interpreter's errors.
class T(tuple): pass
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def ten(s):
    a, b, c, d, e, f, g, h, i, j = s
    return j, i, h, g, f, e, d, c, b, a
def sixteen(s):
    a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p = s
    return a + p, h + i
def seventeen(s):
    a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q = s
    return q
for _ in range(3):
    print(ten(tuple(range(10))), ten(list("abcdefghij")), ten(T(range(10))), ten(iter(range(10))))
    print(sixteen(tuple(range(16))), sixteen(list(range(16))), seventeen(list(range(17))))
for bad in [tuple(range(9)), list(range(11)), (), "abc", 5, None]:
    try:
        ten(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
# The sequence is released after its items are taken: the last reference goes with it.
def drop():
    a, b, c, d, e = [D(1), 2, 3, 4, D(5)]
    print("unpacked")
    del a
    print("a gone")
    return e.n
print(drop())
def own(lst):
    # Items keep the sequence's elements alive after the list is mutated.
    a, b, c, d, e = lst
    lst.clear()
    return a, e
print(own([1, "x", 3.5, (1,), [2]]))
