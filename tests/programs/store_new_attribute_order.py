class V:
    def __init__(self, x, y, z):
        self.x = x; self.y = y; self.z = z
class W:
    def __init__(self, a):
        if a: self.p = 1
        self.q = 2
        if not a: self.p = 3
vs = [V(i, i + 1, i + 2) for i in range(40)]
print(vs[-1].__dict__, list(vars(vs[3])))
ws = [W(i % 2) for i in range(40)]
print([list(w.__dict__) for w in ws[:4]], [w.p for w in ws[:4]])
import sys
print(sys.getsizeof(vs[5].__dict__))
class Late:
    pass
ls = []
for i in range(40):
    o = Late(); o.a = i
    if i % 3 == 0: o.b = i
    o.c = i
    ls.append(o)
print([sorted(vars(o)) for o in ls[:4]], [list(vars(o)) for o in ls[:4]])
