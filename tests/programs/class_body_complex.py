"""Class bodies running real code: loops, comprehensions, conditionals, try, nested classes.

Covers names defined in loops inside the class body, comprehensions in a class body not
seeing class-level names (except the first iterable), conditional method definitions,
del in the class body, try/except in the body, nested classes and __qualname__, and many
classes created by a function in a hot loop.
"""

DEBUG = False


class Table:
    columns = ["id", "name", "score"]
    index = {c: i for i, c in enumerate(columns)}
    widths = [len(c) + 2 for c in columns]
    for c in columns:
        locals()["col_" + c] = c.upper()
    del c
    if DEBUG:
        def describe(self):
            return "debug"
    else:
        def describe(self):
            return "table of %d" % len(self.columns)
    try:
        broken = undefined_name_here
    except NameError as e:
        broken = "NameError: " + str(e)
    total = 0
    i = 0
    while i < 5:
        total += i
        i += 1

    class Row:
        def __init__(self, *vals):
            self.vals = vals

    def row(self, *vals):
        return self.Row(*vals)


class Scoping:
    x = 10
    xs = [1, 2, 3]
    first_iterable = [k * 2 for k in xs]
    try:
        inner = [x for k in range(2)]
    except NameError as e:
        inner = str(e)
    lam = (lambda: x) if False else None


def make_class(n):
    class Dyn:
        size = n
        squares = [k * k for k in range(n)]
        if n % 2:
            kind = "odd"
        else:
            kind = "even"

        def total(self):
            return sum(self.squares) + self.size

    return Dyn


def main():
    t = Table()
    print(Table.index, Table.widths, Table.col_id, Table.col_score, hasattr(Table, "c"))
    print(t.describe(), Table.broken, Table.total, Table.i)
    print(Table.Row.__qualname__, type(t.row(1, 2)).__name__, t.row(1, 2).vals)
    print(Scoping.first_iterable, Scoping.inner)
    acc = 0
    kinds = {}
    for i in range(300):
        C = make_class(i % 9)
        acc += C().total()
        kinds[C.kind] = kinds.get(C.kind, 0) + 1
    print(acc, kinds, C.__qualname__)


main()
