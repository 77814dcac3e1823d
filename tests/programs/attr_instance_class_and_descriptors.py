"""LOAD_ATTR on instances served by the slow path's per-site entry: `obj.__class__` and other
data descriptors (their `__get__` called), and class attributes that are not descriptors read
through instances (`self.key` for a class constant), which an instance's own attribute of the
same name must shadow at once, in every kind of instance layout."""


class Base:
    key = "base-key"
    TABLE = {"a": 1}

    def __init__(self, v):
        self.v = v


class Column(Base):
    key = "column"


class Slotted:
    __slots__ = ("x",)
    key = "slotted"

    def __init__(self):
        self.x = 1


class Err(Exception):  # instances keep their dict at tp_dictoffset
    key = "err"


def read_keys(objs):
    out = []
    for o in objs:
        out.append((o.key, o.__class__.__name__))
    return out


objs = [Base(1), Column(2), Slotted(), Err("e")]
for _ in range(300):
    r = read_keys(objs)
print(r)

# An instance gets its own attribute of that name: it shadows the class's at once.
b = Base(3)
for _ in range(300):
    read_keys([b])
b.key = "own"
print(read_keys([b]))
del b.key
print(read_keys([b]))
e = Err("x")
for _ in range(300):
    read_keys([e])
e.key = "err-own"
print(read_keys([e]))

# Many attributes: the instance's dict is made; shadowing seen through it.
c = Column(4)
for i in range(40):
    setattr(c, "attr%d" % i, i)
for _ in range(300):
    read_keys([c])
c.key = "dict-own"
print(read_keys([c]))

# The class attribute rebound or deleted, a subclass adding its own.
Base.key = "rebound"
print(read_keys([Base(5), Column(6)]))
del Column.key
print(read_keys([Column(7)]))


# Data descriptors: a custom one, one that removes itself from the class in __get__, and a
# class that overrides __class__.
class Desc:
    def __init__(self, tag):
        self.tag = tag

    def __get__(self, obj, owner=None):
        return "desc:" + self.tag

    def __set__(self, obj, value):
        raise AttributeError("read-only")


class SelfRemoving:
    def __get__(self, obj, owner=None):
        del owner.d
        return "removed myself"

    def __set__(self, obj, value):
        pass


class WithDesc:
    d = Desc("one")


def read_d(o):
    return o.d


w = WithDesc()
w.__dict__["d"] = "instance dict value loses to a data descriptor"
print([read_d(w) for _ in range(300)][-1])
WithDesc.d = Desc("two")
print(read_d(w))
WithDesc.d = SelfRemoving()
print(read_d(w), read_d(w))


class Fake:
    @property
    def __class__(self):
        return int


def cls_of(o):
    return o.__class__


print([cls_of(Base(1)) for _ in range(300)][-1], cls_of(Fake()))
x = Base(2)
x.__class__ = Column  # an instance's class changed: the type guard sees it
print(cls_of(x).__name__, read_keys([x]))


# Data descriptors of the metatype read on classes: `cls.__name__`, `__qualname__`, `__mro__`,
# `__doc__`, then renamed, and a metaclass with a descriptor of its own.
def names(classes):
    return [(c.__name__, c.__qualname__, len(c.__mro__)) for c in classes]


for _ in range(300):
    n = names([Base, Column, Slotted])
print(n)
Column.__name__ = "Renamed"
Column.__qualname__ = "Outer.Renamed"
print(names([Column]))


class Meta(type):
    @property
    def __name__(cls):
        return "meta-name"


class WithMeta(metaclass=Meta):
    pass


print(names([WithMeta, Base]))


# `obj.__class__` at a site that sees many classes, one redefining `__class__`, one with a
# custom `__getattribute__`, and modules and classes.
class Odd:
    __class__ = "a class attribute"


class Custom:
    def __getattribute__(self, name):
        return "custom:" + name


import sys


def many_classes(objs):
    return [repr(o.__class__) for o in objs]


pool = [Base(1), Column(2), Slotted(), Err(), 1, "s", 2.0, [], {}, Odd(), Custom(), sys, Base, Fake()]
for _ in range(200):
    r = many_classes(pool)
print(r)
