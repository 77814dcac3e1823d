# Attribute access and method calls.


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        self.x *= k
        self.y *= k
        return self

    def norm1(self):
        return abs(self.x) + abs(self.y)

    @staticmethod
    def zero():
        return Vec(0, 0)

    @classmethod
    def unit(cls):
        return cls(1, 1)


class Bag:
    pass


def main():
    v = Vec.zero()
    u = Vec.unit()
    for i in range(1000):
        v = v.add(u)
        if i % 100 == 0:
            v.scale(-1)
    print(v.x, v.y, v.norm1())
    b = Bag()
    for i in range(500):
        setattr(b, "a%d" % (i % 10), i)
        b.total = getattr(b, "total", 0) + i
    print(sorted(vars(b).items()))
    print(hasattr(b, "a3"), hasattr(b, "zz"), getattr(b, "zz", "dflt"))
    delattr(b, "a3")
    print(hasattr(b, "a3"))
    m = v.norm1
    s = 0
    for i in range(500):
        s += m()
    print(s, m.__self__ is v, m.__func__ is Vec.norm1)
    try:
        b.missing
    except AttributeError as e:
        print("AttributeError:", e)
    add = Vec.add
    w = Vec(1, 2)
    for _ in range(300):
        w = add(w, Vec(2, 3))
    print(w.x, w.y)


main()
