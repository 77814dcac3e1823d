# The same code sees changing operand types: small int -> big int -> float -> str -> objects.


class MyInt(int):
    def __add__(self, other):
        return MyInt(int(self) + int(other) + 1000)

    def __repr__(self):
        return "MyInt(%d)" % int(self)


class Acc:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Acc(self.v + (other.v if isinstance(other, Acc) else other))

    def __mul__(self, k):
        return Acc(self.v * k)

    def __repr__(self):
        return "Acc(%r)" % (self.v,)


def combine(a, b):
    return a + b * 2


def accumulate(seq):
    total = seq[0]
    for x in seq[1:]:
        total = combine(total, x)
    return total


def grow_past_64_bits(n):
    x = 1
    for i in range(n):
        x = x * 2 + (i & 1)
    return x


def flip_flop(n):
    v = 0
    out = []
    for i in range(n):
        if i % 4 == 0:
            v = i
        elif i % 4 == 1:
            v = i * 0.5
        elif i % 4 == 2:
            v = str(i)
        else:
            v = [i]
        out.append(type(v).__name__)
    return out.count("int"), out.count("float"), out.count("str"), out.count("list"), v


def main():
    for _ in range(300):
        r1 = accumulate([1, 2, 3, 4])
    print(r1)
    print(accumulate([1.5, 2.25, 3.0]))
    print(accumulate(["a", "b", "c"]))
    print(accumulate([[1], [2], [3]]))
    print(accumulate([(1,), (2,)]))
    print(accumulate([MyInt(1), 2, 3]))
    print(accumulate([1, MyInt(2)]))
    print(accumulate([Acc(1), Acc(2), 3]))
    print(accumulate([True, True, False]), accumulate([2 ** 62, 2 ** 62, 2 ** 62]))
    print(accumulate([1, 2.5, 3]), accumulate([-(2 ** 63), -1]))
    try:
        accumulate([1, "x"])
    except TypeError as e:
        print("TypeError:", e)
    print(grow_past_64_bits(10), grow_past_64_bits(70), grow_past_64_bits(200) % 1000003)
    print(flip_flop(1001))
    t = 0
    x = 2 ** 62 - 5
    for i in range(10):
        x += 1
        t += x
    print(t, x, -x - x, x * x)
    m = 9223372036854775807
    print(m + 1, -m - 2, m * 2, (m + 1) // 2, -(m + 1) // -1, abs(-m - 1))


main()
