# Dunder methods for operators and protocols.


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        return Money(self.cents - other.cents)

    def __mul__(self, k):
        return Money(self.cents * k)

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

    def __hash__(self):
        return hash(self.cents)

    def __bool__(self):
        return self.cents != 0

    def __repr__(self):
        return "Money(%d.%02d)" % divmod(self.cents, 100)


class Seq:
    def __init__(self, n):
        self.data = list(range(n))

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        return self.data[i]

    def __setitem__(self, i, v):
        self.data[i] = v

    def __contains__(self, x):
        return x in self.data

    def __iter__(self):
        return iter(self.data[::-1])


class OnlyGetitem:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * 10


def main():
    total = Money(0)
    for i in range(1000):
        total = total + Money(i) + 1
        total = 2 * total - total
    print(total, sum([Money(1), Money(2)]), total == Money(total.cents), total != Money(0))
    ms = sorted([Money(i * 37 % 101) for i in range(10)])
    print(ms[:3], max(ms), bool(Money(0)), len({Money(1), Money(1), Money(2)}))
    s = Seq(100)
    t = 0
    for i in range(len(s)):
        s[i] = s[i] * 2
        t += s[i]
    print(t, 50 in s, 51 in s, list(s)[:5], len(s), bool(Seq(0)))
    print(list(OnlyGetitem()), 30 in OnlyGetitem(), 31 in OnlyGetitem())
    try:
        Money(1) + "x"
    except TypeError as e:
        print("TypeError:", e)
    try:
        Money(1) < 3
    except AttributeError as e:
        print("AttributeError:", e)
    acc = 0
    for i in range(500):
        if Money(i % 3):
            acc += 1
    print(acc)


main()
