# Keyword arguments, keyword-only, positional-only.


def f(a, b, c=3, *, d=4, e):
    return a * 1 + b * 10 + c * 100 + d * 1000 + e * 10000


def g(x, y, /, z=0, *, w=1):
    return (x - y) * z + w


def kw_collect(**kw):
    return sorted(kw.items())


def main():
    s = 0
    for i in range(1000):
        s += f(i, 1, e=2)
        s += f(1, i, c=i, e=1)
        s += f(b=2, a=1, d=i, e=0)
        s += g(i, 2, z=3, w=i)
        s += g(i, 3)
    print(s)
    print(kw_collect(a=1, b=2, zz=3))
    kw = {"e": 5, "d": 6}
    print(f(1, 2, **kw), f(*[1, 2], c=0, **kw))
    for bad in [lambda: f(1, 2), lambda: g(x=1, y=2), lambda: f(1, 2, 3, 4, e=1), lambda: f(1, 2, e=1, zz=2), lambda: f(1, a=2, e=1)]:
        try:
            bad()
        except TypeError as ex:
            print("TypeError:", ex)
    print(dict(a=1, b=2), sorted("bca", key=None, reverse=True), int("ff", base=16))


main()
