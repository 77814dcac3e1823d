"""sys.exc_info() and sys.exception() inside handlers, after handlers, in finally, in callees.

Covers the exception state restored after nested handlers, visible from functions called in
a handler, cleared after the handler ends, inside generators suspended in handlers, and in
finally blocks entered with and without an exception.
"""
import sys


def current():
    t = sys.exc_info()[0]
    return t.__name__ if t else None


def nested():
    log = []
    try:
        raise KeyError("outer")
    except KeyError:
        log.append(current())
        try:
            raise ValueError("inner")
        except ValueError:
            log.append(current())
        log.append(current())
        try:
            pass
        finally:
            log.append(current())
    log.append(current())
    return log


def in_finally(raise_it):
    log = []
    try:
        try:
            if raise_it:
                raise IndexError
        finally:
            log.append(current())
    except IndexError:
        log.append("handled " + str(current()))
    log.append(current())
    return log


def gen_in_handler():
    try:
        raise TypeError("in gen")
    except TypeError:
        yield current()
        yield current()
    yield current()


def hot(i):
    try:
        if i % 2:
            raise LookupError(i)
        return current()
    except LookupError:
        return current() + str(sys.exc_info()[1].args[0] % 3)


def exception_obj():
    try:
        raise OSError(2, "nope")
    except OSError:
        e = sys.exception()
        return type(e).__name__, e.errno, e.strerror, sys.exc_info()[2].tb_lineno - exception_obj.__code__.co_firstlineno


def main():
    print(nested())
    print(in_finally(True), in_finally(False))
    g = gen_in_handler()
    print(next(g), current())
    try:
        raise ZeroDivisionError
    except ZeroDivisionError:
        print("outer handler sees", current(), "gen sees", next(g))
    print(next(g), current())
    counts = {}
    for i in range(500):
        k = hot(i)
        counts[k] = counts.get(k, 0) + 1
    print(sorted(counts.items(), key=str))
    print(exception_obj(), sys.exception())


main()
