"""Exception state swapping between generators/coroutines and their callers.

Covers sys.exc_info() inside a generator resumed from a caller's except block (the
generator sees its own state, not the caller's, unless it is itself handling nothing),
__context__ of exceptions raised inside a generator resumed while the caller handles
another exception, exc_info preserved across yields inside the generator's handler, and
the same for coroutines driven by send().
"""
import sys


def name():
    t = sys.exc_info()[0]
    return t.__name__ if t else None


def gen():
    yield ("start", name())
    try:
        raise KeyError("gen-own")
    except KeyError:
        yield ("in gen handler", name())
        yield ("still in gen handler", name())
    yield ("after gen handler", name())
    raise ValueError("from gen")


def caller():
    g = gen()
    out = [next(g)]
    try:
        raise IndexError("caller")
    except IndexError:
        out.append(next(g))
        out.append(("caller after resume", name()))
    out.append(next(g))
    try:
        raise TypeError("caller2")
    except TypeError:
        out.append(next(g))
        try:
            next(g)
        except ValueError as e:
            out.append(("ctx of gen error", type(e.__context__).__name__ if e.__context__ else None))
    return out


async def coro():
    try:
        raise OSError("coro-own")
    except OSError:
        await Suspend()
        return name()


class Suspend:
    def __await__(self):
        yield "suspended"


def drive_coro():
    c = coro()
    c.send(None)
    try:
        raise ZeroDivisionError
    except ZeroDivisionError:
        try:
            c.send(None)
        except StopIteration as e:
            return e.value, name()


def raise_in_gen_under_handler():
    def g():
        yield 1
        raise RuntimeError("inner")
    it = g()
    next(it)
    try:
        raise LookupError("outer")
    except LookupError:
        try:
            next(it)
        except RuntimeError as e:
            return repr(e.__context__)


def main():
    r = None
    for i in range(300):
        r = (caller(), drive_coro(), raise_in_gen_under_handler())
    for x in r[0]:
        print(x)
    print(r[1], r[2])


main()
