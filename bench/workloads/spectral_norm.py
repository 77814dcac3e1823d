"""Spectral norm of the infinite matrix A(i, j) = 1/((i+j)(i+j+1)/2 + i + 1), by the power
method: nested loops of float multiply-adds through small function calls."""

DEFAULT_N = 200


def eval_a(i, j):
    return 1.0 / (((i + j) * (i + j + 1) >> 1) + i + 1)


def a_times(u):
    n = len(u)
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * u[j]
        out.append(s)
    return out


def at_times(u):
    n = len(u)
    out = []
    for i in range(n):
        s = 0.0
        for j, uj in enumerate(u):
            s += eval_a(j, i) * uj
        out.append(s)
    return out


def ata_times(u):
    return at_times(a_times(u))


def run(n=DEFAULT_N):
    u = [1.0] * n
    for _ in range(10):
        v = ata_times(u)
        u = ata_times(v)
    vbv = sum(x * y for x, y in zip(u, v))
    vv = sum(x * x for x in v)
    return (vbv / vv) ** 0.5
