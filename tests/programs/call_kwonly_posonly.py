"""Parameter kinds in depth: positional-only, keyword-only, defaults, *args, **kwargs.

Covers positional-only names reusable as **kwargs keys, keyword-only defaults evaluated
once, mutable default arguments shared across calls, defaults referencing earlier globals,
__defaults__/__kwdefaults__ changed at run time (the next call sees them), and inspect's
signature binding agreeing with the real call.
"""
import inspect


def po(a, b=2, /, c=3, *args, d, e=5, **kw):
    return a, b, c, args, d, e, sorted(kw.items())


def shared(item, bucket=[]):
    bucket.append(item)
    return len(bucket)


def late(x, y=10):
    return x + y


def main():
    res = []
    for i in range(400):
        res.append(po(i, d=i))
        res.append(po(i, i + 1, i + 2, i + 3, d=0, a="kw-a", b="kw-b"))
    print(res[0], res[1], len(res))
    print(po(1, d=2, c=9), po(1, 2, 3, 4, 5, d=6, e=7, f=8))
    print([shared(i) for i in range(5)], shared(0, []))
    print([late(i) for i in range(3)])
    late.__defaults__ = (100,)
    print([late(i) for i in range(3)])
    po.__kwdefaults__ = {"d": "default-d", "e": "E"}
    print(po(0))
    po.__kwdefaults__ = None
    try:
        po(0)
    except TypeError as e:
        print("TypeError:", e)
    late.__defaults__ = None
    try:
        late(1)
    except TypeError as e:
        print("TypeError:", e)
    sig = inspect.signature(shared)
    print(sig, list(sig.parameters))

    def f(a, /, b, *, c):
        return a, b, c
    print(inspect.signature(f), f(1, 2, c=3), f(1, b=2, c=3))
    try:
        inspect.signature(f).bind(a=1, b=2, c=3)
    except TypeError as e:
        print("bind TypeError:", e)
    try:
        f(a=1, b=2, c=3)
    except TypeError as e:
        print("TypeError:", e)


main()
