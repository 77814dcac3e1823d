"""sys.getrefcount(None) must not change when a function gets compiled or starts running
compiled (test_xml_etree's reference-leak check caught compilation dropping a reference to
None once per compiled function)."""
import sys


def f(a=None):
    pass


def g():
    return 1


def h(a=None, b=None, c=None):
    x = None
    return x


def main():
    for fn in (f, g, h):
        for i in range(98):
            fn()
        c = sys.getrefcount(None)
        for i in range(5):
            fn()
        print(fn.__name__, sys.getrefcount(None) - c)


main()
