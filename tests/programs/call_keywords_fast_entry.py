"""Keyword call sites whose keywords name the parameters after the positional arguments (in
order) call the callee's fast entry as the positional call; callees swapped under the site
(other names, positional-only, keyword-only, *args/**kwargs, other defaults) and wrong
calls must bind and fail exactly as in stock CPython."""


def f(a, b=2, c=3):
    return (a, b, c)


def g(a, c=5, b=6):
    return ("g", a, b, c)


def posonly(a, b=2, /, c=3):
    return ("posonly", a, b, c)


def kwonly(a, *, b=2, c=3):
    return ("kwonly", a, b, c)


def star(a, *args, b=2, **kw):
    return ("star", a, args, b, sorted(kw.items()))


def noc(a, b):
    return ("noc", a, b)


def site(fn, i):
    return fn(i, b=i + 1)


def site_all(fn, i):
    return fn(a=i, b=i, c=i)


for i in range(300):
    site(f, i)
    site_all(f, i)
print(site(f, 1), site_all(f, 2))
for fn in (g, posonly, kwonly, star, noc, f):
    for name, call in (("site", site), ("site_all", site_all)):
        try:
            print(name, fn.__name__, call(fn, 7))
        except TypeError as e:
            print(name, fn.__name__, "TypeError:", e)

# The code swapped under a function the site knows.
def h(a, b=0, c=0):
    return ("h", a, b, c)


for i in range(300):
    site(h, i)
h.__code__ = g.__code__
h.__defaults__ = (50, 60)
print("swapped", site(h, 1))
h.__code__ = noc.__code__
h.__defaults__ = None
print("swapped again", site(h, 1))
try:
    site_all(h, 1)
except TypeError as e:
    print("TypeError:", e)


# Methods: the keyword follows self and the positional arguments.
class K:
    def m(self, x, scale=1, offset=0):
        return x * scale + offset


def method_site(k, i):
    return k.m(i, scale=2) + k.m(i, scale=3, offset=1)


k = K()
print(sum(method_site(k, i) for i in range(500)))
K.m = lambda self, x, offset=0, scale=1: (x, offset, scale)
print("replaced method", k.m(1, scale=2))
try:
    print(method_site(k, 4))
except TypeError as e:
    print("TypeError:", e)


# A recursive keyword call keeps the traceback of stock.
def countdown(n, step=1):
    if n <= 0:
        raise ValueError("done at %d" % n)
    return countdown(n - step, step=step)


import traceback
try:
    countdown(5, step=2)
except ValueError:
    traceback.print_exc()
