# Nested function definitions and calls.


def compose(*fs):
    def composed(x):
        for f in reversed(fs):
            x = f(x)
        return x

    return composed


def memoize(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def decorator_with_args(prefix):
    def deco(fn):
        def inner(*a):
            return prefix + str(fn(*a))

        inner.__name__ = fn.__name__
        return inner

    return deco


@decorator_with_args("=>")
def add(a, b):
    return a + b


def main():
    inc = lambda x: x + 1
    dbl = lambda x: x * 2
    f = compose(inc, dbl, inc)
    print(sum(f(i) for i in range(1000)))
    print(fib(200), len(fib.cache))
    out = ""
    for i in range(300):
        out = add(i, i)
    print(out, add.__name__)

    def local_rec(n):
        return 1 if n <= 1 else n * local_rec(n - 1)

    print(local_rec(30))
    print([compose()(i) for i in range(3)], f.__qualname__, local_rec.__qualname__)


main()
