nan = float("nan"); inf = float("inf")
vals = [0.0, -0.0, 1.5, -2.25, nan, inf, -inf, 1e-300, 3]
def cmp(a, b):
    r = []
    if a < b: r.append("<")
    if a <= b: r.append("<=")
    if a > b: r.append(">")
    if a >= b: r.append(">=")
    if a == b: r.append("==")
    if a != b: r.append("!=")
    if not (a < b): r.append("!<")
    if not (a >= b): r.append("!>=")
    return "".join(r)
out = []
for _ in range(3):
    out = [cmp(a, b) for a in vals for b in vals]
print(out)
def loop(x):
    n = 0
    while x > 0.5:
        x = x * 0.9; n += 1
    return n
print(loop(100.0))
