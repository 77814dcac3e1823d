"""Custom exception classes: hierarchies, __init__/__str__/__repr__ overrides, attributes.

Covers exceptions with extra constructor arguments, args handling, __str__ used by the
traceback printer, exceptions failing in __init__, BaseException subclasses bypassing
`except Exception`, class-level attributes, pickling-style reduce, and an uncaught custom
exception with a custom __str__ printed at exit.
"""


class AppError(Exception):
    code = 1

    def __init__(self, msg, *, detail=None):
        super().__init__(msg)
        self.detail = detail

    def __str__(self):
        base = super().__str__()
        return base if self.detail is None else "%s (%s)" % (base, self.detail)


class NotFound(AppError):
    code = 404


class Timeout(AppError):
    code = 504

    def __repr__(self):
        return "Timeout<%s>" % self.args[0]


class Fatal(BaseException):
    pass


class BrokenInit(Exception):
    def __init__(self, x):
        raise TypeError("cannot build BrokenInit(%r)" % (x,))


class NoArgs(Exception):
    def __init__(self):
        pass


def fail(i):
    if i % 4 == 0:
        raise NotFound("item %d" % i, detail="shard %d" % (i % 3))
    if i % 4 == 1:
        raise Timeout("op %d" % i)
    if i % 4 == 2:
        raise Fatal(i)
    return i


def handle(i):
    try:
        return fail(i)
    except AppError as e:
        return (type(e).__name__, e.code, str(e), repr(e), e.args)
    except Exception:
        return "never"
    except BaseException as e:
        return ("base", type(e).__name__, e.args)


def main():
    seen = {}
    for i in range(400):
        r = handle(i)
        k = r[0] if isinstance(r, tuple) else "ok"
        seen[k] = seen.get(k, 0) + 1
    print(sorted(seen.items()))
    print(handle(0), handle(1), handle(2), handle(3))
    try:
        raise BrokenInit(5)
    except TypeError as e:
        print("TypeError:", e)
    e = NoArgs()
    print(repr(e), e.args, str(e) == "")
    e = AppError("a", detail="b")
    print(e.__reduce__()[0].__name__, e.__reduce__()[1], e.__dict__)
    e.with_traceback(None)
    print(issubclass(NotFound, Exception), NotFound.__mro__[1].__name__)
    try:
        raise NotFound
    except TypeError as e:
        print("raising class needing args:", e)
    raise NotFound("final", detail="shown via __str__")


main()
