"""EXTENDED_ARG: functions generated with hundreds of constants, names, locals and globals.

Generated source (exec'd) makes opargs exceed 255 and 65535 for LOAD_CONST, LOAD_FAST,
STORE_FAST, LOAD_GLOBAL, LOAD_ATTR, LOAD_METHOD, BUILD_LIST and COMPARE chains; every
generated function is called in a hot loop and its result compared with a direct
computation.
"""
import dis


def gen_consts(n):
    body = ["def f(x):", "    t = 0"]
    for i in range(n):
        body.append("    t += %d * x + %r" % (i, float(i) / 7))
    body.append("    return t")
    return "\n".join(body)


def gen_locals(n):
    body = ["def g(seed):"]
    for i in range(n):
        body.append("    v%d = seed + %d" % (i, i))
    body.append("    return " + " + ".join("v%d" % i for i in range(0, n, 37)) + " + v%d" % (n - 1))
    return "\n".join(body)


def gen_globals(n):
    lines = ["G%d = %d" % (i, i * 3) for i in range(n)]
    lines.append("def h():")
    lines.append("    return [" + ", ".join("G%d" % i for i in range(n)) + "]")
    return "\n".join(lines)


def gen_attrs(n):
    lines = ["class O:", "    pass", "o = O()"]
    lines += ["o.a%d = %d" % (i, i) for i in range(n)]
    lines.append("def a(obj):")
    lines.append("    s = 0")
    for i in range(0, n, 3):
        lines.append("    s += obj.a%d" % i)
    lines.append("    obj.a%d = s" % (n - 1))
    lines.append("    return s")
    return "\n".join(lines)


def count_extended(fn):
    return sum(1 for ins in dis.get_instructions(fn) if ins.opname == "EXTENDED_ARG")


def main():
    ns = {}
    exec(gen_consts(400), ns)
    f = ns["f"]
    r = 0.0
    for x in range(300):
        r += f(x)
    print(round(r, 3), count_extended(f) > 0)
    exec(gen_locals(600), ns)
    g = ns["g"]
    print(sum(g(s) for s in range(300)), g.__code__.co_nlocals, count_extended(g) > 0)
    exec(gen_globals(300), ns)
    h = ns["h"]
    print(sum(sum(h()) for _ in range(300)), len(h()))
    exec(gen_attrs(300), ns)
    a, o = ns["a"], ns["o"]
    print([a(o) for _ in range(3)], sum(a(o) for _ in range(300)) % 1000003)
    big = "def k():\n    return (" + ", ".join(str(i) for i in range(70000)) + ")\n"
    exec(big, ns)
    t = ns["k"]()
    print(len(t), t[-1], sum(t))


main()
