"""exec/eval with custom globals and locals mappings (LOAD_NAME/STORE_NAME/LOAD_GLOBAL).

Covers locals as an arbitrary Mapping with __getitem__ fallbacks, locals as a dict
subclass with __missing__ (not consulted by LOAD_NAME for globals), globals as a dict
subclass (LOAD_NAME and LOAD_GLOBAL on it), __builtins__
replaced by a restricted dict, eval of expressions in hot loops, and errors from bad
namespace types.
"""
import collections.abc


class Layered(collections.abc.MutableMapping):
    def __init__(self, *layers):
        self.layers = [dict()] + list(layers)
        self.misses = 0

    def __getitem__(self, k):
        for layer in self.layers:
            if k in layer:
                return layer[k]
        self.misses += 1
        raise KeyError(k)

    def __setitem__(self, k, v):
        self.layers[0][k] = v

    def __delitem__(self, k):
        del self.layers[0][k]

    def __iter__(self):
        return iter(self.layers[0])

    def __len__(self):
        return len(self.layers[0])


class Missing(dict):
    def __missing__(self, k):
        return "missing:" + k


SRC = """
total = 0
for i in range(n):
    total += i * scale
name_from_globals = gname
result = [total, len(helper)]
del i
"""


def run_layered(n):
    loc = Layered({"n": n, "scale": 3})
    g = {"gname": "G", "helper": "abc"}
    exec(SRC, g, loc)
    return loc["result"], loc.misses, sorted(loc)


def main():
    out = None
    tot = 0
    for i in range(200):
        out = run_layered(i % 10 + 1)
        tot += out[0][0]
    print(tot, out)

    loc = Missing()
    exec("a = 1\nb = a + 1\nc = undefined_thing", {}, loc)
    print(dict(loc))

    g = Missing(__builtins__=__builtins__)
    try:
        exec("x = undefined_global", g)
        print("globals __missing__ used by LOAD_NAME:", g.get("x"))
    except NameError as e:
        print("NameError:", e)
    try:
        exec("def f():\n    return undefined_global2\nx = f()", g)
        print("LOAD_GLOBAL:", g.get("x"))
    except NameError as e:
        print("NameError in function:", e)

    restricted = {"__builtins__": {"len": len, "range": range}}
    print(eval("len(range(7))", restricted))
    try:
        eval("print('no')", restricted)
    except NameError as e:
        print("NameError:", e)

    s = 0
    code = compile("x * y + z", "<expr>", "eval")
    for i in range(500):
        s += eval(code, {"x": i}, {"y": 2, "z": -i})
    print(s)
    try:
        exec("a = 1", [], {})
    except TypeError as e:
        print("TypeError:", e)
    try:
        exec("a = 1", {}, 5)
    except TypeError as e:
        print("TypeError:", e)
    loc = {}
    exec("global gx\ngx = 1\nlx = 2", {}, loc)
    print(loc)
    lm = Layered({"q": 4})
    print(eval("[q * k for k in range(3)]", {}, lm) if False else eval("q + 1", {}, lm))
    try:
        eval("[q * k for k in range(3)]", {}, lm)
    except NameError as e:
        print("comprehension cannot see mapping locals:", e)


main()
