"""Attribute sites that read class attributes on the class itself and properties on
instances, in hot loops, while the classes change under them.

Covers plain class attributes and functions read on a class, attributes inherited from a base
that is modified later, a metaclass that gains an attribute of the same name (which then wins),
a class attribute replaced by a descriptor, properties whose getter raises, a property replaced
by a plain attribute, `property.__init__` called again on a live property, and sites seeing
many different classes.
"""


class Base:
    LIMIT = 10
    def method(self):
        return "base"


class Child(Base):
    SCALE = 3


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    TAG = "class"


class Shape:
    def __init__(self, w):
        self.w = w

    @property
    def area(self):
        if self.w < 0:
            raise ValueError("negative width %d" % self.w)
        return self.w * self.w


def read_class(cls, n):
    total = 0
    for _ in range(n):
        total += cls.LIMIT + cls.SCALE if hasattr(cls, "SCALE") else cls.LIMIT
    return total, cls.method.__name__


def read_tag(n):
    return [WithMeta.TAG for _ in range(n)][-1]


def read_area(shapes):
    out = 0
    for s in shapes:
        out += s.area
    return out


def main():
    print(read_class(Child, 50), read_class(Base, 50))
    Base.LIMIT = 100
    print(read_class(Child, 50))
    del Base.LIMIT
    try:
        read_class(Child, 5)
    except AttributeError as e:
        print("AttributeError:", e)
    Base.LIMIT = staticmethod(lambda: 1)
    try:
        read_class(Child, 5)
    except TypeError as e:
        print("TypeError:", e)
    Base.LIMIT = 7
    print(read_class(Child, 5))
    print(read_tag(40))
    Meta.TAG = property(lambda cls: "meta property")
    print(read_tag(40))
    del Meta.TAG
    Meta.TAG = "meta plain"
    print(read_tag(40))
    shapes = [Shape(i) for i in range(30)]
    print(read_area(shapes), read_area(shapes))
    try:
        read_area(shapes + [Shape(-2)])
    except ValueError as e:
        print("ValueError:", e)
    Shape.__dict__["area"].__init__(lambda self: self.w + 1000)
    print(read_area(shapes))
    Shape.area = 5
    print(read_area(shapes))
    kinds = [type("K%d" % i, (), {"V": i}) for i in range(12)]
    print(sum(read_class_v(k) for k in kinds * 5))


def read_class_v(k):
    return k.V


main()
