# len() and isinstance() at call sites the interpreter specialised (PRECALL_NO_KW_LEN,
# PRECALL_NO_KW_ISINSTANCE): lists, tuples, bytes and dicts are measured inline once compiled, and
# an exact type or a subtype of a plain class answers isinstance inline; other objects, ABCs,
# `__class__` overrides, errors, rebound builtins and arguments that die in the call keep
# their behaviour. Functions run often enough to be compiled with the interpreter's feedback.
import abc
import sys


class Sized:
    def __len__(self):
        return 7


class BytesLen(bytes):
    def __len__(self):
        return 42


class BadLen:
    def __len__(self):
        return -1


class Noisy:
    def __del__(self):
        f = sys._getframe(1)
        print("del in", f.f_code.co_name, "line", f.f_lineno)


def measure(x):
    return len(x)


def measure_fresh(n):
    # The argument is a temporary: the call releases the last reference.
    return len([Noisy() for _ in range(n)]) if n < 3 else len(list(range(n)))


def measure_attr(o):
    return len(o.items)


class Holder:
    def __init__(self, items):
        self.items = items


class Base:
    pass


class Child(Base):
    pass


class Liar:
    @property
    def __class__(self):
        return int


class Meta(abc.ABC):
    pass


Meta.register(float)


class Always(type):
    def __instancecheck__(cls, obj):
        return True


class Anything(metaclass=Always):
    pass


def check(x, cls):
    return isinstance(x, cls)


def check_fresh(n):
    return isinstance([Noisy() for _ in range(n)], list)


def total(seqs):
    t = 0
    for s in seqs:
        t += len(s)
    return t


def main():
    values = [[], [1, 2, 3], (), (1,), {}, {"a": 1, "b": 2}, list(range(300)), tuple(range(1000)),
              dict.fromkeys(range(500)), "abc", "", {1, 2}, frozenset(), b"xy", range(10), Sized(),
              bytearray(5), b"", BytesLen(b"abc")]
    for _ in range(150):
        r = [measure(v) for v in values]
    print(r)
    for bad in (5, None, BadLen(), iter([])):
        try:
            measure(bad)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    d = {1: 2}
    d[3] = 4
    del d[1]
    print(measure(d), measure(sorted(d)))
    for _ in range(150):
        s = measure_fresh(5) + measure_attr(Holder([1, 2])) + measure_attr(Holder({}))
    print(s)
    print(measure_fresh(2), measure_fresh(0))
    print(total([[1], (2, 3), {4: 5}, "six", range(7)] * 40))
    objs = [1, True, 1.5, "s", [], Base(), Child(), Liar(), None, Anything(), int]
    classes = [int, bool, object, Base, Child, list, Meta, Anything, (int, str), type, abc.ABC]
    for _ in range(120):
        grid = [[check(o, c) for c in classes] for o in objs]
    for row in grid:
        print(row)
    for bad in (3, "x", (int, 4)):
        try:
            check(1.5, bad)
        except TypeError as e:
            print("TypeError", e)
    for _ in range(120):
        check_fresh(0)
    print(check_fresh(2))
    global isinstance
    isinstance = lambda x, c: "rebound"
    print(check(1, int))
    del isinstance
    print(check(1, int))
    global len
    len = lambda x: "rebound"
    print(measure([1]), total.__name__)
    del len
    print(measure([1, 2]))


main()
