"""DELETE_FAST, DELETE_DEREF, DELETE_NAME, DELETE_GLOBAL, DELETE_ATTR, DELETE_SUBSCR and their
errors, each exercised in hot functions.

Covers deleting then re-binding locals inside loops, deleting a cell variable seen by a
closure (NameError mentioning the free variable), del of slices and extended slices, del
of dict keys (KeyError), del of attributes with __delattr__/__slots__/properties, del of
globals from functions, `del (a, [b, c])` targets, and del in class bodies.
"""

G = 1


def fast(n):
    total = 0
    msg = None
    for i in range(n):
        x = i * 2
        total += x
        del x
        try:
            total += x
        except UnboundLocalError as e:
            msg = str(e)
    return total, msg


def deref():
    v = "cell"

    def reader():
        return v
    first = reader()
    del v
    try:
        reader()
    except NameError as e:
        return first, str(e)


def deref_twice():
    v = 1

    def inner():
        nonlocal v
        del v
        del v
    try:
        inner()
    except NameError as e:
        return str(e)


def glob():
    global G
    G = 2
    del G
    try:
        del G
    except NameError as e:
        return str(e)


class WithDelattr:
    __slots__ = ("a", "log")

    def __init__(self):
        self.a = 1
        self.log = []


class Prop:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v

    @v.deleter
    def v(self):
        del self._v


class Logged:
    def __delattr__(self, name):
        if name == "protected":
            raise AttributeError("cannot delete %s" % name)
        object.__delattr__(self, name)


def subscr(n):
    lst = list(range(n))
    del lst[0]
    del lst[-1]
    del lst[::3]
    del lst[1:3]
    d = {k: k for k in range(5)}
    del d[2]
    try:
        del d[2]
    except KeyError as e:
        err = repr(e)
    return lst, sorted(d), err


def targets():
    a, b, c = 1, 2, 3
    del (a, [b, c])
    return [n in locals() for n in "abc"]


def main():
    for i in range(300):
        r = fast(i % 7)
    print(r)
    print(deref(), deref_twice(), glob())
    o = WithDelattr()
    del o.a
    try:
        del o.a
    except AttributeError as e:
        print("AttributeError:", e)
    p = Prop()
    del p.v
    print(hasattr(p, "_v"))
    try:
        del p.nope
    except AttributeError as e:
        print("AttributeError:", e)
    lg = Logged()
    lg.x = 1
    del lg.x
    try:
        del lg.protected
    except AttributeError as e:
        print("AttributeError:", e)
    for i in range(300):
        s = subscr(10 + i % 5)
    print(s)
    print(targets())
    try:
        del (1).real
    except AttributeError as e:
        print("AttributeError:", e)
    t = (1, 2)
    try:
        del t[0]
    except TypeError as e:
        print("TypeError:", e)
    s = "abc"
    try:
        del s[0]
    except TypeError as e:
        print("TypeError:", e)

    class C:
        a = 1
        del a
        try:
            del a
        except NameError as e:
            err = str(e)
    print(C.err, hasattr(C, "a"))
    ns = {"z": 1}
    exec("del z\ntry:\n    del z\nexcept NameError as e:\n    msg = str(e)", ns)
    print(ns["msg"], "z" in ns)


main()
