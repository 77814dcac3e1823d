# Zero-argument super() in various positions.


class Base:
    def __init__(self, v):
        self.v = v

    def compute(self, x):
        return self.v + x

    @classmethod
    def make(cls, v):
        return cls(v)

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.v)


class Mid(Base):
    def __init__(self, v):
        super().__init__(v * 2)

    def compute(self, x):
        return super().compute(x) * 3

    @classmethod
    def make(cls, v):
        obj = super().make(v + 1)
        obj.tag = "mid"
        return obj


class Leaf(Mid):
    def compute(self, x):
        r = 0
        for i in range(3):
            r += super().compute(x + i)
        return r

    def with_closure(self, n):
        def helper():
            return __class__.__name__

        return [helper() for _ in range(n)]

    def in_genexpr(self, xs):
        s = super()
        return sum(s.compute(x) for x in xs)


def main():
    objs = [Leaf(i) for i in range(100)]
    t = 0
    for _ in range(10):
        for o in objs:
            t += o.compute(5)
    print(t)
    print(Leaf.make(3), Leaf.make(3).tag, Mid.make(4))
    print(objs[1].with_closure(3))
    print(objs[2].in_genexpr(range(100)))
    print(super(Leaf, objs[3]).compute(1), super(Mid, objs[3]).compute(1))


main()
