# Calling a class defined in Python from compiled code goes straight to the constructor path:
# the caller's line and lasti seen from __init__/__new__, errors and their tracebacks, classes
# with __new__, metaclasses with __call__, subclasses of builtins, abstract classes.
import abc
import sys


class Plain:
    def __init__(self, x):
        self.x = x
        self.line = sys._getframe(1).f_lineno


class WithNew:
    def __new__(cls, x):
        obj = super().__new__(cls)
        obj.seen = ("new", x, sys._getframe(1).f_lineno)
        return obj

    def __init__(self, x):
        self.x = x


class Meta(type):
    def __call__(cls, *args):
        return ("meta call", cls.__name__, args)


class ViaMeta(metaclass=Meta):
    pass


class MyList(list):
    pass


class MyInt(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass


class Raising:
    def __init__(self, x):
        if x < 0:
            raise ValueError("negative %d" % x)
        self.x = x


def make(i):
    p = Plain(i)
    w = WithNew(i)
    return (p.x, p.line, w.seen, w.x, ViaMeta(i), MyList([i, i]), MyInt(i), type(MyInt(i)).__name__)


def errors(i):
    out = []
    for cls, args in [(Plain, ()), (Plain, (1, 2)), (Raising, (-i,)), (Base, ()), (WithNew, ())]:
        try:
            cls(*args)
            out.append("ok")
        except (TypeError, ValueError) as e:
            out.append("%s: %s" % (type(e).__name__, e))
    return out


def main():
    for i in range(300):
        r = make(i)
    print(r)
    for i in range(1, 200):
        r = errors(i)
    print(r)
    import traceback
    try:
        Raising(-5)
    except ValueError:
        traceback.print_exc(file=sys.stdout)


main()
