"""Very large generated functions: thousands of lines, long jumps, big if/elif chains.

Covers forward and backward jumps whose offsets need EXTENDED_ARG (a loop whose body is
thousands of instructions, an if/elif chain of 1500 branches, try/except spanning a huge
body), executed many times with results checked against a direct formula.
"""


def gen_chain(n):
    lines = ["def dispatch(k):"]
    for i in range(n):
        kw = "if" if i == 0 else "elif"
        lines.append("    %s k == %d:" % (kw, i))
        lines.append("        return %d" % (i * i % 97))
    lines.append("    else:")
    lines.append("        return -1")
    return "\n".join(lines)


def gen_loop(n):
    lines = ["def looper(m):", "    acc = 0", "    i = 0", "    while i < m:"]
    for j in range(n):
        lines.append("        acc = (acc * 31 + i + %d) %% 1000003" % j)
    lines.append("        i += 1")
    lines.append("        if acc % 5 == 0:")
    lines.append("            continue")
    lines.append("    return acc")
    return "\n".join(lines)


def gen_try(n):
    lines = ["def guarded(x):", "    try:"]
    for j in range(n):
        lines.append("        x = x + %d if x < 10**12 else x" % j)
    lines.append("        if x % 2:")
    lines.append("            raise ValueError(x)")
    lines.append("    except ValueError as e:")
    lines.append("        return -e.args[0]")
    lines.append("    return x")
    return "\n".join(lines)


def ref_loop(m, n):
    acc = 0
    i = 0
    while i < m:
        for j in range(n):
            acc = (acc * 31 + i + j) % 1000003
        i += 1
    return acc


def main():
    ns = {}
    exec(gen_chain(1500), ns)
    d = ns["dispatch"]
    print(sum(d(k) for k in range(0, 1600, 3)), d(1499), d(1500))
    exec(gen_loop(800), ns)
    lp = ns["looper"]
    print(lp(5), ref_loop(5, 800), lp(5) == ref_loop(5, 800))
    exec(gen_try(2000), ns)
    gd = ns["guarded"]
    print([gd(x) for x in range(4)], sum(gd(x) for x in range(300)))


main()
