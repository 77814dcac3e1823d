import sys, traceback
def f(a, b=2, *, c=3, d):
    return (a, b, c, d)
def g(x, y=10, z=20): return x + y + z
def po(a, b, /, c=5): return (a, b, c)
for i in range(30):
    r = (f(1, d=4), f(1, 5, d=6, c=7), f(a=1, d=2), g(1), g(1, 2), g(1, z=3), g(x=1, y=1, z=1), po(1, 2), po(1, 2, c=9))
print(r)
for bad in ("f(1)", "f(1, 2, 3, d=4)", "f(1, d=1, e=2)", "f(1, a=2, d=3)", "po(a=1, b=2)", "g()", "g(1, x=2)"):
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", e)
g.__defaults__ = (100, 200)
print([g(1) for _ in range(3)])
f.__kwdefaults__ = {"c": "kw", "d": "dd"}
print(f(0))
f.__kwdefaults__ = None
try: f(0)
except TypeError as e: print(e)
class K:
    def m(self, v, scale=2): return v * scale
k = K()
print(sum(k.m(i) + k.m(i, scale=3) for i in range(100)))
def deep(n, acc=0):
    return acc if n == 0 else deep(n - 1, acc=acc + n)
print(deep(500))
def tb(x, flag=False):
    if flag: raise ValueError(x)
    return x
try:
    for i in range(5): tb(i, flag=(i == 4))
except ValueError:
    traceback.print_exc(file=sys.stdout)
name = "".join(["sc", "ale"])
print(k.m(3, **{name: 5}))
def many(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q=1): return q
print(many(*range(16)), many(*range(16), q=2))
