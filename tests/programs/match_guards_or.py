"""Guards, or-patterns, value patterns, literal patterns and capture semantics.

Covers guards with side effects (evaluated only after a structural match), or-patterns
binding the same names in different alternatives, value patterns on dotted names and
enums, literals (None/True/False compared by identity, -1, complex, strings), and names
bound by a case whose guard failed.
"""
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Limits:
    LOW = 10
    HIGH = 100


def check(v, log):
    def g(tag, cond):
        log.append(tag)
        return cond

    match v:
        case (x, y) | [x, y, _] if g("pair", x == y):
            return "equal pair %r" % (x,)
        case {"a": x} | {"b": x} if g("ab", x is not None):
            return "a-or-b %r" % (x,)
        case Color.RED | Color.GREEN as c:
            return "warm-ish %s" % c.name
        case Color.BLUE:
            return "blue"
        case Limits.LOW:
            return "exactly low"
        case Limits.HIGH | -1:
            return "high or -1"
        case 1 + 2j:
            return "complex"
        case True:
            return "True"
        case None:
            return "None"
        case 1.0:
            return "one-ish %r" % (v,)
        case "a" | "b" | "c" as ch:
            return "letter " + ch
        case int(n) | float(n) if g("num", n > 50):
            return "big number"
        case str() as s if g("str", s.startswith("x")):
            return "x-string"
        case _:
            return "default"


def leftover_binding(v):
    x = "unset"
    match v:
        case [x, 0] if False:
            pass
        case _:
            pass
    return x


def main():
    samples = [(2, 2), (2, 3), [4, 4, 0], {"a": 1}, {"b": None}, {"b": 5}, Color.RED, Color.GREEN,
               Color.BLUE, 10, 100, -1, 1 + 2j, True, 1, 1.0, False, 0, None, "b", "xyz", "q", 75, 75.5, 3]
    counts = {}
    log = []
    for i in range(1000):
        r = check(samples[i % len(samples)], log)
        counts[r] = counts.get(r, 0) + 1
    for s in samples:
        lg = []
        print(repr(s), "->", check(s, lg), lg)
    print(sorted(counts.items()))
    print(len(log))
    print(leftover_binding([5, 0]), leftover_binding([5, 1]))


main()
