"""except* and ExceptionGroup: splitting, nested groups, raising from except*, leftovers.

Covers matching several except* clauses against one group, naked exceptions wrapped in a
group, nested groups preserving structure, split()/subgroup() with types and predicates,
derive() on a subclass, re-raise inside except* merging with unhandled parts, and new
exceptions raised inside except* handlers.
"""


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "+", excs)


def show(e, indent=0):
    pad = " " * indent
    if isinstance(e, BaseExceptionGroup):
        lines = [pad + "%s(%r) [%d]" % (type(e).__name__, e.message, len(e.exceptions))]
        for sub in e.exceptions:
            lines.extend(show(sub, indent + 2))
        return lines
    return [pad + "%s(%s)" % (type(e).__name__, e)]


def make(i):
    return ExceptionGroup("top%d" % i, [
        ValueError(i),
        TypeError("t%d" % i),
        ExceptionGroup("nested", [KeyError(i), ValueError(-i), OSError("os")]),
    ])


def handle(i):
    log = []
    try:
        try:
            raise make(i)
        except* ValueError as eg:
            log.append("V:" + ",".join(show(eg)))
        except* (TypeError, KeyError) as eg:
            log.append("TK:%d" % len(eg.exceptions))
    except ExceptionGroup as rest:
        log.append("rest: " + " | ".join(show(rest)))
    return log


def naked(i):
    r = None
    try:
        raise KeyError(i)
    except* KeyError as eg:
        r = type(eg).__name__, eg.message, [repr(x) for x in eg.exceptions]
    return r


def reraise_and_new():
    try:
        try:
            raise ExceptionGroup("g", [ValueError(1), TypeError(2), KeyError(3)])
        except* ValueError:
            raise
        except* TypeError as eg:
            raise RuntimeError("new from handler") from eg
    except BaseExceptionGroup as e:
        return show(e), repr(e.exceptions[0].__cause__) if isinstance(e.exceptions[0], RuntimeError) else None


def main():
    counts = {}
    for i in range(300):
        k = tuple(handle(i % 3))
        counts[k] = counts.get(k, 0) + 1
    for k in sorted(counts):
        print(counts[k], k)
    print(naked(1))
    eg = make(7)
    m, r = eg.split(ValueError)
    print(show(m), show(r))
    m, r = eg.split(lambda e: isinstance(e, Exception) and "7" in str(e))
    print(show(m), show(r))
    print(eg.subgroup(OSError) and show(eg.subgroup(OSError)), eg.subgroup(ZeroDivisionError))
    mg = MyGroup("mine", [ValueError(1), KeyError(2)])
    print(show(mg.split(KeyError)[0]), show(mg.subgroup(ValueError)))
    for line in reraise_and_new()[0]:
        print(line)
    try:
        ExceptionGroup("bad", [])
    except ValueError as e:
        print("ValueError:", e)
    try:
        ExceptionGroup("bad", [1])
    except ValueError as e:
        print("ValueError:", e)
    g = BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError()])
    print(type(g).__name__, type(BaseExceptionGroup("x", [ValueError()])).__name__)
    try:
        try:
            raise ExceptionGroup("e", [ValueError("a")])
        except* ValueError:
            raise KeyError("replaced")
    except (ExceptionGroup, KeyError) as e:
        print(show(e), show(e.__context__))
    try:
        raise ExceptionGroup("x", [ValueError()])
    except* ValueError:
        pass
    print("fully handled")


main()
