"""Generator-heavy code: recursive tree traversal with ``yield from``, chained generator
pipelines, generator expressions, and send()-driven coroutines."""

DEFAULT_N = 50_000


class Node:
    __slots__ = ("key", "left", "right")

    def __init__(self, key, left=None, right=None):
        self.key = key
        self.left = left
        self.right = right


def build_tree(keys):
    """A balanced binary search tree of sorted keys."""
    if not keys:
        return None
    mid = len(keys) // 2
    return Node(keys[mid], build_tree(keys[:mid]), build_tree(keys[mid + 1:]))


def inorder(node):
    if node is not None:
        yield from inorder(node.left)
        yield node.key
        yield from inorder(node.right)


def preorder(node):
    # An explicit stack: a generator with a loop instead of recursion.
    stack = [node]
    while stack:
        n = stack.pop()
        if n is not None:
            yield n.key
            stack.append(n.right)
            stack.append(n.left)


def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def keep_odd(items):
    for x in items:
        if x & 1:
            yield x


def squares(items):
    for x in items:
        yield x * x


def windows(items, size):
    buf = []
    for x in items:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            del buf[0]


def running_total():
    # A coroutine: receives values with send() and yields the running total.
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value


def run(n=DEFAULT_N):
    tree = build_tree(list(range(n)))
    in_sum = 0
    for _ in range(3):
        in_sum += sum(inorder(tree))
    pre_check = 0
    for k in preorder(tree):
        pre_check = (pre_check * 131 + k) % 1_000_003

    pipe = 0
    for w in windows(squares(keep_odd(count_up(n * 10))), 3):
        pipe += w[2] - w[0]

    gen_expr = sum(x % 7 for x in (y * 3 for y in range(n * 10)) if x % 2)

    acc = running_total()
    next(acc)
    last = 0
    for v in inorder(tree):
        last = acc.send(v % 13)
    acc.close()

    return in_sum, pre_check, pipe, gen_expr, last
