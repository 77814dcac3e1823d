"""Metaclasses whose __prepare__ returns custom mappings: LOAD_NAME/STORE_NAME/DELETE_NAME on
non-dict namespaces.

Covers an ordered recording namespace, a namespace rejecting duplicate definitions, a
namespace whose __getitem__ supplies defaults for unknown names (and falls back to globals
and builtins with KeyError), __missing__ on a dict subclass, deletion in the body, and a
namespace that is not a dict subclass at all (converted by the metaclass).
"""
import collections.abc

GLOBAL_VALUE = "from globals"


class Recording(dict):
    def __init__(self):
        super().__init__()
        self.log = []

    def __setitem__(self, k, v):
        self.log.append(("set", k))
        super().__setitem__(k, v)

    def __getitem__(self, k):
        self.log.append(("get", k))
        return super().__getitem__(k)

    def __delitem__(self, k):
        self.log.append(("del", k))
        super().__delitem__(k)


class RecMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        return Recording()

    def __new__(mcs, name, bases, ns, **kw):
        cls = super().__new__(mcs, name, bases, dict(ns))
        cls._log = [e for e in ns.log if not e[1].startswith("__")]
        return cls


class NoDup(dict):
    def __setitem__(self, k, v):
        if k in self and not k.startswith("__"):
            raise TypeError("duplicate definition of %r" % k)
        super().__setitem__(k, v)


class NoDupMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return NoDup()


class AutoNS(dict):
    def __missing__(self, k):
        if k.startswith("auto_"):
            return k[5:].upper()
        raise KeyError(k)


class AutoMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return AutoNS()


class PlainMapping(collections.abc.MutableMapping):
    def __init__(self):
        self.d = {}
        self.gets = 0

    def __getitem__(self, k):
        self.gets += 1
        return self.d[k]

    def __setitem__(self, k, v):
        self.d[k] = v

    def __delitem__(self, k):
        del self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


class PlainMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return PlainMapping()

    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, dict(ns.d))
        cls.gets = ns.gets
        return cls


def build(n):
    class R(metaclass=RecMeta):
        a = n
        b = a + 1
        c = [a, b]
        del b
        d = len(c) + a

        def m(self):
            return self.d

    return R


def main():
    total = 0
    for i in range(300):
        R = build(i)
        total += R().m() + len(R._log)
    print(total)
    print(R._log, hasattr(R, "b"))

    try:
        class Bad(metaclass=NoDupMeta):
            def f(self):
                return 1

            def f(self):
                return 2
    except TypeError as e:
        print("TypeError:", e)

    class Auto(metaclass=AutoMeta):
        x = auto_hello
        y = len("abc")
        z = GLOBAL_VALUE
        try:
            w = not_defined_anywhere
        except NameError as e:
            w = str(e)

    print(Auto.x, Auto.y, Auto.z, Auto.w)

    class P(metaclass=PlainMeta):
        k = 1
        k2 = k + 1
        lst = [k2 for _ in range(2)] if False else [k, k2]
        del k
        s = str(k2)

    print(P.k2, P.lst, P.s, hasattr(P, "k"), P.gets)


main()
