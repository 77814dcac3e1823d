# Recursion depth measured relative to a baseline in the same process, so the numbers do
# not depend on how many frames sit below the script (launcher-independent), but are exact.
import sys


def down(n):
    try:
        return down(n + 1)
    except RecursionError:
        return n


class Node:
    def deeper(self, n):
        try:
            return self.deeper(n + 1)
        except RecursionError:
            return n


def make_closure():
    def rec(n):
        try:
            return rec(n + 1)
        except RecursionError:
            return n
    return rec


def via_kwargs(n=0, **kw):
    try:
        return via_kwargs(n=n + 1, **kw)
    except RecursionError:
        return n


def via_star(*args):
    try:
        return via_star(args[0] + 1, *args[1:])
    except RecursionError:
        return args[0]


def via_builtin(n):
    try:
        return list(map(via_builtin, [n + 1]))[0]
    except RecursionError:
        return n


def via_generator(n):
    try:
        yield from via_generator(n + 1)
    except RecursionError:
        yield n


def outer_depth(fn):
    # every measurement starts from the same stack height
    return fn(0)


def main():
    base = outer_depth(down)
    print("closure - base", outer_depth(make_closure()) - base)
    print("method - base", outer_depth(Node().deeper) - base)
    print("kwargs - base", outer_depth(via_kwargs) - base)
    print("star - base", outer_depth(via_star) - base)
    print("builtin - base", outer_depth(via_builtin) - base)
    print("generator - base", next(via_generator(0)) - base)
    for _ in range(3):
        print("repeat - base", outer_depth(down) - base)
    old = sys.getrecursionlimit()
    for lim in (1500, 5000, 100000, 250000):
        sys.setrecursionlimit(lim)
        print("limit", lim, "delta", outer_depth(down) - base - (lim - old))
        print("  closure delta", outer_depth(make_closure()) - base - (lim - old))
        print("  method delta", outer_depth(Node().deeper) - base - (lim - old))
    sys.setrecursionlimit(3000)
    print("builtin at 3000 delta", outer_depth(via_builtin) - base - 2000)
    sys.setrecursionlimit(old)
    print("back", outer_depth(down) - base)
    print("final - base", outer_depth(down) - base)


main()
