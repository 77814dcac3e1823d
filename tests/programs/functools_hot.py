"""functools in hot loops: lru_cache (stats, typed, maxsize eviction, cache_clear), cache,
reduce, singledispatch and singledispatchmethod, cached_property, total_ordering,
partialmethod, cmp_to_key.
"""
import functools


@functools.lru_cache(maxsize=64)
def collatz(n):
    if n == 1:
        return 0
    return 1 + collatz(n // 2 if n % 2 == 0 else 3 * n + 1)


@functools.lru_cache(maxsize=None, typed=True)
def typed_id(x):
    return type(x).__name__


@functools.cache
def binom(n, k):
    if k == 0 or k == n:
        return 1
    return binom(n - 1, k - 1) + binom(n - 1, k)


@functools.singledispatch
def render(x):
    return "object"


@render.register
def _(x: int):
    return "int %d" % x


@render.register(list)
@render.register(tuple)
def _(x):
    return "seq[" + ",".join(render(i) for i in x) + "]"


@render.register
def _(x: bool):
    return "bool"


class Shape:
    @functools.singledispatchmethod
    def area(self, arg):
        raise NotImplementedError(type(arg).__name__)

    @area.register
    def _(self, arg: int):
        return arg * arg

    @area.register
    def _(self, arg: float):
        return round(3.14159 * arg * arg, 3)


@functools.total_ordering
class Ver:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, o):
        return self.parts == o.parts

    def __lt__(self, o):
        return self.parts < o.parts


class Data:
    computed = 0

    def __init__(self, xs):
        self.xs = xs

    @functools.cached_property
    def total(self):
        Data.computed += 1
        return sum(self.xs)

    def scaled(self, k, offset):
        return [x * k + offset for x in self.xs]

    doubled = functools.partialmethod(scaled, 2)


def main():
    print(max(collatz(n) for n in range(1, 3000)), collatz.cache_info())
    collatz.cache_clear()
    print(collatz.cache_info())
    print([typed_id(v) for v in (1, 1.0, True, "1")], typed_id.cache_info().currsize)
    print(binom(60, 30), binom.cache_info().hits > 0)
    print(functools.reduce(lambda a, b: a * b % 1000007, range(1, 2000), 1), functools.reduce(max, [3, 9, 2]))
    try:
        functools.reduce(max, [])
    except TypeError as e:
        print("TypeError:", e)
    print([render(v) for v in (1, True, [1, (2, "x")], 2.5)], render.dispatch(bool).__name__)
    sh = Shape()
    print(sum(sh.area(i) for i in range(300)), sh.area(1.5))
    try:
        sh.area("x")
    except NotImplementedError as e:
        print("NotImplementedError:", e)
    vs = sorted([Ver(1, i % 3, i % 5) for i in range(200)])
    print(vs[0].parts, vs[-1].parts, Ver(1) >= Ver(0, 9), Ver(2) <= Ver(2))
    ds = [Data(list(range(i))) for i in range(100)]
    print(sum(d.total + d.total for d in ds), Data.computed, ds[3].doubled(1))
    key = functools.cmp_to_key(lambda a, b: (a % 7) - (b % 7) or b - a)
    print(sorted(range(20), key=key))


main()
