COUNTER = 0
def bump():
    global COUNTER
    COUNTER += 1
    return COUNTER + len("ab")
for i in range(1000): bump()
print(COUNTER)
del COUNTER
try:
    bump()
except NameError as e:
    print("NameError", e)
COUNTER = 5
print(bump())
# shadow a builtin later
def uses_len(): return len([1])
for i in range(50): uses_len()
len = lambda x: 42
print(uses_len())
del len
print(uses_len())
import math
def m(): return math.pi + math.sqrt(4)
for i in range(50): m()
math.pi = 3
print(m())
del math.pi
try: m()
except AttributeError as e: print("AE", e)
g = {}
for i in range(3000): globals()[f"x{i}"] = i
print(bump(), m.__name__)
class O: pass
objs = [O() for _ in range(40)]
for o in objs:
    o.a = 1; o.b = 2
for o in objs: o.late = 3
def rd(o): return o.late + o.a
print(sum(rd(o) for o in objs))
objs[3].__dict__.pop("late")
try: rd(objs[3])
except AttributeError as e: print("AE2", e)
objs[4].late = 10; print(rd(objs[4]))
O.late = property(lambda self: 99)
print(rd(objs[5]))
# Instances whose attributes outgrew the type's shared keys keep them in a dict.
class Many:
    def __init__(self):
        self.a = 0
    def meth(self):
        return "type"
many = [Many() for _ in range(60)]
for m in many:
    for k in range(12):
        setattr(m, f"extra{k}", k)
def store_and_call(m, v):
    m.extra3 = v
    m.extra4 += 1
    return m.meth(), m.extra3, m.extra4
for i in range(100):
    r = store_and_call(many[i % 60], i)
print(r, many[0].__dict__.get("extra4"))
many[7].meth = lambda: "instance"
print(store_and_call(many[7], "x"))
key = "".join(["me", "th"])          # equal to "meth", not the same object
many[8].__dict__[key] = lambda: "equal key"
print(store_and_call(many[8], "y"))
Many.extra3 = property(lambda self: "prop", lambda self, v: None)
print(store_and_call(many[9], "z"))
del Many.extra3
print(store_and_call(many[9], "w"))
import types
mod = types.ModuleType("mod")
mod.value = 1
def set_mod(v):
    mod.value = v
    return mod.value
for i in range(50): set_mod(i)
print(set_mod("last"), mod.__dict__["value"])
