"""Traceback objects walked by hand: tb_next, tb_lineno, tb_frame.f_code, tb_lasti, frames.

Exceptions raised several calls deep in hot code; the handler walks the traceback, reads
line numbers relative to each function, locals of each frame, and formats entries with
the traceback module (relative positions only, no paths).
"""
import sys
import traceback


def a(x):
    return b(x + 1)


def b(y):
    z = y * 2
    return c(z)


def c(w):
    if w % 7 == 0:
        raise ValueError("w=%d" % w)
    return w


def walk(tb):
    out = []
    while tb is not None:
        co = tb.tb_frame.f_code
        out.append((co.co_name, tb.tb_lineno - co.co_firstlineno,
                    sorted(k for k in tb.tb_frame.f_locals if len(k) == 1)))
        tb = tb.tb_next
    return out


def run(n):
    walks = []
    for i in range(n):
        try:
            a(i)
        except ValueError as e:
            walks.append(walk(e.__traceback__))
    return walks


def summary(e):
    return [(fs.name, fs.lineno - sys.modules[__name__].__dict__[fs.name].__code__.co_firstlineno
             if fs.name in ("a", "b", "c") else None, fs.line)
            for fs in traceback.extract_tb(e.__traceback__)]


def main():
    w = run(400)
    print(len(w), w[0])
    try:
        a(6)
    except ValueError as e:
        print(summary(e))
        print(traceback.format_exception_only(type(e), e))
        tb = e.__traceback__
        last = tb
        while last.tb_next:
            last = last.tb_next
        print(last.tb_frame.f_locals, last.tb_frame.f_back.f_code.co_name)
    try:
        b(None)
    except TypeError as e:
        print(traceback.format_exception_only(type(e), e))
        print(summary(e))
    e = ValueError("bare")
    print(e.__traceback__)
    try:
        raise e
    except ValueError:
        pass
    print(e.__traceback__.tb_frame.f_code.co_name)
    try:
        raise e
    except ValueError:
        pass
    n = 0
    tb = e.__traceback__
    while tb:
        n += 1
        tb = tb.tb_next
    print("traceback entries after raising twice:", n)


main()
