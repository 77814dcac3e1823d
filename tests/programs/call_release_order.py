class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
    def meth(self, *a): return self.n
def f(a, b): return a.n + b.n
def g(a, b): return 0
def run():
    print(f(D(1), D(2)))
    print(D(3).meth())
    print(g(D(4), D(5)))
    print(D(6).meth.__name__)
    k = D(7)
    print(f(k, D(8)))
    del k
    def raiser(a): raise ValueError(a.n)
    try: raiser(D(9))
    except ValueError as e: print("caught", e)
for i in range(2): run()
import sys
def rc(x): return sys.getrefcount(x)
o = object()
print(rc(o), rc(o))
