"""Metaclasses customising __call__, __new__, __init__ and class creation with type().

Covers singletons via metaclass __call__, metaclass __new__ adding methods, __init__
validation, classes created with type(name, bases, dict) in hot loops, class decorators,
__class_getitem__, metaclass conflicts (TypeError), and isinstance/__instancecheck__.
"""


class Singleton(type):
    instances = {}

    def __call__(cls, *args, **kw):
        if cls not in Singleton.instances:
            Singleton.instances[cls] = super().__call__(*args, **kw)
        return Singleton.instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, v=0):
        self.v = v


class AutoRepr(type):
    def __new__(mcs, name, bases, ns):
        fields = [k for k, v in ns.items() if not k.startswith("_") and not callable(v)]
        ns["__repr__"] = lambda self: "%s(%s)" % (name, ", ".join("%s=%r" % (f, getattr(self, f)) for f in fields))
        return super().__new__(mcs, name, bases, ns)

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls.created = True


class Pt(metaclass=AutoRepr):
    x = 0
    y = 0

    def __init__(self, x, y):
        self.x, self.y = x, y


class Evens(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0


class Even(metaclass=Evens):
    pass


class Meta1(type):
    pass


class Meta2(type):
    pass


def add_id(cls):
    cls.ident = cls.__name__.lower()
    return cls


@add_id
class Decorated:
    pass


class Box:
    def __class_getitem__(cls, item):
        return "Box[%s]" % (item.__name__ if isinstance(item, type) else item)


def make(i):
    C = type("C%d" % (i % 3), (object,), {"v": i, "double": lambda self: self.v * 2})
    return C().double()


def main():
    a = Config(1)
    b = Config(2)
    print(a is b, b.v)
    print(repr(Pt(1, 2)), Pt.created)
    print([isinstance(v, Even) for v in (2, 3, "4", 10)])
    print(Decorated.ident, Box[int], Box["x"])
    print(sum(make(i) for i in range(500)))
    A = Meta1("A", (), {})
    B = Meta2("B", (), {})
    try:
        class C(A, B):
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        type("X", (1,), {})
    except TypeError as e:
        print("TypeError:", e)
    try:
        type("X", (), [])
    except TypeError as e:
        print("TypeError:", e)
    print(type(type("Y", (), {})).__name__, type.__call__(int, "5"))


main()
