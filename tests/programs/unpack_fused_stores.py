# UNPACK_SEQUENCE of 4+ items followed by STORE_FASTs runs as one step: items are all taken
# before any old value is released, stores go left to right, finalisers see each store.
import sys
from collections import namedtuple
class D:
    def __init__(self, tag, lst=None): self.tag = tag; self.lst = lst
    def __del__(self):
        f = sys._getframe(1)
        if self.lst is not None:
            self.lst.clear()                 # mutates the list being unpacked
        print("del", self.tag, "in", f.f_code.co_name, "line", f.f_lineno)
def stores(s):
    a = D("old a"); b = D("old b"); c = None; d = D("old d")
    a, b, c, d = s
    return a, b, c, d
print(stores((1, 2, 3, 4)))
print(stores([5, 6, 7, 8]))
def self_unpack(a):
    a, b, c, d = a                            # the sequence is also the first target
    return a, b, c, d
print(self_unpack((9, 10, 11, 12)))
def repeated(t):
    a, a, b, a = t                            # last store wins
    return a, b
print(repeated("wxyz"))
def mutating():
    lst = [1, 2, 3, 4]
    a = D("clears", lst)
    a, b, c, d = lst                          # a's finaliser empties lst after the items are taken
    return a, b, c, d, lst
print(mutating())
def multiline(t):
    (a,
     b, c, d) = t                             # targets on two lines: not fused, same result
    return a + b + c + d
print(multiline((1, 2, 3, 4)))
P = namedtuple("P", "w x y z")
def named(p):
    total = 0
    for _ in range(3):
        w, x, y, z = p                        # a tuple subclass: the interpreter unpacks it
        total += w + x + y + z
    return total
print(named(P(1, 2, 3, 4)), named((1, 2, 3, 4)), named([1, 1, 1, 1]))
for bad in [(1, 2, 3), [1, 2, 3, 4, 5], "abc", 7]:
    try:
        stores(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
def owned():
    a, b, c, d = [D("i0"), D("i1"), 2, 3]     # the list is released before the stores
    print("stored")
    return c + d
print(owned())
