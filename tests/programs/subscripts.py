# Subscript loads/stores on many container types.


class Grid:
    def __init__(self, w, h):
        self.w = w
        self.cells = [0] * (w * h)

    def __getitem__(self, key):
        x, y = key
        return self.cells[y * self.w + x]

    def __setitem__(self, key, v):
        x, y = key
        self.cells[y * self.w + x] = v


def main():
    g = Grid(10, 10)
    for i in range(1000):
        g[i % 10, (i // 10) % 10] += i
    print(sum(g.cells), g[3, 4])
    lst = [0] * 50
    for i in range(2000):
        lst[i % 50] += i
        lst[-1 - i % 7] -= 1
    print(lst[:5], lst[-3:])
    d = {}
    for i in range(500):
        d[i % 13, i % 3] = d.get((i % 13, i % 3), 0) + 1
    print(sorted(d.items())[:5])
    s = "subscript"
    print(s[0], s[-1], s[3], [s[i] for i in range(len(s))][::2])
    m = [[i + j for j in range(4)] for i in range(4)]
    print(m[2][3], m[-1][-2])
    for bad in [lambda: lst[100], lambda: s[-20], lambda: d[99, 99], lambda: (1,)[s[:1]], lambda: int(s[:0] or 5)[0]]:
        try:
            bad()
        except (IndexError, KeyError, TypeError) as e:
            print(type(e).__name__, e)
    b = b"bytes"
    print(b[0], b[-1], memoryview(b)[1], range(5, 50, 5)[3])


main()
