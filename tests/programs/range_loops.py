# for-loops over range(...) calls, which compiled code turns into the range iterator directly
# (the range object skipped): bounds near the 64-bit limits (where CPython switches to its
# long-range iterator), negative and odd steps, bools and floats as arguments, errors, empty
# ranges, a range iterated by a generator expression, and ranges that are kept rather than
# iterated.
def f(n):
    t = 0
    for i in range(n):
        t += i
    for i in range(3, n, 2):
        t -= i
    for i in range(n, -n, -7):
        t += i
    for i in range(2**62, 2**62 + 3):
        t += i & 3
    for i in range(2**63 - 3, 2**63 - 1):
        t += i & 7
    for i in range(-2**63, -2**63 + 2):
        t += i & 5
    for i in range(9223372036854775806, 9223372036854775807 + 5, 2):
        t += 1
    for i in range(10**20, 10**20 + 2):
        t += 1
    it = iter(range(5))
    g = (x * 2 for x in range(n))
    return t, sum(g), type(iter(range(3))).__name__, list(range(n))[-2:], len(range(2, n, 3))
def errs():
    out = []
    for args in [(1.5,), ("a",), (1, 2, 0), (True, 3), ()]:
        try:
            for i in range(*args):
                out.append(i)
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out
for k in range(30):
    r = f(50), errs()
print(r)
