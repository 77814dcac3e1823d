"""with statements: several items, nesting, return/break/continue inside, __enter__ values.

Covers the exit order of multiple items, a later item's __enter__ raising (earlier items
exited), the as-target being an attribute, a subscript and a tuple, and context managers
reused across iterations of hot loops.
"""


class CM:
    def __init__(self, log, name, fail_enter=False):
        self.log, self.name, self.fail_enter = log, name, fail_enter

    def __enter__(self):
        if self.fail_enter:
            raise KeyError(self.name)
        self.log.append("+" + self.name)
        return (self.name, len(self.log))

    def __exit__(self, et, ev, tb):
        self.log.append("-" + self.name + ("!" if et else ""))
        return False


class Holder:
    pass


def loop_control(n):
    log = []
    for i in range(n):
        with CM(log, "a"), CM(log, "b"):
            if i % 3 == 0:
                continue
            if i == n - 1:
                break
            log.append(str(i))
    return "".join(log)


def returns(k):
    log = []
    with CM(log, "x") as (name, n):
        with CM(log, "y"):
            if k:
                return log, name, n
    return log, None, None


def targets():
    log = []
    h = Holder()
    d = {}
    with CM(log, "attr") as h.value, CM(log, "item") as d["k"], CM(log, "tup") as (t1, t2):
        pass
    return h.value, d, t1, t2, log


def failing_enter():
    log = []
    try:
        with CM(log, "ok1"), CM(log, "ok2"), CM(log, "bad", fail_enter=True), CM(log, "never"):
            log.append("body")
    except KeyError as e:
        log.append("caught %s" % e)
    return log


def main():
    r = ""
    for i in range(300):
        r = loop_control(i % 7 + 1)
    print(r)
    print(returns(1), returns(0))
    print(targets())
    print(failing_enter())
    shared = CM([], "shared")
    for i in range(300):
        with shared as v:
            pass
    print(len(shared.log), v)


main()
