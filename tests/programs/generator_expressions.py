# Generator expressions.


def pipeline(n):
    evens = (i for i in range(n) if i % 2 == 0)
    squares = (e * e for e in evens)
    return sum(s % 1000 for s in squares)


def main():
    t = 0
    for n in range(200):
        t += pipeline(n)
    print(t)
    print(any(x > 998 for x in range(1000)), all(x < 1000 for x in range(1000)))
    print(max(len(str(i)) for i in range(5000)), min((i * 7) % 13 for i in range(1, 100)))
    g = (x * 2 for x in range(5))
    print(next(g), list(g), list(g))
    print(list((a, b) for a in range(3) for b in range(a)))
    print(sorted(k for k in {"b": 1, "a": 2}), tuple(c.upper() for c in "abc"))
    print("".join(str(i % 10) for i in range(30)))
    try:
        (1 / x for x in [1, 0]).__next__()
        list(1 / x for x in [1, 0])
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    data = [[1, 2], [3], [], [4, 5, 6]]
    print(sum(len(r) for r in data), list(x for r in data for x in r))


main()
