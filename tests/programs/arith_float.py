# Floating point arithmetic in hot loops.
import math


def integrate(f, a, b, n):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h


def sq(x):
    return x * x


def newton_sqrt(v):
    x = v if v > 1.0 else 1.0
    for _ in range(30):
        x = 0.5 * (x + v / x)
    return x


def mix(a, b):
    return a * 1.5 - b / 3.0 + (a - b) ** 2 - a // 0.7 + b % 2.5


def main():
    print("int sq", round(integrate(sq, 0.0, 3.0, 2000), 9))
    print("int sin", round(integrate(math.sin, 0.0, math.pi, 2000), 9))
    tot = 0.0
    for i in range(1, 1000):
        tot += newton_sqrt(float(i))
    print("sqrt sum", repr(tot))
    m = 0.0
    for i in range(500):
        m += mix(i * 0.25, i * 0.125 + 1.0)
    print("mix", repr(m))
    xs = [i * 0.1 for i in range(100)]
    print(repr(sum(xs)), repr(math.fsum(xs)))
    print(repr(1e308 * 10), repr(-1e308 * 10), 0.1 + 0.2, 1 / 3)
    f = 1.0
    for i in range(1, 200):
        f = f * 1.1 - 0.05 * i
    print(repr(f))
    print(float("1.5e-3"), int(3.99), int(-3.99), round(2.5), round(3.5), round(-2.675, 2))
    print(3 + 0.5, 7 / 2, 7 // 2.0, -7 // 2.0, 7.5 % -2, math.floor(-0.5), math.ceil(-0.5))


main()
