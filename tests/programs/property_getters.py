# Property reads whose getter compiled code calls through its fast entry: the caller's frame
# seen from the getter, exceptions and tracebacks, getters replaced (property.__init__ again,
# the class attribute rebound, deleted while running), getters that are not plain functions,
# defaults, generator getters, recursion, subclasses and __slots__.
import operator
import sys
import traceback


class Point:
    __slots__ = ("_x", "_y")

    def __init__(self, x, y):
        self._x = x
        self._y = y

    @property
    def x(self):
        return self._x

    @property
    def y(self):
        return self._y

    @property
    def where(self):
        f = sys._getframe(1)
        return (f.f_code.co_name, f.f_lineno)

    @property
    def broken(self):
        return self._x / self._y


def read(p):
    return p.x + p.y, p.where


for i in range(40):
    r = read(Point(i, 2))
print(r)
try:
    for i in range(3):
        Point(1, 1 - i).broken
except ZeroDivisionError:
    traceback.print_exc(file=sys.stdout)


class Shape:
    def _area(self):
        return "first"

    area = property(_area)


def areas(n):
    out = []
    s = Shape()
    for i in range(n):
        out.append(s.area)
        if i == 10:
            Shape.area.__init__(lambda self: "reinitialised")
        if i == 20:
            Shape.area = property(lambda self: "rebound")
        if i == 30:
            Shape.area = property(operator.attrgetter("__class__"))
        if i == 35:
            Shape.area = property(Shape._area.__call__)
    return out


print(areas(40))


class SelfDeleting:
    @property
    def once(self):
        del SelfDeleting.once
        return "deleted while running"


print(SelfDeleting().once)
try:
    SelfDeleting().once
except AttributeError as e:
    print("AttributeError", e)


class Odd:
    def _with_default(self, extra=5):
        return extra

    def _gen(self):
        yield 1
        yield 2

    with_default = property(_with_default)
    gen = property(_gen)
    no_getter = property(None, lambda self, v: None)


def odd_reads(o):
    out = [o.with_default, list(o.gen)]
    try:
        out.append(o.no_getter)
    except AttributeError as e:
        out.append(str(e))
    return out


for i in range(30):
    r = odd_reads(Odd())
print(r)


class Base:
    @property
    def name(self):
        return "base"


class Derived(Base):
    @property
    def name(self):
        return "derived:" + super().name


def names(objs):
    return [o.name for o in objs]


for i in range(30):
    r = names([Base(), Derived(), Base()])
print(r)


class Deep:
    @property
    def down(self):
        return self.down


try:
    Deep().down
except RecursionError as e:
    print("RecursionError", str(e)[:40])
