"""CALL_FUNCTION_EX with unusual * and ** arguments and the exact error messages.

Covers **dict subclasses (overridden __getitem__/keys honoured or not), **custom mappings
with keys()/__getitem__, **OrderedDict order, *generators/*sets/*strings, duplicate keyword
errors ('got multiple values for keyword argument'), non-mapping ** and non-iterable *
errors, non-string keys, keyword arguments merged from several ** in one call, and
functions taking **kwargs receiving a fresh dict every call.
"""
import collections


class UpperDict(dict):
    def __getitem__(self, k):
        return super().__getitem__(k).upper()

    def keys(self):
        return [k for k in super().keys() if k != "hidden"]


class KeysOnly:
    def __init__(self, d):
        self.d = d

    def keys(self):
        return list(self.d)

    def __getitem__(self, k):
        return self.d[k] * 10


class NoGetitem:
    def keys(self):
        return ["a"]


def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()))


def collect(**kw):
    kw["touched"] = True
    return kw


def err(callable_, *args, **kw):
    try:
        return callable_(*args, **kw)
    except TypeError as e:
        return "TypeError: " + str(e)


def main():
    res = []
    for i in range(300):
        args = (i,) + tuple(range(i % 4))
        kwargs = {"c": i % 5} if i % 2 else {"z": i}
        res.append(f(*args, **kwargs))
    print(res[:4], len(res))
    print(f(**UpperDict(a="x", b="y", hidden="h")))
    print(f(**UpperDict(a="x")), f(*UpperDict(q=1)))
    print(f(**KeysOnly({"a": 1, "b": 2})))
    print(f(**collections.OrderedDict([("b", 1), ("a", 2), ("zz", 3), ("yy", 4)])))
    print(f(*(x * x for x in range(4))), f(*"xyz"), f(*sorted({3, 1, 2})))
    d = {"k": 1}
    r1 = collect(**d)
    print(r1, d, r1 is d)
    print(f(1, **{"c": 1}, **{"d": 2}))
    print(err(lambda: f(1, **{"c": 1}, **{"c": 2})))
    print(err(f, 1, a=2))
    print(err(lambda: f(**{"a": 1}, **UpperDict(a="dup"))))
    print(err(lambda: f(*5)))
    print(err(lambda: f(*None)))
    print(err(lambda: f(**5)))
    print(err(lambda: f(**[("a", 1)])))
    print(err(lambda: f(**NoGetitem())))
    print(err(lambda: f(**{1: 2})))
    print(err(lambda: collect(**{"a": 1, 2: 3})))
    print(err(lambda: len(*[1, 2])))
    print(err(lambda: print(**{"sep": "-", "bogus": 1})))
    print(err(lambda: dict(**{"a": 1}, **{"a": 2})))
    print(err(lambda: f(1, *[2], **{"b": 3})))
    print(err(lambda: f()))


main()
