# *args and **kwargs in calls and definitions.


def collect(*args, **kwargs):
    return len(args), sum(args), sorted(kwargs)


def fwd(*args, **kwargs):
    return collect(*args, 100, *args, extra=1, **kwargs)


def head_tail(first, *rest):
    return first, rest


def main():
    t = 0
    for i in range(1000):
        n, s, ks = fwd(i, i + 1, k=i)
        t += n + s + len(ks)
    print(t, fwd(1, 2, a=3, b=4))
    args = list(range(10))
    for _ in range(200):
        h, r = head_tail(*args)
    print(h, r)
    print(max(*args), min(*args, -1), "{}-{}-{}".format(*"abc"))
    kw = {"sep": "|", "end": "!\n"}
    print(1, 2, 3, **kw)
    print(collect(*(), **{}))
    print(collect(*range(5), **dict(zip("xyz", range(3)))))
    try:
        collect(**{"a": 1}, **{"a": 2})
    except TypeError as e:
        print("TypeError:", e)


main()
