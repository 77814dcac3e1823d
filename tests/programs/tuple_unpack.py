# Tuple packing/unpacking.


def swap_loop(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) % 1000007
    return a, b


def rot3(n):
    a, b, c = 1, 2, 3
    for _ in range(n):
        a, b, c = c, a, b
    return a, b, c


def nested_unpack(items):
    t = 0
    for (a, b), (c, d) in items:
        t += a * d - b * c
    return t


def ret_multi(i):
    return i, i * 2, i * 3


def main():
    print(swap_loop(1000))
    print(rot3(1000), rot3(1001))
    items = [((i, i + 1), (i + 2, i + 3)) for i in range(500)]
    print(nested_unpack(items))
    s = 0
    for i in range(1000):
        x, y, z = ret_multi(i)
        s += x + y - z
    print(s)
    t = (1, 2, 3) + (4,)
    print(t, t[1:], t * 2, len(t), t.count(2), t.index(3), (1, 2) < (1, 2, 0))
    for bad in [(1, 2, 3), (1,), "ab c"]:
        try:
            a, b = bad
            print(a, b)
        except ValueError as e:
            print("ValueError:", e)
    a, b = "xy"
    (c, d), e = [1, 2], 3
    print(a, b, c, d, e)


main()
