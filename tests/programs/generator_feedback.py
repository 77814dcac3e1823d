# Generators whose code is compiled early (it loops) collect type feedback by having their
# next resumptions run in the interpreter; the frame moves between early machine code, the
# interpreter and the final code in the middle of iterations, with send/throw/close, and the
# result must be the interpreter's.
import itertools


def counter(items, scale):
    total = 0
    for i, x in enumerate(items):
        total += x * scale
        got = yield (i, total)
        if got is not None:
            total = got


def pairs(seq):
    for i in range(len(seq)):
        for j in range(i + 1, len(seq)):
            yield seq[i], seq[j][::-1] if isinstance(seq[j], str) else seq[j]


def genexprs(n):
    return sum(set(i * 2 for i in range(n))), tuple(str(i) for i in range(n) if i % 3)


def driver(rounds):
    out = []
    for r in range(rounds):
        g = counter([1, 2, 3, 4, 5] * 4, r)
        first = next(g)
        mid = [next(g) for _ in range(3)]
        sent = g.send(100)
        try:
            thrown = g.throw(KeyError("k%d" % r))
        except KeyError as e:
            thrown = ("KeyError", str(e))
        out.append((first, mid, sent, thrown, list(g)))
    return out


def main():
    print(driver(6)[-2:])
    for kind in ([1, 2, 3, 4], ["ab", "cd", "ef"], [1.5, 2.5], [(1,), (2,)]):
        for _ in range(4):
            r = list(pairs(kind))
        print(r)
    for n in (5, 10, 50):
        for _ in range(4):
            r = genexprs(n)
        print(r)
    g = counter(itertools.count(), 2)
    print([next(g) for _ in range(5)])
    g.close()
    print("closed", list(g))


main()
