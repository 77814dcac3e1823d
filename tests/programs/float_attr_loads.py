# Float attributes read straight into float arithmetic (`self.x * other.x`, `a.x > b.x`) are
# copied out as unboxed values once the interpreter specialised both the load and the
# arithmetic; attributes of other types, missing ones, properties, dict-held ones, owners that
# die during the expression, and exceptions with such values pending must all behave as in
# the interpreter.


class V:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def bigger(self, o):
        return self.x if self.x > o.x else o.x


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def scaled(self, k):
        return self.x * k - self.y * 2.0


class Computed(P):
    @property
    def x(self):
        return 10.5

    @x.setter
    def x(self, v):
        pass


class Dying:
    def __init__(self):
        self.x = 2.5

    def __del__(self):
        print("Dying freed")


def make_dying():
    return Dying()


def with_temporary(k):
    # The owner's last reference goes as the attribute is read.
    return make_dying().x * k


def missing(o):
    try:
        return o.x * 2.0
    except AttributeError as e:
        return "AttributeError: %s" % e


def main():
    a, b = V(1.5, 2.5, -3.0), V(0.5, -1.0, 4.0)
    for _ in range(300):
        r = (a.dot(b), a.bigger(b), b.bigger(a))
    print("floats", r)
    # Other types at the same sites, after compilation.
    for args in [(V(1, 2, 3), V(4, 5, 6)), (V(1.5, 2, 3.5), b), (V(True, 2.0, 1.0), b),
                 (V(10 ** 20, 1.0, 1.0), b), (V("ab", "c", "d"), V(2, 3, 4)), (V(float("nan"), 0.0, -0.0), b)]:
        try:
            print("mixed", args[0].dot(args[1]), args[0].bigger(args[1]))
        except TypeError as e:
            print("TypeError", e)
    p = P(3.0, 1.25)
    for _ in range(300):
        r = p.scaled(1.5)
    print("plain", r, P(3, 1).scaled(2), P(3.0, None).scaled(1.0) if False else "", Computed(1.0, 2.0).scaled(2.0))
    q = P(1.0, 2.0)
    q.__dict__.clear()
    print("missing", missing(q), missing(P(7.0, 0.0)))
    for i in range(200):
        missing(P(float(i), 0.0))
    print("missing again", missing(q))
    print("temporary", with_temporary(2.0))
    for _ in range(200):
        with_temporary(3.0)
    print("after loop")
    try:
        P(1.0, "s").scaled(1.0)
    except TypeError as e:
        print("TypeError", e)
    # Keep flipping types: the function is compiled again without unboxing.
    for i in range(100):
        v = V(i, i + 0.5, 2.0) if i % 2 else V(i + 0.25, i, 2.0)
        r = v.dot(v)
    print("flipping", r)


main()
