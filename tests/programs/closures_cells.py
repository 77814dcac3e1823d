# Closures and cell variables.


def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


def make_adders(n):
    return [lambda x, i=i: x + i for i in range(n)]


def late_binding(n):
    fs = [lambda: i for i in range(n)]
    return [f() for f in fs]


def outer(a):
    b = a * 2

    def middle(c):
        d = c + b

        def inner(e):
            return a + b + c + d + e

        return inner

    return middle


def cell_modified_in_loop(n):
    total = 0

    def add(v):
        nonlocal total
        total += v

    for i in range(n):
        add(i)
        if i % 100 == 0:
            total -= 1
    return total


def main():
    c = make_counter()
    for i in range(1000):
        c()
    print(c(0), c(5))
    adders = make_adders(10)
    print([adders[i](100) for i in range(10)])
    print(late_binding(5))
    s = 0
    for i in range(300):
        s += outer(i)(i + 1)(i + 2)
    print(s)
    print(cell_modified_in_loop(2000))
    f = outer(1)(2)
    print(f.__code__.co_freevars, outer.__code__.co_cellvars)
    print([cell.cell_contents for cell in f.__closure__])


main()
