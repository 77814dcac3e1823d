"""Exceptions caught by handlers entered with values on the stack and inside nested blocks.

The exception table restores the stack depth of each handler: covers try inside for loops
inside with blocks inside for loops, exceptions raised while building call arguments or
displays inside try, return/break/continue out of nested with+try in loops, handlers
inside comprehension-called functions, and exceptions in the iterator of a for loop
that is inside a try.
"""


class CM:
    def __init__(self, log, name):
        self.log, self.name = log, name

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        self.log.append("x" + self.name + ("!" if et else ""))
        return et is KeyError


def boom(v):
    if v % 3 == 0:
        raise ValueError(v)
    if v % 3 == 1:
        raise KeyError(v)
    return v


def nested(n):
    log = []
    for i in range(n):
        with CM(log, "o"):
            for j in range(3):
                try:
                    log.append(str([i, j, boom(i + j), j]))
                except ValueError:
                    log.append("V")
                    continue
                finally:
                    log.append("f")
                if j == 2:
                    break
    return log


def args_then_raise(i):
    try:
        return max(i, i + 1, boom(i), i + 3, key=lambda v: -v)
    except (ValueError, KeyError) as e:
        return "caught %r" % (e,)


def display_then_raise(i):
    try:
        return {"a": i, "b": [i, {i: boom(i)}], "c": i}
    except Exception as e:
        return type(e).__name__


def ret_from_deep(i):
    log = []
    for a in range(3):
        with CM(log, "1"):
            try:
                with CM(log, "2"):
                    for b in range(3):
                        try:
                            if a * 3 + b == i:
                                return "ret", log
                        finally:
                            log.append("fin")
            except ValueError:
                pass
    return "end", log


def failing_iter(n):
    for i in range(n):
        if i == 3:
            raise ValueError("iter failed")
        yield i


def for_in_try(n):
    out = []
    try:
        for x in failing_iter(n):
            out.append(x)
    except ValueError as e:
        out.append(str(e))
    return out


def main():
    print(nested(3))
    r = None
    for i in range(300):
        r = (nested(2), args_then_raise(i), display_then_raise(i), ret_from_deep(i % 10), for_in_try(i % 6))
    print(r)
    print([args_then_raise(i) for i in range(4)], [display_then_raise(i) for i in range(4)])
    print([ret_from_deep(i) for i in (0, 4, 9)])


main()
