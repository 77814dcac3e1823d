# Stores to attributes of instances whose attributes live in a dict (more than the shared keys
# hold, or __dict__ read early, or assigned), which compiled code replaces in place: values,
# the dict's GC tracking when a container first lands in an untracked dict, key order,
# deletion and re-adding, dict subclasses as __dict__, and modules.
import gc
import sys
import types


class Wide:
    def __init__(self):
        for k in range(40):
            setattr(self, f"a{k}", k)
        self.x = 0


class Peeked:
    def __init__(self):
        self.__dict__
        self.x = 0
        self.y = 1


class SubDict(dict):
    def __setitem__(self, k, v):
        raise AssertionError("not called by attribute stores")


class Assigned:
    pass


def bump(o, n):
    for i in range(n):
        o.x = i
        o.x = o.x + 1
    return o.x


def track(o):
    o.x = 1
    o.y = 2
    before = gc.is_tracked(o.__dict__)
    o.x = [o]
    return before, gc.is_tracked(o.__dict__), o.x[0] is o


for i in range(30):
    w, p = Wide(), Peeked()
    r = [bump(w, 20), bump(p, 20), list(vars(w))[-2:], list(vars(p))]
print(r)

a = Assigned()
a.__dict__ = SubDict(x=5, y=6)
print(bump(a, 30), type(a.__dict__).__name__, dict(a.__dict__))
print([track(Peeked()) for _ in range(3)])

p = Peeked()
bump(p, 5)
del p.x
p.x = "back"
print(list(vars(p).items()), bump(p, 3))

mod = types.ModuleType("m")
mod.x = 0
print(bump(mod, 50), mod.x)
sys.modules["m_for_test"] = mod
