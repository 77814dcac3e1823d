# is / is not / in / not in.


class Container:
    def __init__(self, items):
        self.items = items

    def __contains__(self, x):
        return x in self.items


class IterOnly:
    def __iter__(self):
        return iter([1, 2, 3])


def check(x, seq):
    return (x in seq, x not in seq)


def main():
    lst = list(range(0, 100, 3))
    st = set(lst)
    d = dict.fromkeys(lst)
    t = 0
    for i in range(1000):
        a, b = check(i % 120, lst)
        c, _ = check(i % 120, st)
        e, _ = check(i % 120, d)
        t += a + (not b) + c + e
    print(t)
    print("ell" in "hello", "x" not in "hello", "" in "")
    c = Container([1, 5])
    print(5 in c, 6 in c, 2 in IterOnly(), 4 in IterOnly())
    n = None
    cnt = 0
    for i in range(500):
        v = None if i % 4 else i
        if v is None:
            cnt += 1
        if v is not n:
            cnt += 10
    print(cnt)
    e1, e2 = [], []
    t1 = tuple(e1)
    print(True is True, e1 is e2, t1 is tuple(), type(1) is int, 1 in [1.0], float("nan") in [float("nan")])
    x = float("nan")
    print(x in [x], x == x)
    try:
        1 in 5
    except TypeError as e:
        print("TypeError:", e)


main()
