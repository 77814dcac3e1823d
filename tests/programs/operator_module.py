"""operator module functions used as callables in hot code: itemgetter, attrgetter (dotted),
methodcaller, arithmetic/comparison functions, in-place variants, index/length_hint,
and sorting with multi-key getters.
"""
import functools
import operator as op


class P:
    def __init__(self, name, age, city):
        self.name, self.age = name, age
        self.addr = type("A", (), {"city": city})()

    def greet(self, greeting, punct="!"):
        return "%s, %s%s" % (greeting, self.name, punct)


def main():
    people = [P("p%d" % i, 20 + i % 13, "c%d" % (i % 4)) for i in range(300)]
    key = op.attrgetter("addr.city", "age", "name")
    ps = sorted(people, key=key)
    print([key(p) for p in ps[:3]], key(ps[-1]))
    rows = [(i % 5, -i, str(i)) for i in range(300)]
    ig = op.itemgetter(0, 2)
    print(sorted(rows, key=ig)[:3], op.itemgetter(1)(rows[7]), op.itemgetter(slice(1, None))(rows[2]))
    mc = op.methodcaller("greet", "Hi", punct="?")
    print(mc(people[0]), [op.methodcaller("upper")(s) for s in "ab"])
    fns = [op.add, op.sub, op.mul, op.floordiv, op.mod, op.pow, op.lshift, op.and_, op.or_, op.xor]
    print([functools.reduce(f, [7, 3, 2]) for f in fns])
    print(op.truediv(7, 2), op.neg(5), op.invert(5), op.not_(0), op.truth([]), op.is_(None, None), op.contains("abc", "b"))
    print(op.lt(1, 2), op.ge("a", "b"), op.eq([1], [1]), op.concat([1], [2]), op.countOf([1, 1, 2], 1), op.indexOf("abc", "c"))
    lst = [1, 2]
    r = op.iadd(lst, [3])
    print(r is lst, lst, op.iadd((1,), (2,)), op.index(7), op.length_hint(iter(range(9))))
    d = {}
    op.setitem(d, "k", 1)
    op.delitem(d, "k")
    print(d, op.getitem("abc", 1))
    tot = 0
    for i in range(500):
        tot += op.add(op.mul(i, 2), op.itemgetter(1)((0, i)))
    print(tot)
    try:
        op.attrgetter("addr.zip")(people[0])
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        op.itemgetter(5)([1])
    except IndexError as e:
        print("IndexError:", e)


main()
