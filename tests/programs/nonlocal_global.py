# nonlocal and global declarations.

TOTAL = 0


def add_total(v):
    global TOTAL
    TOTAL += v


def make_acc():
    s = 0
    calls = 0

    def acc(v):
        nonlocal s, calls
        s += v
        calls += 1
        return s

    def stats():
        return s, calls

    return acc, stats


def two_level():
    x = 0

    def mid():
        def inner():
            nonlocal x
            x += 1
            return x

        for _ in range(10):
            inner()
        return x

    for _ in range(50):
        mid()
    return x


def global_in_nested():
    def setter():
        global CREATED
        CREATED = "created"

    setter()
    return CREATED


def main():
    for i in range(1000):
        add_total(i)
    print(TOTAL)
    acc, stats = make_acc()
    for i in range(500):
        acc(i % 7)
    print(stats())
    print(two_level())
    print(global_in_nested(), CREATED)
    acc2, stats2 = make_acc()
    acc2(5)
    print(stats2(), stats())


main()
