"""MATCH_CLASS: positional patterns via __match_args__, keyword patterns, builtin types.

Covers int(x)/str(x)/float/bool/bytes/list/tuple/dict self-matching builtins, bool vs int
ordering, subclasses of builtins, __match_args__ on plain classes and dataclasses,
inheritance of __match_args__, attributes computed by properties and __getattr__ during
matching, and classes matched many times in a hot dispatcher.
"""
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


@dataclass
class Point3(Point):
    z: int = 0


class Shape:
    __match_args__ = ("kind", "size")

    def __init__(self, kind, size):
        self.kind, self.size = kind, size

    @property
    def area(self):
        return self.size * self.size


class Dyn:
    __match_args__ = ("a", "b")

    def __getattr__(self, name):
        if name in ("a", "b", "c"):
            return name.upper()
        raise AttributeError(name)


class MyInt(int):
    pass


def classify(v):
    match v:
        case bool(b):
            return "bool %s" % b
        case MyInt(n):
            return "myint %d" % n
        case int(n) if n > 100:
            return "big int"
        case int(0 | 1 as n):
            return "bit %d" % n
        case int():
            return "int"
        case float(f):
            return "float %.2f" % f
        case str("" as s):
            return "empty str"
        case str(s):
            return "str of %d" % len(s)
        case bytes(b):
            return "bytes %r" % b
        case list([first, *_]):
            return "nonempty list starting %r" % (first,)
        case tuple(t):
            return "tuple len %d" % len(t)
        case dict({"k": k}):
            return "dict with k=%r" % (k,)
        case Point3(x, y, z):
            return "p3 %d %d %d" % (x, y, z)
        case Point(0, y=yy):
            return "p on y %d" % yy
        case Point(x=xx, y=0):
            return "p on x %d" % xx
        case Point(a, b):
            return "p %d,%d" % (a, b)
        case Shape("square", size=s, area=a):
            return "square %d area %d" % (s, a)
        case Shape(k, s):
            return "shape %s %s" % (k, s)
        case Dyn(a, b, c="C"):
            return "dyn %s %s" % (a, b)
        case object(__class__=cls):
            return "other " + cls.__name__


def main():
    samples = [True, False, MyInt(5), 500, 1, 0, 7, 2.5, "", "abc", b"xy", [3, 4], [], (1, 2),
               {"k": 9, "z": 1}, {"q": 1}, Point3(1, 2, 3), Point(0, 4), Point(5, 0), Point(2, 3),
               Shape("square", 3), Shape("circle", 2), Dyn(), None, 3j]
    counts = {}
    for i in range(1000):
        r = classify(samples[i % len(samples)])
        counts[r] = counts.get(r, 0) + 1
    for s in samples:
        print(classify(s), counts[classify(s)])


main()
