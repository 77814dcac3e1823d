# Set operations (printed in sorted form).


def sieve(n):
    composite = set()
    primes = []
    for i in range(2, n):
        if i not in composite:
            primes.append(i)
            for j in range(i * i, n, i):
                composite.add(j)
    return primes


def main():
    p = sieve(3000)
    print(len(p), p[-5:])
    a = set(range(0, 100, 3))
    b = set(range(0, 100, 5))
    print(sorted(a & b), len(a | b), len(a - b), len(a ^ b))
    print(a.issubset(set(range(100))), (a & b) <= a, a > b, a.isdisjoint({1, 2}))
    s = set()
    for i in range(1000):
        s.add(i % 37)
        if i % 5 == 0:
            s.discard(i % 11)
    print(sorted(s))
    words = {"pear", "apple", "fig"}
    words |= {"kiwi"}
    words -= {"fig"}
    print(sorted(words), "apple" in words, "fig" in words)
    fs = frozenset([1, 2, 3])
    print(sorted({fs: 1}[frozenset([3, 2, 1])] for _ in range(1)), sorted(fs | {4}))
    try:
        set().pop()
    except KeyError as e:
        print("KeyError", e)
    print(sorted({x * x % 10 for x in range(100)}), len({1, 1.0, True}))


main()
