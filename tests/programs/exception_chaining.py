# Exception chaining printed with traceback.format_exc().
import traceback


class AppError(Exception):
    pass


def low(i):
    return {"a": 1}["b%d" % i]


def mid_explicit(i):
    try:
        return low(i)
    except KeyError as e:
        raise AppError("lookup failed for %d" % i) from e


def mid_implicit(i):
    try:
        return low(i)
    except KeyError:
        return int("not a number %d" % i)


def suppressed(i):
    try:
        return low(i)
    except KeyError:
        raise AppError("clean") from None


def main():
    msgs = []
    for i in range(300):
        try:
            mid_explicit(i)
        except AppError as e:
            msgs.append((str(e), type(e.__cause__).__name__, e.__suppress_context__))
    print(len(msgs), msgs[0], msgs[-1])
    for fn in (mid_explicit, mid_implicit, suppressed):
        for i in range(200):
            try:
                fn(i)
            except Exception:
                text = traceback.format_exc()
        print("=== %s" % fn.__name__)
        print(text)
    try:
        try:
            raise ValueError("first")
        finally:
            pass
    except ValueError as e:
        print(repr(e.__context__), repr(e.__cause__))
    try:
        try:
            1 / 0
        except ZeroDivisionError as z:
            raise TypeError("second") from z
    except TypeError as e:
        print("".join(traceback.format_exception(type(e), e, e.__traceback__)))


main()
