# Unary operators.


class U:
    def __init__(self, v):
        self.v = v

    def __neg__(self):
        return U(-self.v)

    def __pos__(self):
        return U(self.v + 1)

    def __invert__(self):
        return U(~self.v)

    def __bool__(self):
        return self.v != 0


def main():
    t = 0
    for i in range(-500, 500):
        t += -i + (+i) + ~i + (not i)
    print(t)
    u = U(5)
    for _ in range(100):
        u = -(+u)
    print(u.v, (~u).v, not u, not U(0), bool(U(3)))
    print(-0.0, +(-0.0), -(2 ** 70), ~(2 ** 70), not [], not [0], -True, ~False)
    for bad in ["s", [1], None]:
        try:
            -bad
        except TypeError as e:
            print("TypeError:", e)
    x = 3
    print(- - x, not not x, ~~x, -x ** 2, (-x) ** 2)


main()
