# Attributes read on classes, at sites that see one class or many: staticmethods (read with
# LOAD_ATTR when called with **kwargs, with LOAD_METHOD otherwise), classmethods bound to the
# class read on, plain values and functions, metatype data descriptors (`cls.__name__`, a
# metaclass property) that come before the class's own attribute, a metaclass attribute that is
# not a data descriptor, a descriptor whose __get__ raises, and changes after the sites warmed.


class Meta(type):
    @property
    def shout(cls):
        return cls.__name__.upper()

    tag = "meta-tag"


class Base(metaclass=Meta):
    tag = "class-tag"
    value = 1

    @staticmethod
    def helper(x, scale=1):
        return ("helper", x * scale)

    @classmethod
    def make(cls, x):
        return (cls.__name__, x)

    def plain(self):
        return "plain"


classes = [type("C%d" % i, (Base,), {"value": i}) for i in range(12)]
classes.append(Base)


def read_on(cls):
    kw = {"scale": 3}
    return (
        cls.helper(2),            # LOAD_METHOD on a class
        cls.helper(2, **kw),      # LOAD_ATTR (call with **kwargs)
        cls.make(5),
        cls.make,
        cls.value,
        cls.plain.__name__,
        cls.__name__,
        cls.shout,
        cls.tag,                  # the class's own attribute beats the metaclass's
    )


def one_site(cls):
    return cls.helper(1, **{})


for _ in range(20):
    rows = [read_on(c) for c in classes]
    single = [one_site(Base) for _ in range(5)]
for r in rows[:3] + rows[-1:]:
    print(r[:3], r[3].__self__.__name__, r[4:])
print(single[0])


class Boom:
    def __get__(self, obj, owner=None):
        raise RuntimeError("boom from __get__")


def read_boom(cls):
    try:
        return cls.boom
    except RuntimeError as e:
        return str(e)


Base.boom = Boom()
print([read_boom(c) for c in classes[:3]])

# Changes after warming: a staticmethod replaced by a plain value, a classmethod by a
# staticmethod, a metaclass data descriptor that now shadows the class attribute.
Base.helper = lambda x, scale=1: ("lambda", x)
classes[0].make = staticmethod(lambda x: ("static-now", x))
Meta.value = property(lambda cls: "meta-property")
print([read_on(c)[:3] for c in (classes[0], classes[1])])
print([c.value for c in classes[:3]])
