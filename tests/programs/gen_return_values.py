"""Generator return values and generators that raise.

Covers return with a value (StopIteration.value), return inside try/finally, StopIteration
raised inside a generator (PEP 479 RuntimeError with __cause__), exceptions raised by a
generator leaving it finished, StopIteration subclass values, and return values of
exhausted subgenerators through several levels of yield from.
"""


def ret(n):
    for i in range(n):
        yield i
    return n * 100


def ret_in_finally(n):
    try:
        yield n
        return "from try"
    finally:
        if n > 5:
            return "from finally"


def leaks_stop():
    yield 1
    raise StopIteration("leaked")


def raises_at(k):
    for i in range(10):
        if i == k:
            raise ValueError("at %d" % i)
        yield i


def ret_tuple():
    yield
    return (1, 2)


def ret_exception_obj():
    yield
    return StopIteration("inner")


def levels(k):
    if k == 0:
        return (yield from ret(2))
    v = yield from levels(k - 1)
    return v + 1


def collect(gen):
    vals = []
    while True:
        try:
            vals.append(next(gen))
        except StopIteration as e:
            return vals, e.value


def main():
    s = 0
    for i in range(400):
        vals, v = collect(ret(i % 7))
        s += len(vals) + v
    print("ret", s)
    print(collect(ret_in_finally(3)), collect(ret_in_finally(9)))

    g = leaks_stop()
    print(next(g))
    try:
        next(g)
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", repr(e.__cause__))
    print(collect(g))

    bad = 0
    for i in range(300):
        g = raises_at(i % 12)
        try:
            for _ in g:
                pass
        except ValueError as e:
            bad += 1
            try:
                next(g)
            except StopIteration:
                bad += 1
    print("raised", bad)

    g = ret_tuple()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print("tuple value", e.value, e.args)
    g = ret_exception_obj()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print("exception value", repr(e.value))

    print([collect(levels(k)) for k in range(5)])

    def none_ret():
        yield 1
        return
    g = none_ret()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print("bare return:", e.value, e.args)

    def gen_with_return_in_loop(limit):
        n = 0
        while True:
            n += 1
            if n >= limit:
                return "limit %d" % n
            yield n
    print(collect(gen_with_return_in_loop(4)))
    print(list(ret(3)), "list() drops the value")


main()
