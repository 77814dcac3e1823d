"""Functions with loops are compiled at their first call without type feedback, run in the
interpreter for a few calls, then compiled again: activations of the first machine code must
go on correctly while the new code takes over.

Covers a recursive function whose outer activations run the early code while inner calls are
interpreted and then recompiled, a generator suspended in early code and resumed after the
recompilation, an exception raised through frames of both codes, and a loop whose operand
types change after the recompilation (guards of the specialised code fail).
"""


def walk(depth, acc):
    total = 0
    for i in range(3):
        total += i * depth
        if depth > 0 and i == 1:
            total += walk(depth - 1, acc)
    acc.append(total)
    return total


def counter(n):
    i = 0
    while i < n:
        yield i * 2
        i += 1


def fail_deep(depth):
    for i in range(2):
        if depth == 0:
            raise ValueError("bottom %d" % i)
        fail_deep(depth - 1)


def mixed(values):
    s = values[0] - values[0]
    for v in values:
        s = s + v * 2
    return s


def main():
    acc = []
    print(walk(6, acc), len(acc), acc[:5])
    g = counter(10)
    first = [next(g) for _ in range(3)]
    for _ in range(6):
        walk(2, [])
        list(counter(3))
    print(first, list(g))
    for _ in range(3):
        try:
            fail_deep(4)
        except ValueError as e:
            tb = e.__traceback__
            n = 0
            while tb is not None:
                n += 1
                tb = tb.tb_next
            print("ValueError", e, n)
    for _ in range(6):
        print(mixed([1, 2, 3]), end=" ")
    print()
    print(mixed([1.5, 2.5]), mixed(["a", "b"]) if False else mixed([True, 2]), mixed([10**20, 1]))


main()
