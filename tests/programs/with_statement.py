# with statements and context managers.
import contextlib


class CM:
    def __init__(self, name, log, suppress=False):
        self.name = name
        self.log = log
        self.suppress = suppress

    def __enter__(self):
        self.log.append("enter " + self.name)
        return self

    def __exit__(self, et, ev, tb):
        self.log.append("exit %s %s" % (self.name, et.__name__ if et else None))
        return self.suppress


@contextlib.contextmanager
def managed(log, tag):
    log.append("gen-enter " + tag)
    try:
        yield tag.upper()
    finally:
        log.append("gen-exit " + tag)


def use(n):
    log = []
    count = 0
    for i in range(n):
        with CM("a", log) as a, CM("b", log):
            count += len(a.name)
    return count, len(log), log[:4]


def main():
    print(use(500))
    log = []
    with CM("s", log, suppress=True):
        raise ValueError("hidden")
    print(log)
    log = []
    try:
        with CM("x", log):
            raise KeyError("k")
    except KeyError as e:
        print("propagated", e, log)
    log = []
    for i in range(3):
        with managed(log, "t%d" % i) as v:
            if i == 1:
                continue
            log.append(v)
    print(log)
    def ret_inside():
        with CM("r", log):
            return "returned"
    log.clear()
    print(ret_inside(), log)
    with contextlib.suppress(ZeroDivisionError):
        1 / 0
    print("after suppress")
    with contextlib.ExitStack() as st:
        for i in range(3):
            st.enter_context(CM(str(i), log))
    print(log)


main()
