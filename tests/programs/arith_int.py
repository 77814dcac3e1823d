# Integer arithmetic in hot loops.

def poly(x):
    return 3 * x * x - 7 * x + 11


def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def mixed_ops(a, b):
    r = a + b
    r = r - a * 2
    r = r * 3 + b // 7
    r = r % 1000003
    r += a ** 2 % 97
    r -= b << 2
    r ^= a >> 1
    return r


def main():
    total = 0
    for i in range(2000):
        total += poly(i)
    print("poly sum", total)

    best = (0, 0)
    for n in range(1, 1500):
        c = collatz_len(n)
        if c > best[1]:
            best = (n, c)
    print("collatz best", best)

    g = 0
    for a in range(1, 300):
        for b in range(1, 40):
            g += gcd(a * 7, b * 21)
    print("gcd sum", g)

    acc = 0
    for i in range(-500, 500):
        acc += mixed_ops(i, i * 3 - 17)
    print("mixed", acc)

    # augmented ops on locals
    x = 1
    for i in range(1, 100):
        x *= i
        x //= max(1, i // 2)
        x += i
    print("aug", x)
    print(divmod(-17, 5), divmod(17, -5), -17 // 5, -17 % 5, 17 % -5)
    print(abs(-12345678901234567890), pow(3, 200, 1000007), pow(2, -2))


main()
