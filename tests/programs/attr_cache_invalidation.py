"""Attribute and method lookups whose answers change while compiled loops run.

Covers a class attribute rebound mid-loop, a method replaced on the class, a data
descriptor added to the class later shadowing the instance dict, __class__ reassigned on
an instance, __getattr__ added to the class mid-loop, instance attribute deleted so the
class attribute shows through, __slots__ vs dict instances of sibling classes, and
monkeypatching a base class method seen by subclasses.
"""


class A:
    kind = "A"

    def m(self):
        return 1


class B(A):
    pass


class Other:
    kind = "Other"

    def m(self):
        return 1000


def loop(objs, n):
    t = 0
    kinds = []
    for i in range(n):
        o = objs[i % len(objs)]
        t += o.m()
        kinds.append(o.kind)
        if i == 50:
            A.kind = "A2"
        if i == 100:
            A.m = lambda self: 10
        if i == 150:
            objs[0].__class__ = Other
        if i == 200:
            B.m = lambda self: 100
    return t, sorted(set(kinds))


class P:
    def __init__(self):
        self.x = "instance"


def descriptor_later(n):
    p = P()
    out = []
    for i in range(n):
        out.append(p.x)
        if i == 3:
            P.x = property(lambda self: "property")
        if i == 6:
            del P.x
    return out


class G:
    y = "class-y"

    def __init__(self):
        self.y = "inst-y"


def getattr_later(n):
    g = G()
    out = []
    for i in range(n):
        try:
            out.append(g.missing)
        except AttributeError:
            out.append("AE")
        out.append(g.y)
        if i == 2:
            G.__getattr__ = lambda self, name: "dyn-" + name
        if i == 4:
            del g.y
    return out


class S1:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


class S2:
    def __init__(self, v):
        self.v = v


def mixed(objs):
    return sum(o.v for o in objs)


def main():
    objs = [A(), B(), A()]
    print(loop(objs, 300))
    print(descriptor_later(9))
    print(getattr_later(6))
    objs = [S1(i) if i % 2 else S2(i) for i in range(50)]
    print(sum(mixed(objs) for _ in range(300)))
    o = objs[1]
    try:
        o.w = 1
    except AttributeError as e:
        print("AttributeError:", e)


main()
