"""Iteration corner cases inside compiled loops.

Covers mutating a list while iterating (sees appended items, skips after removal), dicts
and sets changing size during iteration (RuntimeError), a dict mutated but same size
(RuntimeError 'dictionary keys changed during iteration'), __next__ raising a non-
StopIteration error mid-loop, the __getitem__ iteration protocol (IndexError ends it),
iter(callable, sentinel), exhausted iterators reused, and StopIteration values ignored by for.
"""


class OldStyle:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i


class Breaks:
    def __init__(self, at):
        self.i, self.at = 0, at

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i == self.at:
            raise LookupError("broken at %d" % self.i)
        if self.i > 10:
            raise StopIteration("value ignored")
        return self.i


def grow(n):
    lst = [0]
    for x in lst:
        if len(lst) < n:
            lst.append(x + 1)
    return lst


def shrink():
    lst = list(range(10))
    seen = []
    for x in lst:
        seen.append(x)
        if x % 2 == 0:
            lst.remove(x)
    return seen, lst


def dict_change(kind):
    d = {i: i for i in range(5)}
    try:
        for k in d:
            if kind == 0:
                d[k + 100] = 1
            else:
                del d[k]
                d[k + 100] = 1
        return "no error"
    except RuntimeError as e:
        return str(e)


def set_change():
    s = {1, 2, 3}
    try:
        for x in s:
            s.add(x + 10)
    except RuntimeError as e:
        return str(e)


def consume(it):
    out = []
    try:
        for x in it:
            out.append(x)
    except LookupError as e:
        out.append(str(e))
    return out


def sentinel_reader(data):
    it = iter(data)
    return list(iter(lambda: next(it), 3))


def main():
    print(grow(8), shrink())
    print(dict_change(0), dict_change(1), set_change())
    tot = 0
    for i in range(300):
        tot += sum(OldStyle(i % 10)) + len(consume(Breaks(i % 13))) + len(sentinel_reader([1, 2, 3, 4]))
        tot += len(grow(i % 6 + 1))
    print(tot)
    print(list(OldStyle(5)), consume(Breaks(4)), consume(Breaks(50)), sentinel_reader([5, 3, 1]))
    it = iter([1, 2])
    print(list(it), list(it), 1 in OldStyle(3), 4 in OldStyle(3), 5 in OldStyle(3))
    try:
        for x in 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        for x in OldStyle:
            pass
    except TypeError as e:
        print("TypeError:", e)


main()
