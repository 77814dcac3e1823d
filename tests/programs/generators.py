# Generators: yield, send, throw, close, yield from, return values.


def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    return total


def delegator():
    r = yield from accumulator()
    yield "done %d" % r


def with_cleanup(log):
    try:
        yield 1
        yield 2
    finally:
        log.append("closed")


def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "caught %s" % e
    yield 3


def main():
    print(sum(count_up(1000)))
    g = fib_gen()
    fibs = [next(g) for _ in range(50)]
    print(fibs[-1])
    acc = accumulator()
    next(acc)
    for i in range(500):
        acc.send(i)
    try:
        acc.send(None)
    except StopIteration as e:
        print("returned", e.value)
    d = delegator()
    next(d)
    for i in range(10):
        d.send(i)
    print(d.send(None))
    log = []
    c = with_cleanup(log)
    print(next(c))
    c.close()
    print(log)
    t = thrower()
    print(next(t), t.throw(ValueError("boom")), next(t))
    total = 0
    for _ in range(300):
        total += sum(x for x in count_up(10))
    print(total)
    gen = count_up(3)
    print(list(gen), list(gen))
    def inner_gen():
        yield from range(3)
        yield from "ab"
    print(list(inner_gen()))
    g2 = count_up(5)
    next(g2)
    print(g2.gi_running, g2.gi_frame.f_lineno - count_up.__code__.co_firstlineno)


main()
