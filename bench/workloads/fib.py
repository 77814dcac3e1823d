"""Recursive Fibonacci: call overhead, small-int arithmetic and compares, nothing else."""

DEFAULT_N = 25
# fib(25) alone takes ~15 ms here; repeat it to reach a measurable amount of work.
REPEAT = 20


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


class Counter:
    # A method-recursive variant: the same tree of calls, but through bound methods and an
    # attribute store, which a JIT specialises differently from a plain global call.
    def __init__(self):
        self.calls = 0

    def fib(self, n):
        self.calls += 1
        if n < 2:
            return n
        return self.fib(n - 1) + self.fib(n - 2)


def run(n=DEFAULT_N):
    total = 0
    for _ in range(REPEAT):
        total += fib(n)
    c = Counter()
    total += c.fib(n - 2)
    return total, c.calls
