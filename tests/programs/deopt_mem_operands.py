"""Instructions whose fast path bails out to the interpreter while their operands are
results of calls (values that live only on the value stack, not in locals or constants).

Each case is a compiled function where UNPACK_SEQUENCE, LIST_EXTEND, SET_UPDATE,
DICT_UPDATE, DICT_MERGE, BINARY_SUBSCR, STORE_SUBSCR, CALL_FUNCTION_EX, FOR_ITER and
FORMAT_VALUE receive an operand produced by a call just before, of a type outside the
fast path (generators, dict subclasses, custom sequences, objects with __format__), while
other call results are still pending below it on the stack.
"""
import collections


class D(dict):
    pass


class Seq:
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


class Fmt:
    def __format__(self, spec):
        return "<fmt %s>" % spec


def gen(n):
    for i in range(n):
        yield i


def make_dict(i):
    return D(a=i, b=-i) if i % 2 else {"a": i, "b": -i}


def make_od(i):
    return collections.OrderedDict([("z", i)])


def ident(x):
    return x


def f(*args, **kw):
    return len(args) + sum(kw.values())


def unpack(i):
    a, b, c = gen(3) if i % 2 else (i, i, i)
    (d, e), g = ident(Seq(1, 2)), ident([i])
    return a + b + c + d + e + g[0]


def displays(i):
    lst = [ident(0), *gen(i % 4), *ident(Seq(7, 8))]
    st = {ident(1), *gen(3), *ident("ab")}
    dct = {"pre": ident(1), **make_dict(i), **make_od(i), **ident(D(q=5))}
    return len(lst) + len(st) + sum(v for v in dct.values() if isinstance(v, int))


def calls(i):
    r = f(ident(1), *gen(3), **make_dict(i))
    r += f(*ident(Seq(1, 2)), **ident(D(x=i)))
    r += f(ident(2), *ident((3, 4)), **make_od(i), **{"w": 1})
    return r


def subscripts(i):
    m = make_dict(i)
    s = ident(Seq(10, 20, 30))
    v = ident(5) + m["a"] + s[1] + ident(collections.deque([1, 2]))[0]
    m[ident("k")] = ident(s)[2]
    return v + m["k"]


def loops(i):
    t = 0
    for x in ident(Seq(1, 2, 3)):
        t += x
    for k in make_dict(i):
        t += len(k)
    for a, b in ident(make_dict(i).items()):
        t += len(a) + b
    return t


def formats(i):
    return "%s|%s|%s" % (f"{ident(Fmt()):x>4}", f"{ident(i)!r:>5}", f"{make_dict(i)['a']:03d}")


def main():
    tot = 0
    for i in range(300):
        tot += unpack(i) + displays(i) + calls(i) + subscripts(i) + loops(i)
    print(tot)
    print([unpack(i) for i in range(3)], [displays(i) for i in range(3)], [calls(i) for i in range(3)])
    print([subscripts(i) for i in range(3)], [loops(i) for i in range(3)], formats(7))


main()
