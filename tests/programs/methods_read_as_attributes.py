# Methods read without being called (`f = self.method`), which the interpreter does not
# specialise and compiled code serves from its slow entry: Python functions, C methods of a
# C base class (random.Random.getrandbits), classmethods and staticmethods, and other non-data
# descriptors. Each is then shadowed by an instance attribute, replaced on the class, its
# descriptor class given or denied a __get__, so the cached binding must be dropped.
import random


class Base:
    def method(self):
        return ("method", type(self).__name__)

    @classmethod
    def cm(cls):
        return ("cm", cls.__name__)

    @staticmethod
    def sm():
        return "sm"


class Slotted:
    __slots__ = ("x",)

    def method(self):
        return "slotted"


class Sub(Base):
    pass


class Getter:
    def __get__(self, obj, owner=None):
        return ("got", None if obj is None else type(obj).__name__)


class WithDescr:
    attr = Getter()


class Rng(random.Random):
    pass


def read(o, name):
    if name == "method":
        f = o.method
    elif name == "cm":
        f = o.cm
    elif name == "sm":
        f = o.sm
    else:
        f = o.attr
    return f() if callable(f) else f


def draws(r, n):
    out = []
    for _ in range(n):
        getrandbits = r.getrandbits
        out.append(getrandbits(8))
    return out


objs = [Base(), Sub(), Slotted(), Base()]
for _ in range(30):
    res = [read(o, "method") for o in objs]
    res += [read(o, n) for o in objs[:2] for n in ("cm", "sm")]
    res.append(read(WithDescr(), "attr"))
print(res)

r = Rng(7)
print(draws(r, 50)[-5:])

# An instance attribute now shadows the method on one object.
b = objs[0]
b.method = lambda: "shadowed"
print([read(o, "method") for o in objs])
del b.method
print(read(b, "method"))

# The class's method replaced: the binding follows.
Base.method = lambda self: "replaced"
print([read(o, "method") for o in objs])

# A descriptor class that loses its __get__: the descriptor itself is the attribute.
w = WithDescr()
for _ in range(30):
    read(w, "attr")
del Getter.__get__
print(type(read(w, "attr")).__name__)
Getter.__get__ = lambda self, obj, owner=None: "back"
print(read(w, "attr"))

# The instance's own getrandbits (set in its dict) wins over the C method.
r.getrandbits = lambda k: -k
print(draws(r, 3))
del r.getrandbits
print(len(draws(r, 3)))

# A plain class attribute whose own class gains a __get__ later: read on the class and on an
# instance, the value is then bound, and plain again once the __get__ is gone.
class Plain:
    pass


class Holder:
    value = Plain()


def read_on_class():
    return Holder.value


def read_on_instance(h):
    return h.value


h = Holder()
for _ in range(30):
    before = (type(read_on_class()).__name__, type(read_on_instance(h)).__name__)
Plain.__get__ = lambda self, obj, owner=None: ("bound", obj is None)
print(before, read_on_class(), read_on_instance(h))
del Plain.__get__
print(type(read_on_class()).__name__, type(read_on_instance(h)).__name__)

# Instances whose dict was made (sharing their class's keys): the method is read through the
# dict's keys; one instance's own `m` puts the name among the shared keys of the others.
class K:
    def __init__(self, tag):
        self.tag = tag

    def m(self):
        return ("method", self.tag)


def read_m(o):
    f = o.m
    return f()


ks = [K(i) for i in range(3)]
for k in ks:
    k.__dict__
for _ in range(30):
    got = [read_m(k) for k in ks]
ks[1].m = lambda: "own"
print(got, [read_m(k) for k in ks], [read_m(K(9))])
ks.append(K(5))
ks[-1].__dict__
print([read_m(k) for k in ks])
