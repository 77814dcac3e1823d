# Unpacking into locals numbered past 255 (their STORE_FASTs carry EXTENDED_ARG and are not
# one code unit each) and into a loop body longer than 255 code units: values, finaliser
# order and the line each finaliser sees match the interpreter.
import sys

class D:
    def __init__(self, tag): self.tag = tag
    def __del__(self):
        try:
            line = sys._getframe(1).f_lineno
        except ValueError:  # released by the module's own code
            line = None
        print("del", self.tag, "line", line)

names = [f"v{k}" for k in range(300)]
src = ["def far(t):"]
src += [f"    {n} = {k}" for k, n in enumerate(names[:296])]
src += ["    v296 = D('old 296'); v297 = D('old 297'); v298 = None; v299 = D('old 299')",
        "    v296, v297, v298, v299 = t",
        "    v0, v1, v298, v2 = t",
        "    return v0 + v1 + v2 + v296 + v297 + v298 + v299 + v295"]
ns = {"D": D}
exec(compile("\n".join(src), "far_locals", "exec"), ns)
for _ in range(3):
    print(ns["far"]((1, 2, 3, 4)), ns["far"]([5, 6, 7, 8]))

body = "\n".join(f"        a{k}, b{k}, c{k}, d{k} = t" for k in range(40))
exec(compile("def long_body(n, t):\n    s = 0\n    for _ in range(n):\n" + body +
             "\n        s += a0 + c39\n    return s\n", "long_body", "exec"), ns)
for n in (3, 200, 200):
    print(ns["long_body"](n, (1, 2, 3, 4)), ns["long_body"](n, [1, 2, 3, D("in list")]))
