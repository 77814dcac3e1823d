"""Errors raised by pattern matching at run time, ending with an uncaught one.

Covers __match_args__ not a tuple, too many positional sub-patterns, a class pattern on a
non-class, attribute lookups raising non-AttributeError errors during matching, a mapping
whose get() raises, and a guard raising; the last TypeError escapes to the top level.
"""


class BadArgs:
    __match_args__ = ["a"]
    a = 1


class Two:
    __match_args__ = ("a", "b")
    a, b = 1, 2


class Exploding:
    __match_args__ = ("boom",)

    @property
    def boom(self):
        raise ZeroDivisionError("property exploded")


class BadMap(dict):
    def get(self, k, default=None):
        raise KeyError("get failed for %r" % (k,))


def try_match(v, which):
    try:
        match v:
            case BadArgs(x) if which == 0:
                return "badargs %r" % (x,)
            case Two(x, y, z) if which == 1:
                return "three"
            case Exploding(b) if which == 2:
                return "exploded?"
            case {"k": 1} if which == 3:
                return "map"
            case x if which == 4 and 1 / 0:
                return "guard"
            case _:
                return "no match"
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def non_class(v, cls):
    match v:
        case cls():
            return "matched"
    return "no"


def main():
    cases = [(BadArgs(), 0), (Two(), 1), (Exploding(), 2), (BadMap(k=1), 3), (5, 4), ("s", 5)]
    res = {}
    for i in range(600):
        v, w = cases[i % len(cases)]
        r = try_match(v, w)
        res[r] = res.get(r, 0) + 1
    for k in sorted(res):
        print(res[k], k)
    print(non_class(3, int))
    print(non_class(3, len))


main()
