# Classes with __slots__.


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dist2(self, o):
        dx = self.x - o.x
        dy = self.y - o.y
        return dx * dx + dy * dy


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class WithDict(Point):
    pass


def main():
    pts = [Point(i % 17, i % 23) for i in range(500)]
    t = 0
    for i in range(len(pts) - 1):
        t += pts[i].dist2(pts[i + 1])
    print(t)
    p = Point(1, 2)
    for i in range(1000):
        p.x += 1
        p.y -= 1
    print(p.x, p.y)
    try:
        p.z = 3
    except AttributeError as e:
        print("AttributeError:", e)
    q = Point.__new__(Point)
    try:
        q.x
    except AttributeError as e:
        print("AttributeError:", e)
    del p.x
    print(hasattr(p, "x"), hasattr(p, "y"))
    p3 = Point3(1, 2, 3)
    print(p3.x, p3.y, p3.z, Point3.__slots__, hasattr(p3, "__dict__"))
    w = WithDict(1, 2)
    w.extra = 5
    print(w.extra, sorted(w.__dict__), type(Point.x).__name__)


main()
