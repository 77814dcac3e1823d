# Globals and builtins rebound while compiled loops read them.
import builtins

FACTOR = 1


def set_factor(v):
    global FACTOR
    FACTOR = v


def loop_reading_global(n):
    total = 0
    for i in range(n):
        total += FACTOR
        if i == n // 2:
            set_factor(100)
    return total


def uses_len(items, n):
    t = 0
    for i in range(n):
        t += len(items)
        if i == 300:
            shadow_len()
        if i == 600:
            unshadow_len()
    return t


def shadow_len():
    global len
    len = lambda x: 1000


def unshadow_len():
    global len
    del len


def uses_abs(n):
    t = 0
    for i in range(-n, n):
        t += abs(i)
    return t


def delete_global_midloop(n):
    global TEMP
    TEMP = 1
    t = 0
    for i in range(n):
        try:
            t += TEMP
        except NameError as e:
            t += 1000
            msg = str(e)
        if i == 10:
            del TEMP
    return t, msg


def main():
    for _ in range(20):
        set_factor(1)
        r = loop_reading_global(1000)
    print("global", r, FACTOR)
    print("len", uses_len([1, 2, 3], 1000), len([1, 2]))
    a1 = uses_abs(500)
    real_abs = builtins.abs
    builtins.abs = lambda x: 1
    a2 = uses_abs(500)
    builtins.abs = real_abs
    a3 = uses_abs(500)
    print("abs", a1, a2, a3)
    print("delete", delete_global_midloop(200))
    g = globals()
    for i in range(500):
        g["DYN"] = i
        r = DYN * 2
    print("dyn", r)


main()
