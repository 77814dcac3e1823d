"""MATCH_SEQUENCE with star patterns at every position, nested sequences, non-sequences.

Covers [*rest], [first, *mid, last], [*head, x, y], tuples vs lists vs ranges vs deque vs
custom Sequence, str/bytes/bytearray not matching sequence patterns, iterators not
matching, GET_LEN based length checks, and nested destructuring in a hot function.
"""
import collections
import collections.abc


class Seq(collections.abc.Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


def shape(s):
    match s:
        case []:
            return "empty"
        case [x]:
            return "one %r" % (x,)
        case [x, y]:
            return "two %r %r" % (x, y)
        case [0, *rest]:
            return "zero-led +%d" % len(rest)
        case [first, *mid, last] if first == last:
            return "same ends, mid %d" % len(mid)
        case [*head, [a, b], c]:
            return "pair near end: %r %r after %d" % (a, b, len(head))
        case [x, y, *_, (p, q)]:
            return "ends with 2-tuple %r" % ((p, q),)
        case [_, _, _, *more]:
            return "3+ (%d more)" % len(more)


def not_sequences(v):
    match v:
        case [*_]:
            return "sequence"
        case _:
            return "not a sequence"


def destructure(rows):
    total = 0
    for row in rows:
        match row:
            case (name, [x, y], *tags):
                total += x * y + len(tags) + len(name)
            case (name, value):
                total += value
            case _:
                total -= 1
    return total


def main():
    samples = [[], (1,), [1, 2], [0, 1, 2, 3], [5, 1, 1, 5], [9, 8, [1, 2], 7], (1, 2, 3, (4, 5)),
               (1, 2, 3, 4), range(4), range(0, 3), collections.deque([3, 2, 3]), Seq(7, 7, 7),
               Seq(0, 9), [[1, 2], 3]]
    counts = {}
    for i in range(700):
        r = shape(samples[i % len(samples)])
        counts[r] = counts.get(r, 0) + 1
    for s in samples:
        print(shape(s))
    print(sorted(counts.values()))
    print([not_sequences(v) for v in ("abc", b"ab", bytearray(b"a"), iter([1]), {1: 2}, {1}, memoryview(b"ab"), array_like())])
    rows = [("ab", [2, 3], "t1", "t2"), ("c", 5), ("d", (1, 1), "e"), "xyz", ("q", [1, 2, 3], "t")]
    print(sum(destructure(rows) for _ in range(300)))


def array_like():
    import array
    return array.array("i", [1, 2])


main()
