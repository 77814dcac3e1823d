"""Builtins and module globals rebound, deleted and shadowed while compiled code runs.

Covers a builtin (len, abs, isinstance) replaced in the builtins module mid-loop and
restored, a module global shadowing a builtin then deleted (lookup falls back), a global
deleted mid-loop (NameError raised from the compiled frame, with traceback line), globals
updated through globals()[...] and through another module's setattr, and __builtins__ of
a function's globals being a dict rather than the module.
"""
import builtins
import sys

THIS = sys.modules[__name__]
VALUE = 1


def uses_builtins(items, n):
    t = 0
    for i in range(n):
        t += len(items) + abs(-i % 3)
        if i == n // 3:
            builtins.len = lambda x: 1000
        if i == 2 * n // 3:
            builtins.len = real_len
    return t


real_len = builtins.len


def uses_global(n):
    t = 0
    for i in range(n):
        t += VALUE
        if i == 10:
            globals()["VALUE"] = 100
        if i == 20:
            setattr(THIS, "VALUE", 10000)
    return t


def shadow_then_delete(n):
    global abs
    t = 0
    for i in range(n):
        t += abs(-1)
        if i == 5:
            abs = lambda x: 50
        if i == 10:
            del abs
    return t


def deleted_mid_loop(n):
    global TEMP
    TEMP = 1
    t = 0
    for i in range(n):
        if i == 7:
            del TEMP
        t += TEMP
    return t


def call_many(k):
    return len("abc") + k


def main():
    print(uses_builtins([1, 2, 3], 300), len([1]))
    print(uses_global(30), VALUE)
    print(shadow_then_delete(20), "abs" in globals())
    s = 0
    for i in range(300):
        s += call_many(i)
        if i == 150:
            builtins.len = lambda x: -1
    builtins.len = real_len
    print(s)
    try:
        deleted_mid_loop(20)
    except NameError as e:
        tb = e.__traceback__.tb_next
        print("NameError:", e, tb.tb_frame.f_code.co_name, tb.tb_lineno - deleted_mid_loop.__code__.co_firstlineno)
    g = {"__builtins__": {"len": lambda x: 7}}
    exec("def h(x):\n    return len(x)\n", g)
    print(sum(g["h"]("ab") for _ in range(300)))
    deleted_mid_loop(20)


main()
