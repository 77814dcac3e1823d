# List/dict/set comprehensions.


def squares(n):
    return [i * i for i in range(n) if i % 3]


def pairs(n):
    return [(i, j) for i in range(n) for j in range(i) if (i + j) % 5 == 0]


def inverted(d):
    return {v: k for k, v in d.items()}


def uniq_mods(n, m):
    return {i % m for i in range(n)}


def nested(n):
    return [[i * j for j in range(i)] for i in range(n)]


def main():
    t = 0
    for n in range(200):
        t += sum(squares(n))
    print(t)
    print(len(pairs(60)), pairs(12))
    d = {i: str(i) for i in range(100)}
    for _ in range(100):
        inv = inverted(d)
    print(len(inv), inv["42"])
    print(sorted(uniq_mods(1000, 17)))
    print(nested(5))
    x = 10
    print([x for x in range(3)], x)
    print([y for y in [x * 2 for x in range(5)] if y > 2])
    print({k: [v for v in range(k)] for k in range(4)})


main()
