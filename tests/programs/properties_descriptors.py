# Properties and custom descriptors.


class Typed:
    def __init__(self, name, kind):
        self.name = "_" + name
        self.kind = kind

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s must be %s" % (self.name[1:], self.kind.__name__))
        setattr(obj, self.name, value)


class Counted:
    """Non-data descriptor that counts accesses."""
    def __init__(self):
        self.hits = 0

    def __get__(self, obj, owner):
        self.hits += 1
        return self.hits


class Temp:
    celsius = Typed("celsius", float)
    counter = Counted()

    def __init__(self, c):
        self.celsius = c

    @property
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9

    @fahrenheit.deleter
    def fahrenheit(self):
        self.celsius = 0.0


def main():
    t = Temp(0.0)
    acc = 0.0
    for i in range(1000):
        t.celsius = float(i)
        acc += t.fahrenheit
        t.fahrenheit = t.fahrenheit + 1.8
    print(round(acc, 6), round(t.celsius, 9))
    del t.fahrenheit
    print(t.celsius, t.__dict__)
    try:
        t.celsius = 5
    except TypeError as e:
        print("TypeError:", e)
    n = 0
    for _ in range(300):
        n = t.counter
    print(n, Temp.counter, type(Temp.__dict__["counter"]).__name__)
    t.__dict__["counter"] = "shadow"
    print(t.counter)
    print(isinstance(Temp.celsius, Typed), Temp.fahrenheit.fget.__name__)
    try:
        Temp.fahrenheit.fset(t, "bad")
    except TypeError as e:
        print("TypeError:", e)

    class RO:
        @property
        def x(self):
            return 1
    try:
        RO().x = 2
    except AttributeError as e:
        print("AttributeError:", e)


main()
