"""Generator expressions: nested, with closures, eager first iterable, late binding.

Covers genexprs inside genexprs, genexprs passed as the only argument, the first iterable
evaluated at creation (errors raised then), later iterables evaluated lazily, late binding
of free variables, genexprs in class bodies, and exhaustion.
"""


def pairs(n):
    return ((i, j) for i in range(n) for j in (k * 2 for k in range(i)) if (i + j) % 3)


def nested_sum(rows):
    return sum(sum(x * y for x in row) for y, row in enumerate(rows))


def matrix(n):
    return list(list(i * j for j in range(n)) for i in range(n))


def late_binding():
    gens = []
    for m in range(3):
        gens.append(x * m for x in range(3))
    return [list(g) for g in gens]


def late_binding_fixed():
    gens = []
    for m in range(3):
        gens.append((lambda m: (x * m for x in range(3)))(m))
    return [list(g) for g in gens]


def eager_first():
    try:
        g = (x for x in 5)
    except TypeError as e:
        return "eager: " + str(e)


def lazy_second():
    g = (x + y for x in range(2) for y in None)
    try:
        next(g)
    except TypeError as e:
        return "lazy: " + str(e)


def changed_after():
    n = 2
    g = (x * n for x in range(3))
    n = 10
    return list(g)


class Table:
    rows = [(1, 2), (3, 4)]
    total = sum(a + b for a, b in rows)
    firsts = list(a for a, _ in rows)


def any_all(n):
    return (any(x > n for x in range(10)), all(x < n for x in range(10)),
            max((x % 7, x) for x in range(n + 1)), min(x for x in range(3, n + 4)))


def main():
    s = 0
    for i in range(300):
        s += sum(a * b for a, b in pairs(i % 12))
        s += nested_sum([[1, 2], [3, 4], [i, i]])
    print(s)
    print(matrix(4))
    print(late_binding(), late_binding_fixed())
    print(eager_first())
    print(lazy_second())
    print(changed_after())
    print(Table.total, Table.firsts)
    print([any_all(k) for k in (0, 5, 12)])
    g = (c.upper() for c in "abc")
    print(next(g), list(g), list(g))
    print(tuple(x for x in (y for y in (z for z in range(5)))))
    print(dict((k, v) for k, v in zip("abc", range(3))), set(x % 3 for x in range(10)))
    print("".join(str(d) for d in range(10) if d % 2), sorted((-x for x in range(5)), key=abs))
    gx = (1 / x for x in [1, 0])
    print(next(gx))
    try:
        next(gx)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    print(list(gx))


main()
