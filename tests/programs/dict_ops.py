# Dictionary operations.


def word_count(words):
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return d


def main():
    words = [("w%d" % (i * 7 % 13)) for i in range(2000)]
    wc = word_count(words)
    print(sorted(wc.items()))
    d = {}
    for i in range(1000):
        d[i] = i * i
        if i % 3 == 0:
            del d[i]
    print(len(d), sum(d.values()), list(d)[:5])
    d2 = dict.fromkeys("abc", 0)
    for i in range(300):
        d2["abc"[i % 3]] += i
    print(d2)
    m = {**d2, "z": 1}
    m |= {"a": -1}
    print(m, d2 | {"q": 9})
    print(m.pop("z"), m.pop("nope", "dflt"), m.setdefault("n", []), m)
    print(m.popitem(), list(m.keys()), list(m.values()), list(m.items()))
    try:
        m["missing"]
    except KeyError as e:
        print("KeyError", repr(e))
    d3 = {(1, 2): "tuple", 3.0: "float", None: "none"}
    print(d3[1, 2], d3[3], d3[None], 3 in d3, (2, 1) in d3)
    acc = 0
    dd = {i: i for i in range(100)}
    for _ in range(100):
        for k, v in dd.items():
            acc += k * v
    print(acc)
    print({1: 2} == {1: 2}, {1: 2} != {1: 3}, sorted({"b": 1, "a": 2}))
    nd = {}
    nd.update([(1, 2)], x=5)
    print(nd, dict(zip(range(3), "abc")), reversed(list({1: 1, 2: 2})).__class__.__name__)


main()
