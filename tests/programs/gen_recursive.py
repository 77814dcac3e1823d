"""Generators in deep recursion: recursive yield from over trees, permutations, flattening.

Each level of recursion is a separate generator frame suspended in yield from; depths of a
few hundred levels, results checked against non-generator versions.
"""
import sys


class Node:
    __slots__ = ("val", "left", "right")

    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(mid, build(lo, mid), build(mid + 1, hi))


def inorder(n):
    if n is not None:
        yield from inorder(n.left)
        yield n.val
        yield from inorder(n.right)


def inorder_list(n, out):
    if n is not None:
        inorder_list(n.left, out)
        out.append(n.val)
        inorder_list(n.right, out)
    return out


def chain_tree(depth):
    node = None
    for i in range(depth):
        node = Node(i, node, None)
    return node


def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for rest in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + rest


def flatten(x):
    if isinstance(x, (list, tuple)):
        for y in x:
            yield from flatten(y)
    else:
        yield x


def nest(d):
    x = [d]
    for i in range(d):
        x = [i, x, (i,)]
    return x


def countdown(n):
    if n == 0:
        return "bottom"
    yield n
    r = yield from countdown(n - 1)
    return r + "<" if len(r) < 20 else r


def hanoi(n, a, b, c):
    if n:
        yield from hanoi(n - 1, a, c, b)
        yield (a, c)
        yield from hanoi(n - 1, b, a, c)


def main():
    t = build(0, 500)
    ok = 0
    for i in range(40):
        ok += list(inorder(t)) == inorder_list(t, [])
    print("inorder ok", ok)
    deep = chain_tree(400)
    vals = list(inorder(deep))
    print(len(vals), vals[:3], vals[-3:])
    print(sum(1 for _ in perms(list(range(6)))), next(perms("abc")), list(perms("ab")))
    print(sum(flatten(nest(300))), len(list(flatten(nest(300)))))
    g = countdown(300)
    s = 0
    while True:
        try:
            s += next(g)
        except StopIteration as e:
            print(s, e.value)
            break
    moves = list(hanoi(10, "A", "B", "C"))
    print(len(moves), moves[:4], moves[-2:])

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(350)
    try:
        list(inorder(chain_tree(2000)))
    except RecursionError as e:
        print("RecursionError:", str(e)[:40])
    sys.setrecursionlimit(old)
    print(len(list(inorder(chain_tree(200)))))


main()
