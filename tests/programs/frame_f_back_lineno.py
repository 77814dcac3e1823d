"""Caller frames observed from callees while compiled code is running.

Covers sys._getframe(1).f_lineno at each call site of a loop (the caller's current line
must be exact), f_back chains through several compiled frames, f_locals of a compiled
caller (values current at the call), f_lasti ordering, inspect.stack()-style walks,
traceback.extract_stack, and frames of compiled functions kept alive after they return.
"""
import sys
import traceback


def where():
    f = sys._getframe(1)
    return f.f_lineno - f.f_code.co_firstlineno


def caller_locals():
    f = sys._getframe(1)
    return {k: v for k, v in f.f_locals.items() if k in ("i", "acc", "tag")}


def chain():
    out = []
    f = sys._getframe(1)
    while f is not None and f.f_code.co_name != "<module>":
        out.append((f.f_code.co_name, f.f_lineno - f.f_code.co_firstlineno))
        f = f.f_back
    return out


def level3():
    return chain()


def level2():
    x = level3()
    return x


def level1():
    return [level2(), level3()]


def many_sites(n):
    lines = []
    acc = 0
    for i in range(n):
        lines.append(where())
        if i % 2:
            lines.append(where())
        else:
            acc += 1
            lines.append(
                where()
            )
        tag = "t%d" % i
        loc = caller_locals()
    return lines[:6], loc


def keep_frame(v):
    local_value = v * 2
    return sys._getframe()


def stack_names():
    return [fs.name for fs in traceback.extract_stack()][-3:]


def lasti_order():
    f = sys._getframe()
    a = f.f_lasti
    b = f.f_lasti
    return a < b


def main():
    r = None
    for i in range(300):
        r = many_sites(4)
    print(r)
    print(level1())
    for _ in range(200):
        level1()
    print(level1()[0])
    frames = [keep_frame(i) for i in range(3)]
    print([f.f_locals["local_value"] for f in frames], frames[0].f_code.co_name,
          [f.f_back.f_code.co_name if f.f_back else None for f in frames])
    print(stack_names(), all(lasti_order() for _ in range(300)))


main()
