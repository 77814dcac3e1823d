import sys, traceback, abc
class P:
    def __init__(self, x, y=0, *, z=1):
        self.x = x; self.y = y; self.z = z
    def m(self, k): return self.x + k
class Q(P):
    def __init__(self, x):
        super().__init__(x, y=2)
class Bad:
    def __init__(self): return 5
class Raises:
    def __init__(self, v): raise ValueError(v)
class NewOverride:
    def __new__(cls, *a): 
        o = super().__new__(cls); o.made = a; return o
    def __init__(self, *a): self.a = a
class Abs(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
class Slots:
    __slots__ = ("a",)
    def __init__(self, a): self.a = a
def run():
    out = []
    for i in range(20):
        p = P(i, z=3)
        q = Q(i)
        bm = p.m
        s = Slots(i)
        out.append((p.x, p.y, p.z, q.y, bm(1), s.a))
    print(out[-1])
    for thing in (lambda: Bad(), lambda: Raises(3), lambda: Abs(), lambda: P(), lambda: P(1, 2, 3), lambda: Slots()):
        try:
            thing()
        except Exception as e:
            print(type(e).__name__, e)
    n = NewOverride(1, 2); print(n.made, n.a)
    try:
        Raises("tb")
    except ValueError:
        traceback.print_exc(file=sys.stdout)
    print(sys.getrefcount(P) > 0, type(P(1)).__name__)
run()
def depth(n):
    class N:
        def __init__(self, k):
            self.child = N(k - 1) if k else None
    return N(n)
sys.setrecursionlimit(200)
try:
    depth(500)
except RecursionError as e:
    print("RecursionError", e)
import gc
class Cyc:
    def __init__(self): self.me = self
for i in range(100): Cyc()
gc.collect()
print("done")
# Instances built on the fast path keep their attributes in the type's shared-key layout,
# as object.__new__ sets them up (a dict made from them is a split-table dict).
class Shared:
    def __init__(self, a, b):
        self.a = a
        self.b = b
sizes = set()
for i in range(30):
    sizes.add(sys.getsizeof(Shared(i, i).__dict__))
print(sorted(sizes))
