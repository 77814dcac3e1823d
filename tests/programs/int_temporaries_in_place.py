# Int arithmetic whose operand is a temporary the stack owns alone (the product in
# (i + j) * (i + j + 1) // 2): compiled code writes a one-digit result into that temporary
# instead of allocating a new int. Results across the small-int range (which keeps its
# preallocated objects: 'is' between equal small results holds), one-digit bounds (2**30),
# negative values, shifts, floor division and modulo, temporaries kept in a list, and big
# results that need new ints.
def eval_A(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)
def ints(a, b):
    x = (a * b) * 3 - a
    y = (a - b) * (a + b) // 7 % 1000
    z = ((a << 3) | b) ^ (a & 0xFFFF)
    w = (a * 1000) >> 2
    neg = (-a * b) - 7
    big = (a * b) * (a * b)
    small = (a - a) * b + 5
    t = (a * b)
    keep = [t, t * 2]
    return x, y, z, w, neg, big, small, keep, ((a + 1) * (b + 1)) is ((a + 1) * (b + 1))
r = None
for k in range(40):
    s = 0.0
    for i in range(60):
        for j in range(60):
            s += eval_A(i, j)
    r = [ints(a, b) for a in (0, 1, -3, 255, 256, 257, 40000, -40000, 2**29, 2**30 - 1) for b in (0, 1, -1, 7, 300, 2**20)]
print(s, r[:3], r[-3:], sum(x[0] for x in r), [x[8] for x in r][:5])

