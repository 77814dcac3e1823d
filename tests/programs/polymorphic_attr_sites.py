# Attribute and method sites that see several classes, which compiled code serves from the
# site's alternative entries inline, and class attributes read on the class itself
# (Cls.CONSTANT): attributes missing or deleted on some instances, instance dicts shadowing
# methods, methods and class attributes rebound, metaclasses, __slots__ and dict-based classes.


class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v
        self.w = v * 2

    def get(self):
        return self.v

    def both(self):
        return self.v + self.w


class A(Base):
    def get(self):
        return ("A", self.v)


class B(Base):
    pass


class C(Base):
    __slots__ = ()


class D(Base):
    def __init__(self, v):
        self.w = -v
        self.v = v


class Slots:
    __slots__ = ("v", "w")

    def __init__(self, v):
        self.v = v
        self.w = 0

    def get(self):
        return ("Slots", self.v)

    both = Base.both


def read_all(objs):
    out = []
    for o in objs:
        try:
            out.append((o.v, o.w, o.get(), o.both()))
        except AttributeError as e:
            out.append(("AttributeError", str(e)))
    return out


objs = [Base(1), A(2), B(3), C(4), D(5), Slots(6)]
for i in range(40):
    r = read_all(objs)
print(r)

b = B(7)
del b.w
objs.append(b)
s = Slots(8)
del s.w
objs.append(s)
a = A(9)
a.get = lambda: "shadowed by the instance"
objs.append(a)
for i in range(5):
    r = read_all(objs)
print(r)

A.get = lambda self: ("rebound", self.v)
print(read_all(objs))


class Meta(type):
    flavour = "meta"


class K(metaclass=Meta):
    LIMIT = 10
    flavour = "class"


class K2:
    LIMIT = 20


def class_reads(classes):
    return [(c.LIMIT, getattr(c, "flavour", None)) for c in classes]


for i in range(30):
    r = class_reads([K, K2, K, K2])
print(r)
K.LIMIT = 11
Meta.LIMIT = "on the metaclass"
print(class_reads([K, K2]))
del K.LIMIT
print(class_reads([K, K2]))
Meta.flavour = property(lambda cls: "data descriptor on the metaclass")
try:
    print(class_reads([K]))
except AttributeError as e:
    print("AttributeError", e)


def constants(n):
    t = 0
    for i in range(n):
        t += K2.LIMIT
        if i == n // 2:
            K2.LIMIT = 1
    return t


print(constants(100))
