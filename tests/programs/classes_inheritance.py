# Class hierarchies, method resolution, isinstance.


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return "%s(%d sides, area=%s)" % (self.name, self.sides, self.area())


class Rect(Shape):
    sides = 4

    def __init__(self, w, h):
        Shape.__init__(self, "rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        Rect.__init__(self, s, s)
        self.name = "square"


class Tri(Shape):
    sides = 3

    def __init__(self, b, h):
        super().__init__("tri")
        self.b = b
        self.h = h

    def area(self):
        return self.b * self.h / 2


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B" + super().who()


class C(A):
    def who(self):
        return "C" + super().who()


class D(B, C):
    def who(self):
        return "D" + super().who()


def main():
    shapes = []
    for i in range(600):
        k = i % 3
        if k == 0:
            shapes.append(Rect(i % 7 + 1, i % 5 + 1))
        elif k == 1:
            shapes.append(Square(i % 9 + 1))
        else:
            shapes.append(Tri(i % 4 + 1, i % 6 + 1))
    total = 0
    counts = {}
    for s in shapes:
        total += s.area()
        key = type(s).__name__
        counts[key] = counts.get(key, 0) + 1
    print(total, sorted(counts.items()))
    print(shapes[0].describe(), shapes[1].describe(), shapes[2].describe())
    print(sum(isinstance(s, Rect) for s in shapes), sum(issubclass(type(s), Shape) for s in shapes))
    print([c.__name__ for c in D.__mro__])
    r = ""
    for _ in range(200):
        r = D().who()
    print(r)
    print(Square.sides, Tri.sides, Shape.sides, Square.__bases__[0].__name__)


main()
