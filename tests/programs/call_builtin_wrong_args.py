"""Builtins called with wrong arguments: exact TypeError/ValueError messages.

Covers len/abs/int/float/str/round/sorted/min/max/divmod/pow/isinstance/getattr/setattr/
range/zip/enumerate/iter/next/chr/ord/hash/format with wrong arity, wrong types and bad
values, method descriptors of builtins with wrong self, and the same failing calls in a
hot loop.
"""


def attempt(fn, *a, **kw):
    try:
        return repr(fn(*a, **kw))
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


CASES = [
    (len, (1,), {}), (len, (), {}), (len, ([], []), {}), (abs, ("x",), {}), (int, ("12x",), {}),
    (int, ("10", 1), {}), (int, (1.5, 10), {}), (float, ("nan?",), {}), (round, ("1",), {}),
    (sorted, (5,), {}), (sorted, ([1], ), {"cmp": 1}), (min, (), {}), (min, ([],), {}),
    (max, (1,), {}), (divmod, (1, 0), {}), (pow, (2, -1, 5), {}), (pow, (2, 1, 0), {}),
    (isinstance, (1, 5), {}), (getattr, (1, "nope"), {}), (getattr, (1, 2), {}),
    (setattr, (1, "x", 2), {}), (range, (1.5,), {}), (range, (1, 2, 0), {}), (zip, (1,), {}),
    (lambda *a, **kw: list(zip(*a, **kw)), ([1], [1, 2]), {"strict": True}), (enumerate, ([],), {"begin": 1}), (iter, (5,), {}),
    (next, ([],), {}), (chr, (-1,), {}), (ord, ("ab",), {}), (hash, ([],), {}),
    (format, (1, "q"), {}), (str.join, (",", [1, 2]), {}), (list.append, ((), 1), {}),
    (dict, ([1],), {}), (dict, ([(1, 2, 3)],), {}), (bytes, ("x",), {}), (sum, (["a"],), {}),
    (sum, ([1], "s"), {}), (print, (), {"end": 5}), (list, (1, 2), {}), (tuple, (), {"x": 1}),
    (int.from_bytes, (b"\x01",), {"byteorder": "mid"}), (str.split, ("a",), {"sep": ""}),
    (object, (1,), {}), (type, (1, 2), {}), (issubclass, (1, int), {}), (callable, (), {}),
    ("abc".index, ("z",), {}), ([1].index, (2,), {}), ({}.pop, ("k",), {}), (set().remove, (1,), {}),
]


def main():
    out = []
    for i in range(10):
        out = [attempt(fn, *a, **kw) for fn, a, kw in CASES]
    for line in out:
        print(line)
    errs = 0
    for i in range(1000):
        try:
            int("bad%d" % (i % 3))
        except ValueError:
            errs += 1
        try:
            len(i)
        except TypeError:
            errs += 1
    print(errs)


main()
