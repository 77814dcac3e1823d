"""`f(*x)` with every kind of iterable in compiled code (lists, generators, dict views,
strings, custom iterables and sequences), iterables that raise part way, non-iterables (the
interpreter's own message), and `f(*x, **kw)` with both.
"""


def f(*args, **kwargs):
    return len(args), args[:3], sorted(kwargs.items())


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


class It:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            if i == 4:
                raise RuntimeError("iterator broke at %d" % i)
            yield i


def gen(n):
    for i in range(n):
        yield -i


def spread(values, kw):
    out = []
    for v in values:
        try:
            out.append(f(*v))
            out.append(f(*v, **kw))
            out.append(f(1, *v))
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out


def main():
    values = [[1, 2, 3], (4, 5), "abc", {"k": 1, "j": 2}.keys(), Seq(), It(3), It(9), 42, None,
              range(5), {7, 8}, b"xy"]
    kw = {"a": 1, "b": 2}
    for _ in range(3):
        res = spread(values, kw)
    for r in res:
        print(r)
    print([f(*gen(k)) for k in range(4)])


main()
