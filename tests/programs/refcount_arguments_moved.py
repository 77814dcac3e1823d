"""sys.getrefcount of an argument inside the callee, for calls made from compiled code: the
caller's reference to a temporary moves into the callee's frame, as the interpreter moves it."""
import sys
def f(x, y=1): return sys.getrefcount(x)
def g(x): return sys.getrefcount(x)
class C:
    def m(self, x, k=0): return sys.getrefcount(x)
def run():
    c = C()
    bm = c.m
    return (f(object()), f(object(), y=2), g(object()), g(x=object()), c.m(object()),
            c.m(object(), k=1), bm(object()), bm(x=object()))
for i in range(300):
    r = run()
print(r)
