"""PRINT_EXPR: code compiled in 'single' mode executed with exec, like the interactive REPL.

Covers sys.displayhook being called with the value (None not printed), builtins._ updated,
a custom displayhook, displayhook raising, displayhook deleted (RuntimeError 'lost
sys.displayhook'), multi-statement 'single' input, and compiling in a hot loop.
"""
import builtins
import sys


def repl(src, ns):
    code = compile(src, "<stdin>", "single")
    exec(code, ns)


def main():
    ns = {}
    for src in ["1 + 1", "None", "'text'", "[x * x for x in range(4)]", "y = 5", "y", "_", "if True:\n    y * 2\n    y * 3\n"]:
        repl(src, ns)
    print("underscore is", builtins._)
    seen = []
    old = sys.displayhook
    sys.displayhook = lambda v: seen.append(v)
    try:
        for i in range(300):
            repl("%d * 2" % i, ns)
            repl("None", ns)
    finally:
        sys.displayhook = old
    print(len(seen), seen[:3], seen[-1])

    def bad_hook(v):
        raise ValueError("hook failed on %r" % (v,))
    sys.displayhook = bad_hook
    try:
        repl("42", ns)
    except ValueError as e:
        print("ValueError:", e)
    finally:
        sys.displayhook = old
    del sys.displayhook
    try:
        repl("43", ns)
    except RuntimeError as e:
        print("RuntimeError:", e)
    finally:
        sys.displayhook = old
    repl("'restored'", ns)
    try:
        repl("undefined_in_repl", ns)
    except NameError as e:
        print("NameError:", e)
    code = compile("for i in range(3): i * 10\n", "<stdin>", "single")
    exec(code, {})


main()
