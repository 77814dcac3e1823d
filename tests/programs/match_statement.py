# Structural pattern matching.
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


class Circle:
    __match_args__ = ("r",)

    def __init__(self, r):
        self.r = r


def describe(obj):
    match obj:
        case 0 | 1 | 2:
            return "small int"
        case int(n) if n < 0:
            return "negative"
        case int():
            return "int"
        case str() as s if len(s) > 3:
            return "long str " + s
        case str(s):
            return "str " + s
        case [] | ():
            return "empty seq"
        case [x]:
            return "single %r" % (x,)
        case [x, y, *rest]:
            return "seq %r %r +%d" % (x, y, len(rest))
        case {"type": "user", "name": name, **others}:
            return "user %s %s" % (name, sorted(others))
        case {"type": t}:
            return "typed %s" % t
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=y):
            return "on y axis at %d" % y
        case Point(x, y):
            return "point %d,%d" % (x, y)
        case Circle(r) if r > 10:
            return "big circle"
        case Circle(r=r):
            return "circle %s" % r
        case None:
            return "none"
        case float(f):
            return "float %.1f" % f
        case _:
            return "other " + type(obj).__name__


def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south") as d]:
            return "going " + d
        case ["go", d]:
            return "can't go " + d
        case ["take", *items] if items:
            return "take " + ",".join(items)
        case _:
            return "?"


def main():
    samples = [0, 2, -5, 99, "ab", "abcdef", [], (), [1], [1, 2, 3, 4], (5, 6),
               {"type": "user", "name": "bo", "age": 3}, {"type": "x"}, {"other": 1},
               Point(0, 0), Point(0, 5), Point(3, 4), Circle(20), Circle(2), None, 2.5, {1, 2}, b"x"]
    counts = {}
    for i in range(1000):
        d = describe(samples[i % len(samples)])
        counts[d] = counts.get(d, 0) + 1
    for k in sorted(counts):
        print(k, counts[k])
    for c in ["go north", "go west", "take a b", "take", "dance"]:
        print(command(c))


main()
