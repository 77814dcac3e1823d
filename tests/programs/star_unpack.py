# Extended unpacking with a starred target and in displays.


def split_ends(seq):
    first, *mid, last = seq
    return first, mid, last


def main():
    t = 0
    for i in range(2, 500):
        f, m, l = split_ends(range(i))
        t += f + len(m) + l
    print(t)
    print(split_ends("abcdef"), split_ends([1, 2]))
    *a, b = range(5)
    c, *d = (9,)
    print(a, b, c, d)
    l = [*range(3), *"ab", *{1: 2}]
    print(l, (*l, 0), {*"aab"} == {"a", "b"}, {**{"x": 1}, **{"y": 2}})
    for i in range(300):
        x, *y = [i, i + 1, i + 2]
    print(x, y)
    try:
        p, q, *r = [1]
    except ValueError as e:
        print("ValueError:", e)
    [h, *rest], z = [1, 2, 3], 4
    print(h, rest, z)


main()
