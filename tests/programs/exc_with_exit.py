"""Exceptions inside with blocks: __exit__ suppressing or not, raising, and its arguments.

Covers __exit__ receiving (type, value, traceback), truthy non-bool return values that
suppress, __exit__ raising a new exception (chained to the original), __enter__ raising,
exceptions in nested with statements, and with statements in hot loops where only some
iterations raise.
"""


class CM:
    def __init__(self, log, suppress=None, raise_in_exit=None):
        self.log, self.suppress, self.raise_in_exit = log, suppress, raise_in_exit

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, et, ev, tb):
        self.log.append(("exit", et.__name__ if et else None, str(ev) if ev else None,
                         tb.tb_frame.f_code.co_name if tb else None))
        if self.raise_in_exit:
            raise self.raise_in_exit
        return self.suppress


class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")

    def __exit__(self, *a):
        raise AssertionError("never")


class NoExit:
    def __enter__(self):
        return 1


def body(cm, i):
    with cm:
        if i % 3 == 0:
            raise ValueError(i)
        if i % 3 == 1:
            return "returned %d" % i
    return "fell through %d" % i


def run(i, suppress):
    log = []
    try:
        r = body(CM(log, suppress=suppress), i)
    except ValueError as e:
        r = "propagated %s" % e
    return r, log


def nested(log):
    with CM(log, suppress=1):
        with CM(log):
            with CM(log, raise_in_exit=KeyError("from exit")):
                raise IndexError("deep")
    return "after nested"


def main():
    counts = {}
    for i in range(600):
        r, log = run(i, [None, True, 0, "yes", []][i % 5])
        k = (r.split()[0], len(log))
        counts[k] = counts.get(k, 0) + 1
    print(sorted(counts.items()))
    print(run(3, None))
    print(run(3, "x"))
    print(run(4, None))
    log = []
    print(nested(log))
    for x in log:
        print(" ", x)
    try:
        with BadEnter():
            pass
    except RuntimeError as e:
        print("enter:", e)
    try:
        with NoExit():
            pass
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
    log = []
    try:
        with CM(log, raise_in_exit=KeyError("exit only")):
            pass
    except KeyError as e:
        print("exit raised without body exception:", e, e.__context__, log)
    log = []
    try:
        with CM(log, raise_in_exit=KeyError("replaces")):
            raise ValueError("orig")
    except KeyError as e:
        print("context:", repr(e.__context__))


main()
