"""Fidelity: cProfile call counts for compiled hot code.

Prints, for every function cProfile saw (file basename, line, name), the number of calls and of
primitive (non-recursive) calls, and the callers of each function with their counts; sorted
deterministically, without times. Covers recursion (direct and mutual), generators, C calls
(builtins, methods, a raising builtin), exceptions propagating through Python frames, a
profiler enabled around already-hot functions, and a profiler enabled from inside a running
compiled loop (exceptions then propagate into frames that started compiled).
"""
import cProfile
import os
import pstats

THIS_FILE = __file__


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def gen(n):
    for i in range(n):
        yield i * 2


def consume(n):
    total = 0
    for v in gen(n):
        total += v
    return total


def c_calls(n):
    out = []
    for i in range(n):
        out.append(len(str(i)))
        out.append(max(i, 3))
    out.sort()
    return sum(out)


def fails(x):
    if x % 2:
        raise ValueError(x)
    return x


def relay(x):
    return fails(x) + 1


def exceptions(n):
    acc = 0
    for i in range(n):
        try:
            acc += relay(i)
        except ValueError:
            acc -= 1
        try:
            divmod(i, 0)
        except ZeroDivisionError:
            acc += 1
    return acc


def workload():
    return (fib(8), is_even(9), consume(5), c_calls(4), exceptions(4))


def loop_enabling(pr, n, on, off):
    acc = 0
    for i in range(n):
        try:
            acc += relay(i)
        except ValueError:
            acc -= 1
        if i == on:
            pr.enable()
        if i == off:
            pr.disable()
    return acc


def fails_enabling(x, pr):
    if pr is not None:
        pr.enable()
    if x % 2:
        raise ValueError(x)
    return x


def relay_enabling(x, pr):
    return fails_enabling(x, pr) + 1


def loop_enabling_in_callee(pr, n, on):
    acc = 0
    for i in range(n):
        try:
            acc += relay_enabling(i, pr if i == on else None)
        except ValueError:
            acc -= 1
    pr.disable()
    return acc


def label(func):
    filename, line, name = func
    if filename == "~":
        return ("~", 0, name)
    return (os.path.basename(filename), line, name)


def report(title, pr):
    st = pstats.Stats(pr)
    print("--", title)
    rows = []
    for func, (cc, nc, tt, ct, callers) in st.stats.items():
        lab = label(func)
        if lab[0] not in ("~", os.path.basename(THIS_FILE)):
            continue
        calls_from = sorted((label(c), v[0], v[1]) for c, v in callers.items())
        rows.append((lab, nc, cc, calls_from))
    for lab, nc, cc, calls_from in sorted(rows):
        print("  %s:%d(%s) ncalls=%d primitive=%d" % (lab[0], lab[1], lab[2], nc, cc))
        for c, n1, n2 in calls_from:
            print("      from %s:%d(%s) %d/%d" % (c[0], c[1], c[2], n1, n2))


def main():
    w = None
    for _ in range(300):
        w = workload()
    print("warm", w)

    pr = cProfile.Profile()
    pr.enable()
    r = workload()
    pr.disable()
    print("profiled", r)
    report("workload", pr)

    pr = cProfile.Profile()
    r = pr.runcall(workload)
    print("runcall", r)
    report("runcall", pr)

    for _ in range(300):
        loop_enabling(None, 4, -1, -1)
    pr = cProfile.Profile()
    r = loop_enabling(pr, 10, 2, 7)
    print("loop_enabling", r)
    report("loop_enabling", pr)

    for _ in range(300):
        loop_enabling_in_callee(cProfile.Profile(), 4, -1)
    pr = cProfile.Profile()
    r = loop_enabling_in_callee(pr, 6, 3)
    print("loop_enabling_in_callee", r)
    report("loop_enabling_in_callee", pr)


main()
