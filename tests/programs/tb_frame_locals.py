# Inspecting locals of frames captured in tracebacks of compiled functions.
import sys


def inner(a, b):
    c = a * b
    lst = [a, b, c]
    return lst[a] / (b - a)


def outer(n):
    acc = 0
    for i in range(n):
        acc += inner(i % 3, 4)
    marker = "outer-marker"
    return acc + inner(0, 0) + len(marker)


def tb_locals(tb):
    out = []
    while tb is not None:
        f = tb.tb_frame
        if f.f_code.co_name in ("inner", "outer"):
            loc = {k: v for k, v in f.f_locals.items()}
            out.append((f.f_code.co_name, tb.tb_lineno, sorted(loc.items())))
        tb = tb.tb_next
    return out


def main():
    for attempt in range(3):
        try:
            outer(300 + attempt)
        except ZeroDivisionError as e:
            for rec in tb_locals(e.__traceback__):
                print(rec)
    try:
        outer(10)
    except ZeroDivisionError:
        et, ev, tb = sys.exc_info()
        print(et.__name__, ev, tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_locals["acc"])
        f = tb.tb_next.tb_next.tb_frame
        print(f.f_code.co_name, f.f_lineno, f.f_back.f_code.co_name, f.f_back.f_lineno)


main()
