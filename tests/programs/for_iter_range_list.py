"""FOR_ITER over range and list iterators (iterated inline by compiled code): negative and
large steps, empty and huge ranges, values past the small-int cache, lists that grow, shrink
or are cleared while iterated, iterators advanced by hand between loops, and nested loops."""
import sys


def sum_range(*args):
    t = 0
    for i in range(*args):
        t += i
    return t


def collect(it):
    out = []
    for x in it:
        out.append(x)
    return out


def mutate_while_iterating():
    lst = [1, 2, 3, 4, 5]
    seen = []
    for x in lst:
        seen.append(x)
        if x == 2:
            lst.append(6)
        if x == 4:
            del lst[0]
    grow = [0]
    for x in grow:
        if x < 50:
            grow.append(x + 1)
    cleared = [1, 2, 3]
    got = []
    for x in cleared:
        got.append(x)
        cleared.clear()
    return seen, len(grow), got


def main():
    for _ in range(200):
        r = (sum_range(10), sum_range(5, 100, 7), sum_range(100, 0, -3), sum_range(0),
             sum_range(-5, 5), sum_range(0, 10 ** 6, 99991))
    print(r)
    print(collect(range(sys.maxsize - 3, sys.maxsize)))
    print(collect(range(-sys.maxsize - 1, -sys.maxsize + 2)))
    print(collect(range(0, -20, -6)), collect(range(3, 3)))
    it = iter(range(10))
    next(it)
    next(it)
    print(collect(it), collect(it))
    lit = iter([1, 2, 3, 4])
    next(lit)
    print(collect(lit), collect(lit))
    print(mutate_while_iterating())
    grid = []
    for i in range(3):
        for j in [10, 20]:
            grid.append(i * j)
    print(grid)
    print(collect(range(2 ** 64, 2 ** 64 + 3)))


main()
