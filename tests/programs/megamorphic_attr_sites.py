# Attribute sites that meet many types (a base class's method reading `self.x` on instances of
# a dozen subclasses), more than the sites' caches hold: slots, properties, other data
# descriptors, class attributes and methods read on instances, instances that shadow a class
# attribute with their own (in a managed dict, its values, a dict at tp_dictoffset), a
# descriptor without __get__, getters that raise, and attributes that are missing.


class Base:
    __slots__ = ("_slot",)
    kind = "base"

    def __init__(self):
        self._slot = type(self).__name__

    @property
    def prop(self):
        return ("prop", self._slot)

    def method(self):
        return "m-" + self._slot

    def read_all(self):
        return (self._slot, self.prop, self.kind, self.method(), self.method.__name__)


def make_subclasses(n):
    out = []
    for i in range(n):
        ns = {"__slots__": ()}
        if i % 3 == 0:
            ns["kind"] = "kind%d" % i
        if i % 4 == 1:
            ns["prop"] = property(lambda self, i=i: ("own-prop", i))
        if i % 5 == 2:
            del ns["__slots__"]  # instances get a managed dict
        out.append(type("Sub%d" % i, (Base,), ns))
    return out


classes = make_subclasses(14)
objs = [cls() for cls in classes]
# Instances with a dict: one shadows `kind` in its values, one in a materialised dict.
dict_objs = [o for o in objs if hasattr(o, "__dict__")]
dict_objs[0].kind = "own-kind"
dict_objs[1].__dict__
dict_objs[1].kind = "own-kind-in-dict"
for _ in range(20):
    rows = [o.read_all() for o in objs]
for r in rows:
    print(r)


class NoGet:
    def __set__(self, obj, value):
        raise AttributeError("read-only")


class Raising:
    def __get__(self, obj, owner=None):
        raise LookupError("from __get__")


class Holder(Exception):  # instances keep their dict at tp_dictoffset
    noget = NoGet()
    raising = Raising()
    plain = 42


def read(o, name):
    try:
        if name == "noget":
            v = o.noget
        elif name == "raising":
            v = o.raising
        elif name == "plain":
            v = o.plain
        else:
            v = o.missing
    except (AttributeError, LookupError) as e:
        return type(e).__name__ + ": " + str(e)
    return type(v).__name__ if name == "noget" else v


holders = [type("H%d" % i, (Holder,), {})() for i in range(8)]
holders[3].__dict__["noget"] = "instance value wins over a descriptor without __get__"
holders[4].__dict__["plain"] = "shadowed"
for _ in range(20):
    out = [read(h, n) for h in holders for n in ("noget", "raising", "plain", "missing")]
print(out)

# The class attribute changes on one subclass: the next reads see it.
classes[0].kind = "changed"
del classes[3].kind
print([o.kind for o in objs[:5]])


# Classes with a __getattr__ (and object's __getattribute__): what the generic lookup finds
# comes first, __getattr__ answers the rest; a property raising AttributeError goes to
# __getattr__; a class with its own __getattribute__ is left alone.
class Registry:
    __slots__ = ()
    One = "one"

    def __getattr__(self, name):
        return "getattr:" + name

    @property
    def broken(self):
        raise AttributeError("inside property")

    def method(self):
        return "registry-method"


class Sub1(Registry):
    __slots__ = ()
    One = "one-sub"


class WithDict(Registry):
    pass


class Custom(Registry):
    def __getattribute__(self, name):
        return "custom:" + name


def reg_read(o):
    m = o.method
    return (o.One, o.Two, o.broken, m() if callable(m) else m)


regs = [Registry(), Sub1(), WithDict(), Custom()] + [type("R%d" % i, (Registry,), {"__slots__": ()})() for i in range(6)]
regs[2].One = "instance-one"
for _ in range(20):
    out = [reg_read(o) for o in regs]
print(out)
del Registry.__getattr__
try:
    print(reg_read(regs[0]))
except AttributeError as e:
    print("AttributeError", e)
