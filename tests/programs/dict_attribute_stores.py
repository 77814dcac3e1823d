"""Stores to attributes of instances whose attributes live in a dict of their own (combined table),
which compiled code replaces in place at the entry its cache found (STORE_ATTR_WITH_HINT):
old values freed at the same point as in stock, GC tracking of the dict when a container is
stored, the dict's version changing, and the entry moving or disappearing."""
import ctypes
import gc
import sys


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)


class Box:
    pass


def make_box():
    b = Box()
    for k in range(40):  # more keys than the shared keys hold: a combined table of its own
        setattr(b, "k%d" % k, k)
    b.a = 1
    b.b = 2
    return b


def bump(b, n):
    for i in range(n):
        b.a = b.a + 1
        b.b = i
    return b.a, b.b


def version(d):
    return ctypes.c_uint64.from_address(id(d) + 24).value


box = make_box()
print("bump", bump(box, 400))
v0 = version(box.__dict__)
bump(box, 1)
print("version changed", version(box.__dict__) != v0)

# Old values are released when replaced, in order.
def store_tag(b, tag):
    b.a = Noisy(tag)

for k in range(5):
    store_tag(box, k)
print("after tags")
box.a = 0

# An untracked dict starts being tracked when a container is stored.
plain = make_box()
plain.a = 1
plain.b = 2
gc.collect()
print("tracked before", gc.is_tracked(plain.__dict__))
def store(b, v):
    b.b = v
for i in range(300):
    store(plain, i)
store(plain, [1, 2])
print("tracked after list", gc.is_tracked(plain.__dict__))

# A reference cycle through the stored value is collected.
cyc = make_box()
store(cyc, cyc)
del cyc
print("collected", gc.collect() > 0)

# The entry goes away or moves: the generic store takes over.
moved = make_box()
for i in range(300):
    store(moved, i)
del moved.b
store(moved, "again")
print("moved", moved.a, moved.b, len(moved.__dict__))
for k in range(50):
    setattr(moved, "x%d" % k, k)  # resizes the keys: entries move
store(moved, "resized")
print("resized", moved.b, len(moved.__dict__))

# Slots-free class with __setattr__ overridden later: the type's version changes.
def setattr_hook(self, name, value):
    print("hooked", name, value)
    object.__setattr__(self, name, value)
Box.__setattr__ = setattr_hook
store(plain, "via hook")
print("plain.b", plain.b)
