# lst.append(x) calls, which compiled code performs inline when the list has room: growth past
# the capacity, items the stack owns and borrowed locals (reference counts stay right),
# appending a list to itself, list subclasses with and without their own append, a result
# that is used, append replaced on a subclass after warm-up, and the errors of a wrong call.
import sys


class Logged(list):
    def append(self, x):
        super().append(("logged", x))


class Plain(list):
    pass


def fill(lst, n):
    for i in range(n):
        lst.append(i * 2)
        lst.append(str(i))
    return lst


def borrowed(lst, item):
    before = sys.getrefcount(item)
    lst.append(item)
    lst.append(item)
    return sys.getrefcount(item) - before


def results(lst):
    r = lst.append(1)
    return r, len(lst)


for round in range(30):
    a = fill([], 40)
    b = fill(Logged(), 3)
    c = fill(Plain(), 3)
    d = []
    d.append(d)
    obj = object()
    e = []
    refs = borrowed(e, obj)
print(a[:6], len(a), b[:3], type(c).__name__, c[:4], d[0] is d, refs, results([0]))

Plain.append = lambda self, x: list.append(self, ("replaced", x))
print(fill(Plain(), 2))
for bad in ((), (1, 2)):
    try:
        [].append(*bad)
    except TypeError as e:
        print("TypeError:", e)
