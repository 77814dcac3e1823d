# Deeply nested data structures: build, traverse, transform.


def build_tree(depth, seed):
    if depth == 0:
        return seed % 10
    return {"v": seed, "kids": [build_tree(depth - 1, seed * 3 + k) for k in range(3)]}


def tree_sum(t):
    if isinstance(t, int):
        return t
    return t["v"] + sum(tree_sum(k) for k in t["kids"])


def flatten(x):
    out = []
    stack = [x]
    while stack:
        cur = stack.pop()
        if isinstance(cur, (list, tuple)):
            stack.extend(reversed(cur))
        else:
            out.append(cur)
    return out


def nest(n):
    x = []
    for i in range(n):
        x = [i, x, (i,)]
    return x


def depth_of(x):
    d = 0
    while isinstance(x, list) and x:
        x = x[1]
        d += 1
    return d


def main():
    t = build_tree(6, 1)
    print(tree_sum(t) % 1000003, len(t["kids"]), t["kids"][2]["v"])
    n = nest(300)
    f = flatten(n)
    print(len(f), f[:6], sum(f), depth_of(n))
    rec = {"a": [1, {"b": (2, [3, {"c": 4}])}]}
    print(rec["a"][1]["b"][1][1]["c"], repr(rec))
    m = {}
    for i in range(500):
        m.setdefault(i % 7, {}).setdefault(i % 5, []).append(i)
    print(sorted((k, sorted(v)) for k, v in m.items())[0][1], len(m[3][4]))
    l = []
    l.append(l)
    print(l, repr([l, {"self": l}]))
    d = {}
    d["d"] = d
    print(d)
    import copy
    c = copy.deepcopy(rec)
    c["a"][1]["b"][1][1]["c"] = 99
    print(rec == c, c["a"][1]["b"][1][1]["c"])


main()
