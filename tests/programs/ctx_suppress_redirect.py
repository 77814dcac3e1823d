"""contextlib.suppress, redirect_stdout/redirect_stderr, nullcontext, closing, chdir-free.

Covers suppress with several types and exception groups (3.11 does not split them), redirecting
print output into StringIO inside hot functions, nested redirects, closing() calling close
on exceptions.
"""
import contextlib
import io
import sys


class Closable:
    def __init__(self, log):
        self.log = log

    def close(self):
        self.log.append("closed")


def noisy(i):
    print("line", i)
    if i % 2:
        print("odd", file=sys.stderr)
    return i


def capture(i):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        noisy(i)
    return out.getvalue(), err.getvalue()


def safe_div(a, b):
    with contextlib.suppress(ZeroDivisionError, TypeError):
        return a / b
    return "suppressed"


def main():
    total = 0
    for i in range(400):
        o, e = capture(i)
        total += len(o) + len(e)
    print(total, capture(3))
    print([safe_div(4, x) for x in (2, 0, None)])
    with contextlib.suppress(KeyError):
        with contextlib.suppress(IndexError):
            {}["k"]
        print("not reached")
    print("after nested suppress")
    try:
        with contextlib.suppress(ValueError):
            raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except ExceptionGroup as eg:
        print("remaining:", [repr(x) for x in eg.exceptions])
    try:
        with contextlib.suppress(ValueError):
            raise ExceptionGroup("g", [ValueError(1), ValueError(2)])
        print("whole group suppressed")
    except ExceptionGroup as eg:
        print("3.11 suppress does not split groups:", len(eg.exceptions))
    log = []
    try:
        with contextlib.closing(Closable(log)) as c:
            raise OSError("x")
    except OSError:
        pass
    print(log, type(c).__name__)
    with contextlib.nullcontext() as n:
        print("nullcontext gives", n)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print("outer")
        inner = io.StringIO()
        with contextlib.redirect_stdout(inner):
            print("inner")
        print("outer again")
    print(repr(buf.getvalue()), repr(inner.getvalue()))


main()
