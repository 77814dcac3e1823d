"""Chaos game over an iterated function system whose maps bend points along cubic B-splines.
Object-oriented float code: a small vector class with operator methods, spline evaluation by
de Boor's algorithm, seeded random choices, and a pixel grid."""

import math
import random

DEFAULT_N = 20_000

WIDTH = HEIGHT = 128
THICKNESS = 0.25


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x=0.0, y=0.0):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def length(self):
        return math.sqrt(self.x * self.x + self.y * self.y)

    def lerp(self, other, t):
        return Vec(self.x + (other.x - self.x) * t, self.y + (other.y - self.y) * t)

    def normal(self):
        n = self.length()
        if n == 0.0:
            return Vec(0.0, 1.0)
        return Vec(-self.y / n, self.x / n)


class Spline:
    """Clamped cubic B-spline through control points, parameter in [0, 1]."""

    DEGREE = 3

    def __init__(self, points):
        self.points = points
        k = self.DEGREE
        inner = len(points) - k
        self.knots = [0.0] * k + [i / inner for i in range(inner + 1)] + [1.0] * k

    def span(self, u):
        knots = self.knots
        k = self.DEGREE
        hi = len(self.points) - 1
        if u >= knots[hi + 1]:
            return hi
        lo = k
        while lo < hi and knots[lo + 1] <= u:
            lo += 1
        return lo

    def __call__(self, u):
        k = self.DEGREE
        s = self.span(u)
        knots = self.knots
        d = [self.points[j + s - k] for j in range(k + 1)]
        for r in range(1, k + 1):
            for j in range(k, r - 1, -1):
                i = j + s - k
                denom = knots[i + k + 1 - r] - knots[i]
                alpha = 0.0 if denom == 0.0 else (u - knots[i]) / denom
                d[j] = d[j - 1].lerp(d[j], alpha)
        return d[k]


class Chaos:
    def __init__(self, splines, seed):
        self.splines = splines
        self.rng = random.Random(seed)
        # Longer splines are chosen more often, so the attractor is evenly dense.
        lengths = [self.arc_length(s) for s in splines]
        total = sum(lengths)
        self.weights = [length / total for length in lengths]
        self.grid = [[0] * HEIGHT for _ in range(WIDTH)]

    @staticmethod
    def arc_length(spline, steps=64):
        prev = spline(0.0)
        total = 0.0
        for i in range(1, steps + 1):
            cur = spline(i / steps)
            total += (cur - prev).length()
            prev = cur
        return total

    def pick(self):
        r = self.rng.random()
        for i, w in enumerate(self.weights):
            r -= w
            if r <= 0.0:
                return i
        return len(self.weights) - 1

    def transform(self, spline, p):
        # The point's x picks a place on the spline, its y an offset along the normal there.
        t = min(max(p.x, 0.0), 1.0)
        eps = 1e-4
        base = spline(t)
        tangent = spline(min(t + eps, 1.0)) - spline(max(t - eps, 0.0))
        return base + tangent.normal() * ((p.y - 0.5) * THICKNESS)

    def run(self, iterations):
        p = Vec(0.5, 0.5)
        grid = self.grid
        for _ in range(iterations):
            q = self.transform(self.splines[self.pick()], p)
            # Fold back into the unit square, which keeps the orbit bounded.
            x = q.x - math.floor(q.x)
            y = q.y - math.floor(q.y)
            p = Vec(x, y)
            grid[int(x * WIDTH) % WIDTH][int(y * HEIGHT) % HEIGHT] += 1

    def checksum(self):
        total = 0
        for i, column in enumerate(self.grid):
            for j, count in enumerate(column):
                if count:
                    total = (total * 31 + i * HEIGHT + j + count) % 1_000_000_007
        return total


def make_splines():
    return [
        Spline([Vec(0.0, 0.0), Vec(0.2, 0.6), Vec(0.4, 0.9), Vec(0.6, 0.6), Vec(0.8, 0.2),
                Vec(1.0, 0.0)]),
        Spline([Vec(0.1, 0.9), Vec(0.3, 0.7), Vec(0.5, 0.5), Vec(0.7, 0.3), Vec(0.9, 0.1)]),
        Spline([Vec(0.0, 0.5), Vec(0.3, 0.2), Vec(0.5, 0.8), Vec(0.7, 0.2), Vec(1.0, 0.5)]),
    ]


def run(n=DEFAULT_N):
    game = Chaos(make_splines(), seed=1234)
    game.run(n)
    return game.checksum()
