"""UNPACK_EX (starred assignment) in every position, with every kind of iterable, and errors.

Covers a, *b = ..., *a, b = ..., a, *b, c = ..., nested starred targets, starred targets in
for loops, unpacking generators/strings/dicts/sets of one element/custom iterables, the
starred name always being a list, the exact 'not enough values to unpack (expected at
least N, got M)' messages, and unpacking inside hot functions.
"""


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        n = self.n
        while n > 0:
            yield n
            n -= 1


def split3(seq):
    first, *mid, last = seq
    return first, mid, last


def heads(seq):
    *init, tail = seq
    a, *rest = seq
    return init, tail, a, rest


def nested(seq):
    (a, *b), *c, [d, *e] = seq
    return a, b, c, d, e


def loop(rows):
    out = []
    for k, *vals in rows:
        out.append((k, sum(vals)))
    return out


def err(fn, v):
    try:
        return fn(v)
    except (ValueError, TypeError) as e:
        return "%s: %s" % (type(e).__name__, e)


def main():
    t = 0
    for i in range(500):
        f, m, l = split3(range(i % 9 + 2))
        t += f + len(m) + l
        init, tail, a, rest = heads([i, i + 1, i + 2][: i % 3 + 1])
        t += len(init) + tail + a + len(rest)
    print(t)
    print(split3("ab"), split3(Countdown(5)), split3((x for x in "xyz")), split3({"k": 1, "j": 2}))
    print(heads((1,)), type(heads((1, 2))[0]).__name__)
    print(nested([(1, 2, 3), 4, 5, (6, 7)]), nested(["ab", "cd"]))
    print(loop([("a", 1, 2), ("b",), ("c", 5)]))
    print(err(split3, [1]), err(split3, []), err(split3, 5), err(nested, [(1,)]))
    print(err(lambda v: [(a, *b) for a, *b in v], [(1,), ()]))
    *only, = Countdown(3)
    print(only)
    a, *b, c, d = range(3)
    print(a, b, c, d)
    try:
        a, *b, c, d = range(2)
    except ValueError as e:
        print("ValueError:", e)


main()
