"""Fidelity: f_lasti (and tb_lasti) of compiled frames equal stock CPython's.

Prints the f_lasti of a compiled caller as seen from: a Python callee (plain call, method call,
call with keywords), a builtin that calls back into Python (sorted(key=), map), a dunder method
reached through an operator, a property, __getitem__; the frame's own f_lasti read through
sys._getframe() and inspect.currentframe(); the f_lasti of a suspended generator; and the
tb_lasti of traceback entries of exceptions raised in compiled frames. Each value is printed
with the opcode name at that offset (dis), so a difference is easy to read.
"""
import dis
import inspect
import sys

OPS = {}


def opname_at(code, lasti):
    if code not in OPS:
        OPS[code] = {i.offset: i.opname for i in dis.get_instructions(code, show_caches=True)}
    return OPS[code].get(lasti, "?")


def where(depth=2):
    f = sys._getframe(depth)
    return (f.f_code.co_name, f.f_lineno, f.f_lasti, opname_at(f.f_code, f.f_lasti))


def callee():
    return where()


def callee_kw(a, b=0):
    return where()


class K:
    def method(self):
        return where()

    def __add__(self, other):
        return where()

    def __getitem__(self, k):
        return where()

    @property
    def prop(self):
        return where()

    def __lt__(self, other):
        return where()

    def __len__(self):
        RECORD.append(where())
        return 1


RECORD = []


def key(v):
    RECORD.append(where())
    return v


def user(k):
    out = []
    out.append(callee())
    out.append(callee_kw(1, b=2))
    out.append(k.method())
    out.append(k + k)
    out.append(k[0])
    out.append(k.prop)
    out.append(k < k)
    sorted([2, 1], key=key)
    list(map(key, [0]))
    len(k)
    out.extend(RECORD)
    RECORD.clear()
    f = sys._getframe()
    out.append(("own", f.f_lasti, opname_at(f.f_code, f.f_lasti)))
    g = inspect.currentframe()
    out.append(("own-inspect", g.f_lasti, opname_at(g.f_code, g.f_lasti)))
    return out


def gen(n):
    for i in range(n):
        yield i
        x = i + 1
        yield x


def gen_lasti():
    g = gen(3)
    out = [g.gi_frame.f_lasti]
    for _ in range(4):
        next(g)
        out.append((g.gi_frame.f_lasti, opname_at(g.gi_code, g.gi_frame.f_lasti), g.gi_frame.f_lineno))
    return out


def fail_div(a, b):
    return a // b


def fail_attr(o):
    return o.nope


def fail_index(lst, i):
    return lst[i] + 1


def fail_call(x):
    v = fail_div(x, 0)
    return v


def raise_stmt(x):
    if x:
        raise KeyError(x)


def tb_info(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        out = [type(e).__name__]
        tb = e.__traceback__.tb_next
        while tb is not None:
            code = tb.tb_frame.f_code
            out.append((code.co_name, tb.tb_lineno, tb.tb_lasti, opname_at(code, tb.tb_lasti)))
            tb = tb.tb_next
        return out


def main():
    k = K()
    for _ in range(300):
        user(k)
        gen_lasti()
        tb_info(fail_div, 1, 0)
        tb_info(fail_attr, k)
        tb_info(fail_index, [1], 3)
        tb_info(fail_call, 1)
        tb_info(raise_stmt, 1)
    for row in user(k):
        print("user", row)
    print("gen", gen_lasti())
    print("tb", tb_info(fail_div, 1, 0))
    print("tb", tb_info(fail_attr, 1))
    print("tb", tb_info(fail_index, [1], 3))
    print("tb", tb_info(fail_call, 1))
    print("tb", tb_info(raise_stmt, 1))


main()
