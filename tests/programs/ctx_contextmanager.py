"""contextlib.contextmanager generators: exceptions delivered at the yield, suppression.

Covers generator-based context managers that catch and suppress, catch and re-raise
something else, yield twice (RuntimeError 'generator didn't stop'), never yield, are reused
(decorator form via ContextDecorator), StopIteration raised inside the block, and nesting.
"""
import contextlib


@contextlib.contextmanager
def tag(log, name, swallow=()):
    log.append("<%s>" % name)
    try:
        yield name
    except swallow as e:
        log.append("swallow %s" % type(e).__name__)
    finally:
        log.append("</%s>" % name)


@contextlib.contextmanager
def translate(log):
    try:
        yield
    except KeyError as e:
        raise LookupError("translated %s" % e) from e


@contextlib.contextmanager
def twice():
    yield 1
    yield 2


@contextlib.contextmanager
def never():
    if False:
        yield


@contextlib.contextmanager
def timer_like(log):
    log.append("start")
    yield log
    log.append("stop")


@tag([], "decorated")
def decorated(x):
    return x * 2


def run(i):
    log = []
    try:
        with tag(log, "a", swallow=(ValueError,)) as a:
            with tag(log, "b"):
                if i % 3 == 0:
                    raise ValueError(i)
                if i % 3 == 1:
                    raise TypeError(i)
                log.append(a)
    except TypeError:
        log.append("outer caught")
    return "".join(log)


def main():
    counts = {}
    for i in range(500):
        r = run(i)
        counts[r] = counts.get(r, 0) + 1
    for k in sorted(counts):
        print(counts[k], k)
    log = []
    try:
        with translate(log):
            {}["zz"]
    except LookupError as e:
        print(type(e).__name__, e, repr(e.__cause__))
    try:
        with twice():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        with never():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    log = []
    with timer_like(log) as lg:
        lg.append("body")
    print(log)
    print(sum(decorated(i) for i in range(300)))
    log = []
    try:
        with tag(log, "s"):
            raise StopIteration("in block")
    except StopIteration as e:
        print("StopIteration passes through:", e, log)
    log = []
    with tag(log, "g", swallow=(GeneratorExit,)):
        pass
    print(log)


main()
