"""Python-call sites that see several callees: the site's cache keeps the codes called before
the current one (three) and their fast entries. More callees than that, callees that die
(their code may be reused at the same address), code swapped under a function, defaults
changed, and a callee that turns into something else must behave as in stock."""
import gc


class Shape:
    def area(self):
        raise NotImplementedError


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Tri(Shape):
    def __init__(self, b, h):
        self.b, self.h = b, h

    def area(self):
        return self.b * self.h // 2


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3 * self.r * self.r


class Hexagon(Shape):
    def __init__(self, s):
        self.s = s

    def area(self, scale=6):
        return scale * self.s


def total(shapes):
    t = 0
    for s in shapes:
        t += s.area()
    return t


shapes = [Square(2), Rect(2, 3), Tri(4, 5), Circle(1), Hexagon(2)] * 100
print("five classes", total(shapes))
print("four classes", total(shapes[:4] * 50))
Hexagon.area.__defaults__ = (60,)
print("new defaults", total(shapes[:5]))
Rect.area.__code__ = Square.area.__code__.replace(co_name="area")  # Rect has no .s
try:
    total([Rect(1, 2)])
except AttributeError as e:
    print("AttributeError:", e)


def dispatch(table, keys):
    t = 0
    for k in keys:
        t += table[k](k)
    return t


def make_table(n):
    # Closures share one code; lambdas made per call have new codes each time.
    table = {}
    for i in range(n):
        exec("def f%d(k):\n    return k * %d\n" % (i, i + 1), table)
    return [table["f%d" % i] for i in range(n)]


keys = [i % 6 for i in range(600)]
for round_ in range(5):
    table = make_table(6)
    print("round", round_, dispatch(table, keys))
    del table
    gc.collect()  # the codes die: new codes may take their addresses

table = make_table(6)
table[2] = lambda k: "not an int"
try:
    dispatch(table, keys)
except TypeError as e:
    print("TypeError:", e)
table[2] = abs
print("builtin in the table", dispatch(table, keys))
