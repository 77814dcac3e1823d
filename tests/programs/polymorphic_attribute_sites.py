# Attribute sites that see several classes (a base-class method on instances of subclasses)
# keep older types in their cache; loads, stores and methods must still see every change.
class Base:
    __slots__ = ()
    def get(self): return self.x
    def put(self, v): self.x = v
    def call(self): return self.m()
class A(Base):
    __slots__ = ("x",)
    def m(self): return "A.m"
class B:
    def __init__(self): self.x = "b"
    def m(self): return "B.m"
    get = Base.get; put = Base.put; call = Base.call
class C(B):
    def m(self): return "C.m"
class D(B):
    def __init__(self): self.y = 1; self.x = "d"
class E(B):
    pass
def make():
    a = A(); a.x = "a"
    return [a, B(), C(), D(), E()]
objs = make()
for rnd in range(6):
    out = []
    for o in objs:
        out.append((o.get(), o.call()))
        o.put(o.get())
    print(rnd, out)
    if rnd == 2:
        C.m = lambda self: "C.m patched"          # type version changes
        objs[3].__dict__["m"] = lambda: "instance m"  # shadows the method on one instance
    if rnd == 3:
        del objs[1].x                             # attribute gone: AttributeError
        try:
            objs[1].get()
        except AttributeError as e:
            print("AttributeError", e)
        objs[1].x = "b again"
    if rnd == 4:
        E.x = property(lambda self: "E property", lambda self, v: print("E setter", v))
# Slots left empty, and a store that creates the attribute.
a2 = A()
try:
    a2.get()
except AttributeError as e:
    print("AttributeError", e)
a2.put(5); print(a2.get())
try:
    E().put(1)
except AttributeError as e:
    print("AttributeError", e)
# Finalisers run by a store see the right state.
class F:
    def __init__(self, n): self.n = n
    def __del__(self): print("del F", self.n)
for o in objs[1:3]:
    o.put(F(o.m()))
for o in objs[1:3]:
    o.put(None)
print("end")
