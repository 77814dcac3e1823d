"""Bound methods, staticmethod, classmethod, properties and method objects in hot loops.

Covers calling through the class vs an instance, storing bound methods and calling later,
__func__/__self__, methods replaced on the instance (shadowing), methods added to the
class after instances exist, classmethods on subclasses, staticmethod called as a plain
function in the class body (3.10+ callable), and calling unbound methods with wrong types.
"""


class Counter:
    created = 0

    def __init__(self, start=0):
        self.n = start
        Counter.created += 1

    def inc(self, by=1):
        self.n += by
        return self.n

    @staticmethod
    def helper(x):
        return x * 3

    @classmethod
    def make(cls, start):
        return cls(start)

    tripled = helper(3)

    @property
    def double(self):
        return self.n * 2


class Sub(Counter):
    def inc(self, by=1):
        return super().inc(by * 10)


def hot(objs, n):
    total = 0
    for i in range(n):
        o = objs[i % len(objs)]
        m = o.inc
        total += m() + Counter.inc(o, 2) + o.helper(i) + type(o).make(i).n + o.double
    return total


def main():
    objs = [Counter(), Sub(5), Counter.make(3), Sub.make(1)]
    print(hot(objs, 1000), Counter.created, Counter.tripled)
    c = Counter(1)
    bm = c.inc
    print(bm.__self__ is c, bm.__func__ is Counter.inc, bm(5), bm.__name__, bm.__qualname__)
    c.inc = lambda by=1: "shadowed"
    print(c.inc(), Counter.inc(c), type(Sub.make(0)).__name__)
    Counter.extra = lambda self: "added later %d" % self.n
    print(objs[0].extra(), Counter.helper(2), Sub.helper(2))
    try:
        Counter.inc()
    except TypeError as e:
        print("TypeError:", e)
    print(Counter.inc(objs[1]))
    try:
        Sub.inc(objs[0])
    except TypeError as e:
        print("TypeError:", e)
    sm = Counter.__dict__["helper"]
    cm = Counter.__dict__["make"]
    print(type(sm).__name__, sm(4), type(cm).__name__, cm.__func__(Counter, 9).n)
    print([f(2) for f in (objs[0].inc, objs[1].inc, Counter.helper, Sub.make)][:3])
    try:
        str.upper(5)
    except TypeError as e:
        print("TypeError:", e)
    print(list(map(str.upper, ["a", "b"])), list(map(Counter.helper, range(3))))


main()
