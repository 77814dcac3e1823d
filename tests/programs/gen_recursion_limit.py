"""Generator frames counting towards the recursion limit.

Recursive yield-from chains and nested next() calls hit RecursionError at a depth set by
sys.setrecursionlimit; the error is caught at different levels, the chain is then closed,
and the same depth is reachable again afterwards.
"""
import sys


def chain(n):
    if n == 0:
        yield "bottom"
        return
    yield from chain(n - 1)


def nested_next(n):
    if n == 0:
        yield 0
        return
    yield next(nested_next(n - 1)) + 1


def catching(n):
    try:
        yield from chain(n)
    except RecursionError:
        yield "caught RecursionError at top"


def max_depth(make):
    lo, hi = 1, 2000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            list(make(mid))
            lo = mid
        except RecursionError:
            hi = mid - 1
    return lo


def main():
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        d1 = max_depth(chain)
        d2 = max_depth(nested_next)
        print(d1 > 300, d2 > 100)
        print(list(catching(1000)))
        print(list(chain(d1)), d1 == max_depth(chain))
        tot = 0
        for i in range(100):
            tot += len(list(chain(i)))
        print(tot)
    finally:
        sys.setrecursionlimit(old)


main()
