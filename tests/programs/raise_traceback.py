# Ends with an uncaught exception that passes through several frames.


class Processor:
    def __init__(self, limit):
        self.limit = limit

    def handle(self, value):
        if value > self.limit:
            raise ValueError("value %d exceeds limit %d" % (value, self.limit))
        return value * 2


def level3(proc, v):
    return proc.handle(v) + 1


def level2(proc, v):
    x = level3(proc, v)
    return x - 1


def level1(proc, items):
    total = 0
    for v in items:
        total += level2(proc, v)
    return total


def main():
    proc = Processor(1000)
    print(level1(proc, range(500)))
    print(level1(proc, range(1000)))
    print("about to fail")
    level1(proc, range(995, 1005))


main()
