"""Integer loops: nested range loops, accumulators, modulo, a sieve, Collatz and gcd."""

DEFAULT_N = 600


def nested_sum(n):
    total = 0
    for i in range(n):
        for j in range(n):
            total += (i * j) ^ (i + j)
    return total


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            for k in range(i * i, limit + 1, i):
                flags[k] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


def collatz_longest(limit):
    best, best_len = 1, 1
    for start in range(1, limit):
        x, steps = start, 1
        while x != 1:
            if x & 1:
                x = 3 * x + 1
            else:
                x >>= 1
            steps += 1
        if steps > best_len:
            best, best_len = start, steps
    return best, best_len


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def gcd_table(n):
    total = 0
    for a in range(1, n):
        for b in range(1, n, 3):
            total += gcd(a, b)
    return total


def digit_sums(n):
    # while-loops with // and %, and a value that overflows the small-int cache.
    total = 0
    for k in range(n):
        x = k * 7919 + 1000003
        while x:
            total += x % 10
            x //= 10
    return total


def run(n=DEFAULT_N):
    return (
        nested_sum(n),
        sieve(n * 300),
        collatz_longest(n * 40),
        gcd_table(n // 2),
        digit_sums(n * 100),
    )
