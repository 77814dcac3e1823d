import math
def f(a, b, c):
    x = a * b + c * a - b / c
    y = (a + b) * (c - a) * 2.0 + x
    return x, y, (a*a + b*b + c*c) ** 0.5
vals = [f(1.5, 2.25, -3.0) for i in range(50)]
print(vals[-1])
a = 1e308; print(f(a, a, 1.0)[0])
try: f(1.0, 2.0, 0.0)
except ZeroDivisionError as e: print(e)
print(f(1, 2, 3), f(1.0, 2, 3.5))
class F(float): pass
print(f(F(1.5), 2.0, 3.0))
t = 0.1
for i in range(10): t = t * 1.1 + 0.5
print(t)
