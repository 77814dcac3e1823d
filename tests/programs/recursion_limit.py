# Recursion until RecursionError; the exact (absolute) depth reached must match stock CPython.
# This counts every frame below the script too, so a launcher that adds frames changes it;
# recursion_relative.py checks the same JIT behaviour independently of the launcher.
import sys

DEPTH = 0


def down(n):
    global DEPTH
    DEPTH = n
    return down(n + 1)


def down_local(n):
    return down_local(n + 1) + 1


def measure():
    global DEPTH
    DEPTH = 0
    try:
        down(1)
    except RecursionError as e:
        return DEPTH, str(e)


def measure_local(limit):
    # pure recursion, no globals; bisect via an explicit max depth
    def rec(n):
        if n == 0:
            return 0
        return rec(n - 1) + 1

    lo, hi = 0, limit + 10
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            rec(mid)
            lo = mid
        except RecursionError:
            hi = mid - 1
    return lo


def main():
    lim = sys.getrecursionlimit()
    d, msg = measure()
    print("limit", lim, "depth", d, "slack", lim - d, msg)
    print("bisect", measure_local(lim))
    try:
        down_local(0)
    except RecursionError as e:
        print("local:", e)
    for newlim in (5000, 100000):
        sys.setrecursionlimit(newlim)
        d, msg = measure()
        print("limit", sys.getrecursionlimit(), "depth", d, "slack", newlim - d, msg)
    print("bisect", measure_local(sys.getrecursionlimit()))
    sys.setrecursionlimit(1000)
    d, msg = measure()
    print("limit back", sys.getrecursionlimit(), "depth", d)


main()
