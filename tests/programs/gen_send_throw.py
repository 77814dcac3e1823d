"""Generators: send() and throw() delivered at every kind of suspension point.

Covers yields inside plain loops, try bodies, except handlers, finally blocks, with blocks,
nested loops and conditional expressions; throw() with a type, an instance and a
(type, value) pair; throw() into an unstarted and a finished generator.
"""


class Log:
    def __init__(self):
        self.items = []

    def __enter__(self):
        self.items.append("enter")
        return self

    def __exit__(self, et, ev, tb):
        self.items.append("exit:%s" % (et.__name__ if et else None))
        return et is KeyError


def in_loop():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


def in_try(log):
    while True:
        try:
            x = yield "try"
            log.append(("got", x))
        except ValueError as e:
            log.append(("ve", str(e)))
            x = yield "handled"
            log.append(("after-handler", x))
        except TypeError:
            log.append("te")
            return "te-return"


def in_except(log):
    try:
        raise LookupError("base")
    except LookupError as outer:
        x = yield "in-except"
        log.append(("ctx-kept", str(outer), x))
        try:
            y = yield "nested"
        except RuntimeError as inner:
            log.append(("inner", str(inner), type(inner.__context__).__name__))
            y = "r"
        yield y


def in_finally(log):
    try:
        yield "body"
    finally:
        x = yield "finally-1"
        log.append(("fin", x))
        yield "finally-2"


def in_with(log):
    with Log() as lg:
        x = yield "with"
        log.append(x)
        yield "with-2"
    log.extend(lg.items)
    yield "after-with"


def cond_expr():
    n = 0
    while n < 6:
        v = (yield n) if n % 2 else (yield -n)
        n += 1 if v is None else v


def drive_send(n):
    g = in_loop()
    next(g)
    s = 0
    for i in range(n):
        s = g.send(i)
    try:
        g.send(None)
    except StopIteration as e:
        return s, e.value


def main():
    acc = 0
    for i in range(300):
        a, b = drive_send(20)
        acc += a + b
    print("drive_send", acc)

    log = []
    g = in_try(log)
    print(next(g), g.send(1), g.throw(ValueError("v1")), g.send("x"), g.throw(ValueError, "v2"))
    print(g.send("back"), g.throw(ValueError, ValueError("v3")), g.send("y"))
    try:
        g.throw(TypeError)
    except StopIteration as e:
        print("stop", e.value)
    print(log)

    log = []
    g = in_except(log)
    print(next(g), g.send(5), g.throw(RuntimeError("rt")))
    print(log)

    log = []
    g = in_finally(log)
    print(next(g), g.throw(KeyError("k")), g.send(7))
    try:
        next(g)
    except KeyError as e:
        print("reraised after finally", repr(e))
    print(log)

    log = []
    g = in_with(log)
    print(next(g), g.send("s1"))
    print(g.throw(KeyError("swallowed")))
    print(log)
    g = in_with(log)
    next(g)
    try:
        g.throw(IndexError(3))
    except IndexError as e:
        print("with did not suppress", e.args, log[-1:])

    out = []
    g = cond_expr()
    v = next(g)
    while True:
        out.append(v)
        try:
            v = g.send(None if v % 3 else 1)
        except StopIteration:
            break
    print(out)

    g = in_loop()
    try:
        g.throw(ValueError("unstarted"))
    except ValueError as e:
        print("unstarted throw", e)
    try:
        next(g)
    except StopIteration:
        print("unstarted generator is finished after throw")
    try:
        g.throw(ValueError("finished"))
    except ValueError as e:
        print("finished throw", e)
    g = in_loop()
    try:
        g.send(3)
    except TypeError as e:
        print(e)

    results = []
    for i in range(400):
        lg = []
        g = in_try(lg)
        next(g)
        g.send(i)
        if i % 2:
            g.throw(ValueError(str(i)))
            g.send(i)
        results.append(len(lg))
    print(sum(results), results[:6])


main()
