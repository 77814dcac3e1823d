"""Callees with keyword-only parameters that callers leave to their defaults: the fast entry
reads them from a cache of `__kwdefaults__`, valid while that dict keeps its version tag.
The dict mutated, replaced, emptied or removed, functions sharing one code with different
defaults, and constructors must behave as in stock CPython."""


def nest(key, *, access_lists=True, depth=0):
    return (key, access_lists, depth)


def caller(i):
    return nest(i)


print([caller(i) for i in range(300)][-1])
nest.__kwdefaults__["access_lists"] = "mutated"
print(caller(1))
nest.__kwdefaults__ = {"access_lists": 1, "depth": 2}
print(caller(2))
del nest.__kwdefaults__["depth"]
try:
    caller(3)
except TypeError as e:
    print("TypeError:", e)
nest.__kwdefaults__ = None
try:
    caller(4)
except TypeError as e:
    print("TypeError:", e)
nest.__kwdefaults__ = {"depth": 9, "access_lists": 8, "unused": 7}
print(caller(5))


def make(default):
    def inner(x, *, scale=default):
        return x * scale
    return inner


doubles, triples = make(2), make(3)


def apply(fn, n):
    return [fn(i) for i in range(n)][-1]


for _ in range(100):
    apply(doubles, 3), apply(triples, 3)
print(apply(doubles, 10), apply(triples, 10))


class Node:
    def __init__(self, value, *, children=(), label="n"):
        self.value = value
        self.children = children
        self.label = label


def build(n):
    return [Node(i) for i in range(n)]


nodes = build(400)
print(nodes[-1].value, nodes[-1].children, nodes[-1].label)
Node.__init__.__kwdefaults__["label"] = "changed"
print(build(2)[-1].label)


# A key whose __eq__ runs Python code while the cache is filled.
class Key(str):
    def __eq__(self, other):
        return str.__eq__(self, other)

    def __hash__(self):
        return str.__hash__(self)


def weird(a, *, k=0):
    return (a, k)


def weird_caller(i):
    return weird(i)


for i in range(300):
    weird_caller(i)
weird.__kwdefaults__ = {Key("k"): "from Key"}
print(weird_caller(1), weird_caller(2))
