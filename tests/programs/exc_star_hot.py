"""except* in hot loops: partial matches, handlers raising, nested except*, naked
exceptions, and leftovers re-raised to an outer plain except.
"""


def produce(i):
    excs = []
    if i % 2:
        excs.append(ValueError(i))
    if i % 3:
        excs.append(TypeError(i))
    if i % 5 == 0:
        excs.append(ExceptionGroup("inner", [KeyError(i), ValueError(-i)]))
    if i % 7 == 0:
        raise OSError("naked %d" % i)
    if excs:
        raise ExceptionGroup("g%d" % i, excs)
    return i


def handle(i, log):
    try:
        try:
            produce(i)
        except* ValueError as eg:
            log.append(("V", len(eg.exceptions)))
        except* TypeError as eg:
            log.append(("T", len(eg.exceptions)))
            if i % 4 == 1:
                raise RuntimeError("from T handler %d" % i)
        except* OSError as eg:
            log.append(("O", type(eg).__name__, str(eg.exceptions[0])))
    except* KeyError as eg:
        log.append(("outer K", len(eg.exceptions)))
    except* RuntimeError as eg:
        log.append(("outer R", str(eg.exceptions[0])))


def main():
    counts = {}
    for i in range(600):
        log = []
        try:
            handle(i, log)
        except BaseExceptionGroup as eg:
            log.append(("escaped", type(eg).__name__))
        key = tuple(x[0] for x in log)
        counts[key] = counts.get(key, 0) + 1
    for k in sorted(counts):
        print(k, counts[k])
    for i in (1, 5, 7, 10, 35):
        log = []
        handle(i, log)
        print(i, log)


main()
