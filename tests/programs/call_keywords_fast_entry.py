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


# Keyword-only parameters, all passed by the site's keywords in order: the fast entry binds
# them as the frame's slots after the positional parameters.
def ko(src, pos, *, multiline, strict=False):
    return (src, pos, multiline, strict)


def ko_site(i):
    return ko("s", i, multiline=True, strict=i % 2 == 0)


def ko_partial(i):
    return ko("s", i, multiline=False)  # strict from __kwdefaults__: the dispatcher binds it


print(sum(ko_site(i)[1] for i in range(400)), ko_site(3), ko_partial(4))
ko.__kwdefaults__ = {"strict": "changed"}
print(ko_partial(5), ko_site(6))


def ko_swapped(i):
    return ko("s", i, strict=1, multiline=2)  # out of order


print(ko_swapped(1), [ko_swapped(i) for i in range(300)][-1])
try:
    ko("s", 1, 2, 3)
except TypeError as e:
    print("TypeError:", e)


def positional_to_kwonly(fn, i):
    return fn("s", i, True, False)  # a positional site must never bind keyword-only slots


def four(a, b, c, d):
    return (a, b, c, d)


for i in range(300):
    positional_to_kwonly(four, i)
try:
    positional_to_kwonly(ko, 1)
except TypeError as e:
    print("TypeError:", e)


# The same site seeing a function with other keyword-only names.
def other_ko(src, pos, *, multi, strict=False):
    return ("other", src, pos, multi, strict)


def site_fn(fn, i):
    return fn("s", i, multiline=True, strict=False)


for i in range(300):
    site_fn(ko, i)
try:
    site_fn(other_ko, 1)
except TypeError as e:
    print("TypeError:", e)


# Recursion through keyword-only calls still gives RecursionError.
def deep(n, *, step):
    return deep(n + step, step=step)


try:
    deep(0, step=1)
except RecursionError:
    print("RecursionError")
