# try/finally semantics including return/break/continue interactions.


def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"


def finally_order(log, i):
    try:
        log.append("t%d" % i)
        if i % 2:
            raise ValueError(i)
        return i
    finally:
        log.append("f%d" % i)


def loop_with_finally(n):
    log = []
    for i in range(n):
        try:
            if i % 3 == 0:
                continue
            if i == n - 2:
                break
            log.append(i)
        finally:
            log.append(-i)
    return log


def swallow():
    for i in range(3):
        try:
            raise RuntimeError("x")
        finally:
            break
    return "swallowed"


def nested_finally(k):
    out = []
    try:
        try:
            out.append("a")
            if k:
                raise KeyError(k)
        finally:
            out.append("b")
    except KeyError:
        out.append("c")
    finally:
        out.append("d")
    return "".join(out)


def main():
    print(ret_in_finally())
    log = []
    s = 0
    for i in range(500):
        try:
            s += finally_order(log, i)
        except ValueError as e:
            s -= e.args[0]
    print(s, len(log), log[:6])
    print(loop_with_finally(12))
    print(swallow())
    print([nested_finally(k) for k in range(3)])
    t = 0
    for i in range(1000):
        try:
            t += i
        finally:
            t -= 1
    print(t)


main()
