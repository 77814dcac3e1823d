"""A small expression interpreter written with match statements over dataclass nodes.

Realistic pattern-matching workload: simplification rules with nested class patterns,
evaluation with an environment, and pretty-printing, run over many generated trees.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Num:
    v: int


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Bin:
    op: str
    left: object
    right: object


@dataclass(frozen=True)
class Neg:
    e: object


def simplify(e):
    match e:
        case Bin("+", Num(0), x) | Bin("+", x, Num(0)):
            return simplify(x)
        case Bin("*", Num(1), x) | Bin("*", x, Num(1)):
            return simplify(x)
        case Bin("*", Num(0), _) | Bin("*", _, Num(0)):
            return Num(0)
        case Bin(op, Num(a), Num(b)):
            return Num(a + b if op == "+" else a - b if op == "-" else a * b)
        case Neg(Neg(x)):
            return simplify(x)
        case Neg(Num(v)):
            return Num(-v)
        case Bin(op, l, r):
            sl, sr = simplify(l), simplify(r)
            if (sl, sr) != (l, r):
                return simplify(Bin(op, sl, sr))
            return e
        case Neg(x):
            return Neg(simplify(x))
        case _:
            return e


def evaluate(e, env):
    match e:
        case Num(v):
            return v
        case Var(name) if name in env:
            return env[name]
        case Var(name):
            raise NameError(name)
        case Bin("+", l, r):
            return evaluate(l, env) + evaluate(r, env)
        case Bin("-", l, r):
            return evaluate(l, env) - evaluate(r, env)
        case Bin("*", l, r):
            return evaluate(l, env) * evaluate(r, env)
        case Neg(x):
            return -evaluate(x, env)


def show(e):
    match e:
        case Num(v) if v < 0:
            return "(%d)" % v
        case Num(v):
            return str(v)
        case Var(n):
            return n
        case Bin(op, l, r):
            return "(%s %s %s)" % (show(l), op, show(r))
        case Neg(x):
            return "-" + show(x)


def gen(seed, depth):
    seed = (seed * 48271) % 2147483647
    k = seed % 7
    if depth == 0 or k == 0:
        return Num(seed % 3) if seed % 2 else Var("xyz"[seed % 3]), seed
    if k == 1:
        sub, seed = gen(seed, depth - 1)
        return Neg(sub), seed
    l, seed = gen(seed, depth - 1)
    r, seed = gen(seed, depth - 1)
    return Bin("+-*"[seed % 3], l, r), seed


def main():
    env = {"x": 2, "y": -3, "z": 5}
    seed = 1
    total = 0
    shown = []
    for i in range(300):
        e, seed = gen(seed, 5)
        s = simplify(e)
        a, b = evaluate(e, env), evaluate(s, env)
        assert a == b, (show(e), show(s))
        total += a
        if i < 5:
            shown.append((show(e), show(s), a))
    print(total)
    for line in shown:
        print(line)
    try:
        evaluate(Bin("+", Var("w"), Num(1)), env)
    except NameError as e:
        print("NameError", e)


main()
