# Interaction between local and global variable access.

COUNTER = 0
SCALE = 3
TABLE = [i * i for i in range(50)]


def bump(n):
    global COUNTER
    for i in range(n):
        COUNTER += i % 7
    return COUNTER


def read_globals(n):
    s = 0
    for i in range(n):
        s += TABLE[i % 50] * SCALE
    return s


def shadow(n):
    SCALE = 10  # local shadows global
    s = 0
    for i in range(n):
        s += SCALE * i
    return s


def many_locals(a, b, c):
    d = a + b
    e = b + c
    f = c + a
    g = d * e - f
    h = g % 97
    i = h ^ d
    j = i | e
    k = j & f
    return a + b + c + d + e + f + g + h + i + j + k


def main():
    print(bump(1000), COUNTER)
    print(bump(500), COUNTER)
    print(read_globals(2000))
    print(shadow(1000), SCALE)
    t = 0
    for x in range(300):
        t += many_locals(x, x + 1, x * 2)
    print(t)
    g = globals()
    g["NEWGLOBAL"] = 5
    print(NEWGLOBAL, "NEWGLOBAL" in globals(), sorted(k for k in globals() if k.isupper()))


main()
