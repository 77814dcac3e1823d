class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
class L(list): pass
def f(lst, i, v):
    lst[i] = v
    a, b = (i, v)
    c, d, e = [v, i, v]
    return a, b, c, d, e
x = [0, 1, 2]
for i in range(3): f(x, i, i * 10)
print(x, f(x, -1, 5), x)
f(x, 0, D(1)); f(x, 0, D(2)); f(x, 0, 0)
try: f(x, 3, 1)
except IndexError as e: print("IE", e)
try: f(x, True, 9)
except Exception as e: print(e)
print(x)
y = L([1, 2]); f(y, 1, "s"); print(y)
d = {}; f(d, 2**70, 1); print(d)
def un(s):
    a, b = s
    return b, a
print(un((1, 2)), un([3, 4]), un("ab"), un({5: 0, 6: 0}))
try: un((1, 2, 3))
except ValueError as e: print(e)
try: un(5)
except TypeError as e: print(e)
def self_ref():
    t = [1, 2]
    t[0] = t
    return len(t[0])
print(self_ref())
