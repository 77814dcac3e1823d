# Object lifetimes: __del__ timing, weakref callbacks and reference counts must be unchanged.
import sys
import weakref

LOG = []


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        LOG.append("del " + self.name)


def make_and_drop(n):
    for i in range(n):
        r = Res("r%d" % i)
        if i % 2:
            r = None
    return len(LOG)


def temp_in_expression(n):
    total = 0
    for i in range(n):
        total += len(Res("t%d" % i).name)
    return total


def refcounts():
    obj = object()
    base = sys.getrefcount(obj)
    holders = []
    for i in range(100):
        holders.append(obj)
    after = sys.getrefcount(obj) - base
    holders.clear()
    back = sys.getrefcount(obj) - base
    return after, back


def loop_refcount(n):
    o = []
    base = sys.getrefcount(o)
    for i in range(n):
        x = o
        y = x
    return sys.getrefcount(o) - base


class Noisy:
    def __del__(self):
        raise ValueError("from __del__")


def weak_callbacks(n):
    events = []
    for i in range(n):
        r = Res("w%d" % i)
        w = weakref.ref(r, lambda ref, i=i: events.append(i))
        del r
    return events


def main():
    print(make_and_drop(10), LOG)
    LOG.clear()
    print(make_and_drop(1000), len(LOG), LOG[:3], LOG[-2:])
    LOG.clear()
    print(temp_in_expression(500), len(LOG), LOG[-1])
    LOG.clear()
    print(refcounts(), loop_refcount(1000))
    ev = weak_callbacks(300)
    print(len(ev), ev[:5], ev[-1])
    d = weakref.WeakValueDictionary()
    keep = []
    for i in range(200):
        r = Res("v%d" % i)
        d[i] = r
        if i % 10 == 0:
            keep.append(r)
    del r
    print(len(d), sorted(d)[:5])
    LOG.clear()
    sys.unraisablehook = lambda u: print(
        "unraisable:", type(u.exc_value).__name__, u.exc_value, u.object.__qualname__,
        u.exc_traceback.tb_lineno)
    for i in range(3):
        Noisy()
    print("after noisy")
    keep.clear()
    print(len(d), len(LOG))


main()
print("module end")
