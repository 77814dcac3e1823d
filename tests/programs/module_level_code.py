"""Heavy module-level code: loops, global rebinding, del, builtins shadowing at module level.

Module bodies run with LOAD_NAME/STORE_NAME: covers loops at module level, names shadowing
builtins then deleted (falling back to builtins), `global` statements in functions changing
module names used by later module code, module-level try/except/finally, and functions
defined in a loop at module level.
"""

total = 0
for i in range(2000):
    if i % 3 == 0:
        continue
    total += i
    if total > 10 ** 9:
        break
else:
    finished = True
print(total, finished, i)


def len(x):
    return -1


print(len([1, 2, 3]))
del len
print(len([1, 2, 3]))

funcs = []
for k in range(5):
    def f(x, k=k):
        return x * k
    funcs.append(f)
del f, k
print([g(10) for g in funcs])

state = 0


def bump(n):
    global state
    for _ in range(n):
        state += 1
    return state


for _ in range(300):
    bump(2)
print(state)

try:
    del never_defined_module_name
except NameError as e:
    print("NameError:", e)
finally:
    print("finally at module level")

x = 1
while x < 1000:
    x *= 3
y, *rest = range(5)
print(x, y, rest)
[a, b] = "ab"
print(a + b)
a = b = c = "chain"
print(a, b, c)
del a, b
print("a" in dir(), "c" in dir())

squares = {n: n * n for n in range(10) if n % 2}
print(squares)
import math as _m
print(_m.gcd(12, 18))
del _m
print("_m" in globals())
total_calls = sum(funcs[i % 5](i) for i in range(500))
print(total_calls)
print(undefined_at_the_end)
