"""Decorators forwarding *args/**kwargs through several layers, functools.wraps, recursion.

Covers counting/memoizing/retrying decorators stacked on recursive functions, decorators
with arguments, wrapped functions' metadata (__name__, __wrapped__, __doc__), decorators on
methods (self forwarded), and exceptions propagating through wrappers with tracebacks.
"""
import functools


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper


def retry(times, on=(ValueError,)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            last = None
            for attempt in range(times):
                try:
                    return fn(*a, attempt=attempt, **kw)
                except on as e:
                    last = e
            raise RuntimeError("gave up after %d" % times) from last
        return wrapper
    return deco


def memo(fn):
    cache = {}

    @functools.wraps(fn)
    def wrapper(*a):
        if a not in cache:
            cache[a] = fn(*a)
        return cache[a]
    wrapper.cache = cache
    return wrapper


@counted
@memo
def fib(n):
    """Fibonacci."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@counted
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


@retry(3)
def flaky(x, attempt):
    if attempt < x:
        raise ValueError("attempt %d" % attempt)
    return "ok after %d" % attempt


class Svc:
    def __init__(self):
        self.log = []

    @counted
    def handle(self, req, *, urgent=False):
        self.log.append((req, urgent))
        return len(self.log)


def main():
    print(fib(80), fib.calls, fib.__name__, fib.__doc__, fib.__wrapped__.__name__, len(fib.__wrapped__.cache))
    print(ack(2, 3), ack.calls)
    res = []
    for i in range(300):
        try:
            res.append(flaky(i % 4))
        except RuntimeError as e:
            res.append("%s <- %s" % (e, e.__cause__))
    print(res[:4])
    s = Svc()
    for i in range(300):
        s.handle(i, urgent=i % 2 == 0)
    print(Svc.handle.calls, s.log[-1])
    flaky(7)


main()
