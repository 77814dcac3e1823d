# Functions that run one path for hundreds of calls (at the default threshold they are then
# compiled without the blocks that never ran), then take the others: values, exceptions,
# tracebacks, finalisers and the stack under a skipped block all match the interpreter.
import sys
import traceback


log = []


class Loud:
    def __init__(self, tag): self.tag = tag
    def __del__(self): log.append("del " + self.tag)


def pick(flag, x):
    if flag:
        y = x * 2                      # skipped: never ran while the function warmed up
        return len(str(y)) + y
    return x + 1


def nested_stack(flag, a, b):
    # The skipped block starts with values of the call in progress on the stack.
    return max(a, (b if not flag else len([a, b, sum((a, b))])), 0)


def handler(d, k):
    try:
        return d[k]
    except KeyError:                   # the handler never ran
        return -len(k)


def raises_in_skipped(n):
    if n < 0:
        return {}["missing " + str(n)]   # raises from a skipped block
    return n


def loop_body(xs, odd):
    total = 0
    for x in xs:
        if x % 2:
            total += odd(x)            # skipped: only even numbers while warming up
        else:
            total += x
    return total


def keeps_refs(flag):
    a = Loud("a")
    if flag:
        b = Loud("b")                  # skipped: a finaliser in the block that did not run
        a = b
    return a.tag


def main():
    for i in range(300):
        pick(False, i)
        nested_stack(False, i, i + 1)
        handler({"k": 1}, "k")
        raises_in_skipped(i)
        loop_body([2, 4, 6], abs)
    print([pick(True, i) for i in range(6)], pick(False, 3))
    print([nested_stack(True, i, 7) for i in range(6)], nested_stack(False, 5, 2))
    print([handler({}, "k" * i) for i in range(6)], handler({"a": 9}, "a"))
    for i in (-1, -2, 5):
        try:
            print(raises_in_skipped(i))
        except KeyError:
            traceback.print_exc(file=sys.stdout)
    print([loop_body(range(i), lambda x: x * 10) for i in range(6)])
    try:
        loop_body([1, 2, 3], None)
    except TypeError:
        traceback.print_exc(file=sys.stdout)
    for i in range(200):
        keeps_refs(False)
    print(len(log), set(log))
    log.clear()
    for _ in range(5):
        log.append(keeps_refs(True))
    print(log)


main()
