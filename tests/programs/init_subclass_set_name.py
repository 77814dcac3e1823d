"""__init_subclass__ with class keywords, __set_name__ on descriptors, class registries.

Covers keyword arguments in class statements forwarded to __init_subclass__, errors for
unexpected keywords, __set_name__ called for each attribute (and not for ones added later),
exceptions raised in __set_name__ (3.11: propagated directly), and descriptors validating
values in hot loops.
"""


class Plugin:
    registry = {}

    def __init_subclass__(cls, /, name=None, priority=0, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        cls.priority = priority
        Plugin.registry[cls.plugin_name] = cls


class Alpha(Plugin, name="a", priority=5):
    pass


class Beta(Plugin):
    pass


class Gamma(Beta, priority=9):
    pass


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name
        self.slot = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.slot)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s.%s must be %s, got %s" % (self.owner, self.name, self.kind.__name__, type(value).__name__))
        setattr(obj, self.slot, value)


class Record:
    ident = Typed(int)
    label = Typed(str)

    def __init__(self, ident, label):
        self.ident = ident
        self.label = label


class Exploding:
    def __set_name__(self, owner, name):
        raise ValueError("no name for " + name)


def main():
    print(sorted((k, v.__name__, v.priority) for k, v in Plugin.registry.items()))
    try:
        class Bad(Plugin, colour="red"):
            pass
    except TypeError as e:
        print("TypeError:", e)
    late = Typed(float)
    Record.late = late
    print(Record.ident.name, Record.label.slot, hasattr(late, "name"))
    ok = bad = 0
    for i in range(600):
        try:
            r = Record(i if i % 7 else str(i), "r%d" % i)
            ok += r.ident
        except TypeError as e:
            bad += 1
            msg = str(e)
    print(ok, bad, msg)
    try:
        class Boom:
            x = Exploding()
    except Exception as e:
        print(type(e).__name__, e, repr(e.__cause__))

    class Counted:
        count = 0

        def __init_subclass__(cls, **kw):
            Counted.count += 1

    for i in range(200):
        type("T%d" % i, (Counted,), {})
    print(Counted.count)


main()
