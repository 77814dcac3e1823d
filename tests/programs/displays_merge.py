"""Display unpacking: LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE, BUILD_*_UNPACK paths.

Covers [*a, *b], (*a, x), {*a, *b}, {**a, **b, k: v} with later keys winning, {**m} with
custom mappings and dict subclasses, unpacking generators/strings/dicts (keys), error
messages for non-iterables and non-mappings in displays, and large mixed displays in
hot functions.
"""
import collections


class Mapping:
    def keys(self):
        return ["m1", "m2"]

    def __getitem__(self, k):
        return k.upper()


def merge(a, b, i):
    lst = [*a, i, *b, *range(2)]
    tup = (*a, *b)
    st = {*a, *b, i % 3}
    dct = {**{"x": i}, **{"y": i, "x": -i}, "z": 0, **dict.fromkeys(a, 1)}
    return len(lst) + len(tup) + len(st) + sum(dct.values())


def err(src, ns):
    try:
        eval(src, ns)
        return "ok"
    except TypeError as e:
        return "TypeError: " + str(e)


def main():
    t = 0
    for i in range(500):
        t += merge("abc"[: i % 4], [i, i + 1], i)
    print(t)
    a, b = [1, 2], (3, 4)
    print([*a, *b], (*a, *b, 5), sorted({*a, *b, *a}), [*"hi", *{"k": 1}, *(x for x in range(2))])
    print({**{"a": 1}, **collections.OrderedDict(b=2), **Mapping()}, {**collections.Counter("aab")})
    print({"a": 0, **{"a": 1}}, {**{"a": 1}, "a": 2}, dict(**{"q": 1}), [*[], *()], {*()})
    ns = {"n": 5, "m": Mapping(), "none": None}
    for src in ["[*n]", "(*n,)", "{*n}", "{**n}", "{**none}", "[*none, 1]", "{'a': 1, **[1]}", "{**m}", "print(*n)"]:
        print(src, "->", err(src, ns))
    big = [*range(100), *range(100, 0, -1)]
    print(len(big), big[98:102], sum({*big}))


main()
