# Import statements inside functions.


def use_math(n):
    import math
    return sum(math.isqrt(i) for i in range(n))


def use_from(n):
    from collections import Counter, deque
    c = Counter(i % 7 for i in range(n))
    d = deque(range(5), maxlen=3)
    return sorted(c.items()), list(d)


def use_alias():
    import os.path as osp
    import json as J
    return osp.join("a", "b"), J.dumps({"x": [1, 2]}, sort_keys=True)


def missing():
    try:
        import does_not_exist_module_xyz
    except ImportError as e:
        return type(e).__name__, str(e)


def from_missing():
    try:
        from math import no_such_name
    except ImportError as e:
        return type(e).__name__, str(e).split(" (")[0], e.name


def main():
    t = 0
    for i in range(300):
        t += use_math(50)
    print(t)
    for i in range(100):
        r = use_from(100)
    print(r)
    print(use_alias())
    print(missing())
    print(from_missing())
    import sys
    print("math" in sys.modules, __name__)
    import itertools, functools as ft
    print(list(itertools.accumulate(range(6))), ft.reduce(lambda a, b: a + b, "xyz"))


main()
