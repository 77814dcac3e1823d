"""Exceptions raised inside __del__ and weakref callbacks while compiled code releases
references; reported through a custom sys.unraisablehook (no addresses printed).

Covers destructors triggered by rebinding a local in a loop, by popping values off the
stack at the end of an expression statement, by an exception unwinding a frame, and by
clearing a container; the hook logs exception type, message and the object's class.
"""
import sys
import weakref

LOG = []


def hook(u):
    LOG.append(("unraisable", type(u.exc_value).__name__, str(u.exc_value), type(u.object).__name__))


class Bomb:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        LOG.append("del %d" % self.n)
        if self.n % 2:
            raise ValueError("del failed %d" % self.n)


def make(n):
    return Bomb(n)


def rebinding(n):
    b = None
    for i in range(n):
        b = make(i)
    b = None
    return len(LOG)


def expression_statement(i):
    make(i)
    return len(LOG)


def unwinding(i):
    b = make(i)
    raise KeyError(i)


class Target:
    pass


def weak_callbacks(n):
    refs = []
    for i in range(n):
        t = Target()
        refs.append(weakref.ref(t, lambda r, i=i: LOG.append("cb %d" % i) or (1 / 0 if i == 1 else None)))
    return len(refs)


def main():
    old = sys.unraisablehook
    sys.unraisablehook = hook
    try:
        rebinding(4)
        print(LOG)
        LOG.clear()
        for i in range(3):
            expression_statement(i)
        print(LOG)
        LOG.clear()
        try:
            unwinding(3)
        except KeyError:
            LOG.append("handler")
        print(LOG)
        LOG.clear()
        lst = [Bomb(i) for i in range(4)]
        lst.clear()
        print(LOG)
        LOG.clear()
        weak_callbacks(3)
        print(LOG)
        LOG.clear()
        n = 0
        for i in range(300):
            n += rebinding(3) + expression_statement(i)
        print(n, len(LOG))
    finally:
        sys.unraisablehook = old


main()
