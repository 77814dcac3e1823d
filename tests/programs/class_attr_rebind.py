# Class/instance attributes and methods rebound while loops read them.


class Config:
    rate = 1
    label = "a"

    def compute(self, x):
        return x + self.rate


def new_compute(self, x):
    return x * self.rate


def read_class_attr(n):
    t = 0
    for i in range(n):
        t += Config.rate
        if i == n // 2:
            Config.rate = 10
    return t


def read_instance_attr(obj, n):
    t = 0
    for i in range(n):
        t += obj.rate
        if i == 100:
            obj.rate = 5  # instance attribute now shadows class attribute
        if i == 200:
            del obj.rate  # back to class attribute
        if i == 300:
            Config.rate = 7
    return t


def call_method(obj, n):
    t = 0
    for i in range(n):
        t += obj.compute(i)
        if i == n // 3:
            Config.compute = new_compute
        if i == 2 * n // 3:
            obj.compute = lambda x: -1
    return t


class Base:
    def val(self):
        return 1


class Derived(Base):
    pass


def inherited(n):
    d = Derived()
    t = 0
    for i in range(n):
        t += d.val()
        if i == 100:
            Base.val = lambda self: 2
        if i == 200:
            Derived.val = lambda self: 3
        if i == 300:
            del Derived.val
        if i == 400:
            Derived.__bases__ = (Other,)
    return t


class Other:
    def val(self):
        return 50


def main():
    for _ in range(10):
        Config.rate = 1
        r = read_class_attr(1000)
    print("class attr", r)
    Config.rate = 1
    print("instance attr", read_instance_attr(Config(), 500))
    Config.rate = 2
    print("method", call_method(Config(), 900))
    print("inherited", inherited(500))
    c = Config()
    print(c.compute(3), Config.compute.__name__, c.rate)


main()
