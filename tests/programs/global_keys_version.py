# Module globals read by compiled code through the globals' keys version (as the
# interpreter's LOAD_GLOBAL_MODULE reads them): rebinding, adding and deleting globals, and code
# run with a copy of the module's dict (same keys, same version, other values).
import sys

WARM = 300
CONST = 1


def read_const(x):
    return CONST + x


for i in range(WARM):
    read_const(i)
print("initial", read_const(1))

CONST = 10  # rebinding keeps the keys (and their version)
print("rebound", read_const(1))

for k in range(50):
    globals()["added_%d" % k] = k  # new keys: the version is reset, the key check takes over
print("after adds", read_const(1))
for i in range(WARM):
    read_const(i)
CONST = 20
print("rebound again", read_const(1))

del CONST
try:
    read_const(1)
except NameError as e:
    print("deleted:", e)
CONST = 30
print("restored", read_const(1))
for i in range(WARM):
    read_const(i)

# The same code with a copy of the module dict: equal keys, different value.
copied = dict(globals())
copied["CONST"] = 1000
f = type(read_const)(read_const.__code__, copied)
print("copy", [f(1) for _ in range(3)], read_const(1))
copied["CONST"] = 2000
print("copy rebound", f(1), read_const(1))

# A global shadowing a builtin appears, then disappears.
def use_len(s):
    return len(s)


for i in range(WARM):
    use_len("abc")
len = lambda s: -1
print("shadowed", use_len("abc"))
del len
print("unshadowed", use_len("abc"))
print(sys.getrefcount(read_const) > 0)
