# sys._getframe line numbers and caller names.
import sys


def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno


def here():
    return sys._getframe().f_lineno


def caller_name():
    return sys._getframe(1).f_code.co_name


def outer_a():
    return caller_name()


def outer_b():
    return caller_name()


def loop_lines(n):
    base = sys._getframe().f_code.co_firstlineno
    seen = []
    for i in range(n):
        if i % 2:
            seen.append(here())
        else:
            seen.append(where()[1] - base)
    return seen


def main():
    r = loop_lines(1000)
    print(r[:4], sorted(set(r)))
    names = {}
    for i in range(500):
        n = outer_a() if i % 3 else outer_b()
        names[n] = names.get(n, 0) + 1
    print(sorted(names.items()))
    print(where(), here())
    f = sys._getframe()
    print(f.f_code.co_name, f.f_back.f_code.co_name, f.f_lineno, f.f_back.f_lineno)
    depth = 0
    g = f
    while g.f_code.co_name != "<module>":
        depth += 1
        g = g.f_back
    print("depth to module", depth, g.f_code.co_name, g.f_lineno)
    lines = []
    for i in range(300):
        lines.append(sys._getframe().f_lineno)
        lines.append(sys._getframe().f_lineno)
    print(sorted(set(lines)), len(lines))


main()
