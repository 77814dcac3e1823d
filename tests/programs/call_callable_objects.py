"""Calling non-function callables: __call__ instances, functools.partial, types, builtins.

Covers __call__ defined on the class (instance attribute __call__ is ignored), callables
whose __call__ is a staticmethod or another callable object, partial objects nested with
keyword overrides and positional appends, partial of methods, calling classes with
__new__/__init__, objects that are not callable (message), and callables in hot loops.
"""
import functools


class Adder:
    def __init__(self, k):
        self.k = k

    def __call__(self, x, *rest, scale=1):
        return (x + self.k + sum(rest)) * scale


class Chain:
    def __init__(self, *fns):
        self.fns = fns

    def __call__(self, x):
        for f in self.fns:
            x = f(x)
        return x


class Indirect:
    __call__ = Adder(100)


class StaticCall:
    __call__ = staticmethod(lambda *a: ("static", a))


class NotCallable:
    pass


def power(base, exp, *, mod=None):
    return pow(base, exp, mod)


def main():
    add5 = Adder(5)
    twice = functools.partial(add5, scale=2)
    sq = functools.partial(power, exp=2)
    sq_mod = functools.partial(sq, mod=7)
    pipeline = Chain(add5, twice, sq_mod, abs)
    total = 0
    for i in range(800):
        total += add5(i) + twice(i, 1) + sq(i) + sq_mod(i, exp=3) + pipeline(i)
    print(total)
    print(twice.func is add5, twice.keywords, sq_mod.keywords, repr(sq_mod.args))
    try:
        Indirect()(1)
    except TypeError as e:
        print("TypeError:", e)
    print(StaticCall()(1, 2))
    obj = NotCallable()
    obj.__call__ = lambda: "instance attr"
    try:
        obj()
    except TypeError as e:
        print("TypeError:", e)
    try:
        functools.partial(5)
    except TypeError as e:
        print("TypeError:", e)
    try:
        sq()
    except TypeError as e:
        print("TypeError:", e)
    bound = functools.partial(str.replace, "a-b-c", "-")
    print(bound("+"), bound("", 1))
    print(callable(add5), callable(NotCallable), callable(obj), callable(5))
    p2 = functools.partial(functools.partial(power, 2), 10)
    print(p2(), type(p2.func).__name__, p2.args)


main()
