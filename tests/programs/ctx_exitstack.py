"""contextlib.ExitStack: enter_context, callback, push (exit functions), pop_all, close.

Covers unwinding order, an exit callback suppressing the exception, an exception raised
during unwinding replacing the original with proper __context__, pop_all transferring
ownership, and ExitStack in a hot loop opening a variable number of resources.
"""
import contextlib


class Res:
    def __init__(self, log, name, fail=False):
        self.log, self.name, self.fail = log, name, fail

    def __enter__(self):
        if self.fail:
            raise OSError("cannot open " + self.name)
        self.log.append("open " + self.name)
        return self.name

    def __exit__(self, et, ev, tb):
        self.log.append("close %s %s" % (self.name, et.__name__ if et else "-"))


def open_all(log, names, fail_at=None):
    with contextlib.ExitStack() as stack:
        got = [stack.enter_context(Res(log, n, fail=(i == fail_at))) for i, n in enumerate(names)]
        stack.callback(log.append, "callback " + "+".join(got))
        return got


def suppressing(log):
    def exit_fn(et, ev, tb):
        log.append("exit_fn saw %s" % (et.__name__ if et else None))
        return et is KeyError

    with contextlib.ExitStack() as stack:
        stack.push(exit_fn)
        stack.enter_context(Res(log, "inner"))
        raise KeyError("suppressed")
    return "continued"


def unwinding_error(log):
    def bad_cb():
        raise RuntimeError("callback failed")

    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(Res(log, "r1"))
            stack.callback(bad_cb)
            stack.enter_context(Res(log, "r2"))
            raise ValueError("body")
    except RuntimeError as e:
        return "RuntimeError %s, context %r" % (e, e.__context__)


def transfer(log):
    with contextlib.ExitStack() as stack:
        stack.enter_context(Res(log, "kept"))
        moved = stack.pop_all()
    log.append("after with")
    moved.close()
    return log


def main():
    log = []
    tot = 0
    for i in range(300):
        names = ["f%d" % j for j in range(i % 5)]
        tot += len(open_all(log, names))
    print(tot, len(log), log[:6])
    log = []
    try:
        open_all(log, ["a", "b", "c"], fail_at=2)
    except OSError as e:
        print(e, log)
    log = []
    print(suppressing(log), log)
    log = []
    print(unwinding_error(log), log)
    print(transfer([]))
    st = contextlib.ExitStack()
    st.callback(print, "closed explicitly")
    st.close()
    st.close()


main()
