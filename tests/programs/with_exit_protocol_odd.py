"""Unusual __exit__ results and callables in compiled with-exits.

Covers __exit__ returning objects whose __bool__ raises (the raise replaces the body's
exception), returning NotImplemented/ints/empty containers, __exit__ implemented by a
callable class instance (not a function) and by a staticmethod, __enter__/__exit__ looked
up on the type (instance attributes ignored), and with blocks inside hot loops.
"""


class BadTruth:
    def __bool__(self):
        raise ArithmeticError("truth failed")


class CallableExit:
    def __init__(self, ret):
        self.ret = ret

    def __call__(self, et, ev, tb):
        return self.ret


class Returns:
    def __init__(self, ret):
        self.ret = ret

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        return self.ret


class ViaCallable:
    def __enter__(self):
        return "via-callable"

    __exit__ = CallableExit(True)


class ViaStatic:
    def __enter__(self):
        return "via-static"

    __exit__ = staticmethod(lambda et, ev, tb: et is ValueError)


class InstanceAttrs:
    def __init__(self):
        self.__enter__ = lambda: "instance"
        self.__exit__ = lambda *a: True


def run(cm, raise_it):
    try:
        with cm as v:
            if raise_it:
                raise ValueError("body")
        return "ok %r" % (v if isinstance(v, str) else type(v).__name__,)
    except Exception as e:
        ctx = e.__context__
        return "%s: %s (context %s)" % (type(e).__name__, e, type(ctx).__name__ if ctx else None)


def main():
    cms = [Returns(BadTruth()), Returns(NotImplemented), Returns(0), Returns(2), Returns([]), Returns("x"),
           ViaCallable(), ViaStatic(), InstanceAttrs()]
    out = None
    for i in range(200):
        out = [(run(cm, False), run(cm, True)) for cm in cms]
    for line in out:
        print(line)


main()
