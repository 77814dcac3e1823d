"""Functions with hundreds of cell and free variables (MAKE_CELL, LOAD_DEREF, STORE_DEREF,
LOAD_CLOSURE, COPY_FREE_VARS with EXTENDED_ARG indices), generated and called hot.
"""


def gen(n):
    lines = ["def outer(seed):"]
    for i in range(n):
        lines.append("    c%d = seed + %d" % (i, i))
    lines.append("    def inner(k):")
    lines.append("        nonlocal c%d" % (n - 1))
    lines.append("        c%d += k" % (n - 1))
    lines.append("        return " + " + ".join("c%d" % i for i in range(n)))
    lines.append("    return inner")
    return "\n".join(lines)


def main():
    ns = {}
    exec(gen(400), ns)
    outer = ns["outer"]
    inner = outer(1)
    print(len(outer.__code__.co_cellvars), len(inner.__code__.co_freevars))
    r = [inner(k) for k in range(5)]
    print(r)
    total = 0
    for s in range(300):
        f = outer(s)
        total += f(1) + f(2)
    print(total)
    names = inner.__code__.co_freevars
    print(names[-1], inner.__closure__[names.index("c399")].cell_contents)


main()
