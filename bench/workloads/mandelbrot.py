"""Escape-time iteration over a grid of points: float arithmetic and comparisons on values
that never leave the loop (`x * x + y * y < 4.0`), the case unboxed floats are for."""

DEFAULT_N = 120


def escape_time(cx, cy, limit):
    x = y = 0.0
    n = 0
    while x * x + y * y < 4.0 and n < limit:
        x, y = x * x - y * y + cx, 2.0 * x * y + cy
        n += 1
    return n


def run(n=DEFAULT_N):
    total = 0
    for i in range(n):
        for j in range(n):
            total += escape_time(-2.0 + 2.5 * i / n, -1.25 + 2.5 * j / n, 200)
    return total
