"""Reference-count balance of compiled code: objects passed through many operation kinds
must be freed when the calls return, and shared objects' refcounts must not drift.

With the cycle collector disabled, a live-object counter (incremented in __init__,
decremented in __del__) is printed after each pattern runs hundreds of times with fresh
objects, and sys.getrefcount of shared objects is compared between two points after
warm-up (the drift must be 0).
"""
import gc
import sys

ALIVE = [0]


class T:
    def __init__(self, v=0):
        self.v = v
        ALIVE[0] += 1

    def __del__(self):
        ALIVE[0] -= 1

    def __add__(self, other):
        return T(self.v + getattr(other, "v", other))

    def __getitem__(self, k):
        if k == 99:
            raise IndexError(k)
        return T(k)

    def __iter__(self):
        return iter([T(1), T(2), T(3)])

    def __enter__(self):
        return T(-1)

    def __exit__(self, *a):
        return True

    def __format__(self, spec):
        return "T"

    def method(self, *a, **kw):
        return T(len(a) + len(kw))


def f_attr(o):
    o.extra = T()
    x = o.extra
    del o.extra
    return x.v


def f_subscr(o):
    a = o[1]
    try:
        o[99]
    except IndexError:
        pass
    return a.v


def f_calls(o):
    args = (T(), T())
    kw = {"k": T()}
    r = o.method(*args, **kw)
    r2 = o.method(T(), x=T())
    return r.v + r2.v


def f_exc(o):
    try:
        raise ValueError(T(), o)
    except ValueError as e:
        return len(e.args)


def f_exc_chain(o):
    try:
        try:
            raise KeyError(T())
        except KeyError:
            raise ValueError(T())
    except ValueError:
        return 1


def f_gen(o):
    def g():
        t = T()
        try:
            yield t
            yield o
        finally:
            pass
    it = g()
    first = next(it)
    it.close()
    return first.v


def f_comp(o):
    return len([x + o for x in o]) + len({i: T(i) for i in range(3)})


def f_with(o):
    with o as v:
        raise RuntimeError(T())
    return v.v


def f_match(o):
    match (o, T(5), [T(), T()]):
        case (T() as a, T(v=5) as b, [c, *rest]):
            return len(rest)
    return -1


def f_fmt(o):
    return len(f"{o} {T()!r:>3} {o:spec}")


def f_unpack(o):
    a, b, c = o
    d, *e = o
    return len(e)


def f_closure(o):
    t = T()

    def inner():
        return t.v + o.v
    return inner()


def f_star_display(o):
    return len([*o, *o]) + len((*o,)) + len({**{"a": T()}, "b": T()})


def f_builtins(o):
    return len(sorted([T(3), T(1)], key=lambda t: t.v)) + (max(T(1), T(2), key=lambda t: t.v).v)


def f_exc_uncaught_inner(o):
    def inner(t):
        raise TypeError(t, T())
    try:
        inner(T())
    except TypeError:
        return 1


def f_kwargs_collect(o):
    def g(*a, **kw):
        return len(a) + len(kw)
    return g(T(), T(), a=T(), **{"b": T()})


PATTERNS = [f_attr, f_subscr, f_calls, f_exc, f_exc_chain, f_gen, f_comp, f_with, f_match, f_fmt,
            f_unpack, f_closure, f_star_display, f_builtins, f_exc_uncaught_inner, f_kwargs_collect]


def main():
    gc.disable()
    shared = T(7)
    for fn in PATTERNS:
        before = ALIVE[0]
        for i in range(300):
            fn(T(i))
        mid = sys.getrefcount(shared), sys.getrefcount(fn), ALIVE[0] - before
        for i in range(300):
            fn(shared)
        after = sys.getrefcount(shared), sys.getrefcount(fn), ALIVE[0] - before
        print("%-22s alive +%d, shared drift %d, fn drift %d, alive after shared +%d"
              % (fn.__name__, mid[2], after[0] - mid[0], after[1] - mid[1], after[2]))
    gc.enable()


main()
