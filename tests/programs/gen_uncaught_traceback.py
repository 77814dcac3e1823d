"""An uncaught exception raised inside a yield-from chain reaches the top level.

The interpreter prints the traceback through the consumer function, every delegating
generator and the innermost generator (stderr and exit code are compared).
"""


def innermost(items):
    for x in items:
        yield 100 // x


def middle(items):
    total = yield from innermost(items)
    return total


def outer(items):
    yield "start"
    yield from middle(items)
    yield "end"


def consume(items):
    out = []
    for v in outer(items):
        out.append(v)
    return out


def main():
    n = 0
    for i in range(300):
        n += len(consume([1, 2, 3, 4, 5 + i]))
    print(n)
    print(consume([5, 4, 3, 0, 1]))


main()
