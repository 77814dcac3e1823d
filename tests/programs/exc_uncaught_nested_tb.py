"""Uncaught exception deep in a chain of methods, lambdas, comprehensions and properties.

The traceback printed at exit goes through a method, a property getter, a lambda inside
sorted(), a list comprehension and a nested function, with 3.11 caret ranges.
"""


class Item:
    def __init__(self, name, weight):
        self.name = name
        self.weight = weight

    @property
    def ratio(self):
        return 100 / self.weight


class Store:
    def __init__(self, items):
        self.items = items

    def ranked(self):
        return sorted(self.items, key=lambda it: (it.ratio, it.name))

    def report(self):
        def fmt(it):
            return "%s:%.2f" % (it.name, it.ratio)
        return [fmt(it) for it in self.ranked()]


def main():
    s = Store([Item("i%d" % k, k + 1) for k in range(20)])
    n = 0
    for _ in range(200):
        n += len(s.report())
    print(n, s.report()[:3])
    s.items.append(Item("zero", 0))
    print(s.report())


main()
