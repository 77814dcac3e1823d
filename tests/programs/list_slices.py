# Slices of lists built and assigned by compiled code without a slice object (BUILD_SLICE with
# the subscript or assignment after it): negative and huge bounds and steps, None parts,
# __index__ bounds, empty results, reversed copies, slice assignment from lists, strs and
# tuples (also of the list itself), list subclasses that override item access, tuples and
# strs, the errors of bad bounds, zero steps and non-iterable values, and result sizes.
class L(list):
    def __getitem__(self, k):
        return ("L.getitem", k)
    def __setitem__(self, k, v):
        print("L.setitem", k, v)

class Idx:
    def __index__(self):
        return 2

def loads(x, k):
    return [x[k::-1], x[::2], x[1::3], x[k:1:-1], x[-1:-5:-2], x[::-1], x[k:k], x[100::-1],
            x[-100::1], x[2:8:1], x[None:None:None], x[Idx():Idx()], x[1:6:2], x[::10**30], x[::-10**30],
            x[10**30::-1], x[-10**30:10**30:3]]

def stores(x, k):
    y = list(x)
    y[:k + 1] = y[k::-1]
    y[2:4] = "ab"
    y[-3:] = (9, 9)
    y[:] = y[:]
    y[k:k] = [k]
    y[10**30:] = [1]
    y[-10**30:1] = []
    y[5:2] = [7, 7]
    y[Idx():] = [0]
    return y

def errors(x):
    out = []
    for f in (lambda: x[::0], lambda: x[1.5::2], lambda: x["a":], lambda: x[:: "s"]):
        try:
            f()
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    for f in (lambda: x.__setitem__(slice(1.0, 2), [1]),):
        try:
            f()
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    def st():
        x[1.0:2] = [1]
    def st2():
        x[:2] = 5
    for f in (st, st2):
        try:
            f()
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out

def others(t, s, l):
    l[1:3] = [0]
    return t[4:0:-1], s[::-1], s[1:7:2], l[::-1], t[::2]

base = list(range(12))
for i in range(40):
    r = [loads(base, k) for k in (0, 3, 11)], [stores(base, k) for k in (0, 3, 11)], errors(list(base)), others(tuple(base), "abcdefghij", L(base))
print(r)
import sys
print(sys.getsizeof(base[::-1]) == sys.getsizeof(list(range(12))[::-1]))
def f(x, k):
    a = x[k::-1]; b = x[::2]; c = x[0:k]; x2 = list(x); x2[:k] = x[k::-1]
    return sys.getsizeof(a), sys.getsizeof(b), sys.getsizeof(c), sys.getsizeof(x2), x2
for i in range(20):
    r = [f(list(range(n)), k) for n in (0, 5, 17) for k in (0, 2, 4)]
print(r)
