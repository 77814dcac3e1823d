"""Builtins read by sites whose module keeps storing globals: the site proves the builtin by
the keys of both dicts (as the interpreter's LOAD_GLOBAL_BUILTIN), so global stores do not
make it miss. Then the builtin is replaced, deleted and shadowed while that proof is in use,
and the same code runs with other globals."""
import builtins

TICKS = 0
real_len = builtins.len
real_abs = builtins.abs


def tick(items):
    global TICKS
    TICKS += 1
    return len(items) + abs(-TICKS % 5)


def run(n, items):
    t = 0
    for _ in range(n):
        t += tick(items)
    return t


print("warm", run(500, [1, 2, 3]), TICKS)

builtins.len = lambda x: 100  # same key in builtins: the value is read live
print("replaced", run(3, [1]))
builtins.len = real_len
print("restored", run(3, [1]))

del builtins.abs  # a deleted builtin: NameError, as in stock
try:
    run(1, [])
except NameError as e:
    print("NameError:", e)
builtins.abs = real_abs
print("abs back", run(3, [1, 2]))

len = lambda x: -1  # a module global now shadows the builtin
print("shadowed", run(3, [1, 2]))
del len
print("unshadowed", run(3, [1, 2]))

# Other globals, same code: their keys have other versions.
g = dict(globals())
g["len"] = lambda x: 7
clone = type(tick)(tick.__code__, g)
print("clone", [clone([1, 2]) for _ in range(3)], g["TICKS"] - TICKS)
print("original", run(2, [1, 2, 3]))

# A builtins dict of our own, mutated with new keys mid-run.
bdict = dict(builtins.__dict__)
g2 = {"__builtins__": bdict, "TICKS": 0}
clone2 = type(tick)(tick.__code__, g2)
print("own builtins", [clone2([1]) for _ in range(300)][-3:])
bdict["len"] = lambda x: 55
print("own len", clone2([1]))
for k in range(40):
    bdict["extra_%d" % k] = k  # new keys reset the builtins' keys version
print("after new keys", clone2([1]))
del bdict["len"]
try:
    clone2([1])
except NameError as e:
    print("NameError:", e)
