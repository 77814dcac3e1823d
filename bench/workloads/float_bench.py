"""Many small objects with float attributes: construct from sin/cos, normalise in place, then
reduce with a running maximum. Allocation, attribute access and math calls."""

from math import cos, sin, sqrt

DEFAULT_N = 300_000


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return f"<Point: x={self.x!r}, y={self.y!r}, z={self.z!r}>"

    def normalize(self):
        x, y, z = self.x, self.y, self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    best = points[0]
    for p in points[1:]:
        best.maximize(p)
    return best


def run(n=DEFAULT_N):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    return repr(maximize(points))
