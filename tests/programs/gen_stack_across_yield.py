"""Yield in the middle of expressions: values pending on the value stack across suspension.

Covers yield as a call argument between other evaluated arguments, yield inside list/
tuple/dict/set displays, inside f-strings, in binary operations, as a subscript index,
inside a chained comparison, in a with statement inside a for loop inside try, and
yield from inside an expression; each generator is driven by send() in a hot loop.
"""


def combine(*args, **kw):
    return args, sorted(kw.items())


def in_call(a):
    r = combine(a, (yield "first"), a * 2, (yield "second"), k=(yield "third"))
    yield r


def in_displays(x):
    lst = [x, (yield 1), x + 1, (yield 2)]
    tup = (x, (yield 3))
    dct = {"a": (yield 4), (yield 5): x}
    st = {x, (yield 6)}
    yield lst, tup, sorted(dct.items(), key=str), sorted(st, key=str)


def in_fstring(n):
    s = f"<{n}:{(yield 'a')}:{n * 2:>4}:{(yield 'b')!r}>"
    yield s


def in_binop(v):
    total = v * 10 + (yield "x") * 100 - (yield "y")
    idx = [10, 20, 30, 40][(yield "idx")]
    cmp = 0 < (yield "mid") < 10
    yield total, idx, cmp


class CM:
    def __init__(self, log, tag):
        self.log, self.tag = log, tag

    def __enter__(self):
        self.log.append("enter " + self.tag)
        return self.tag

    def __exit__(self, et, ev, tb):
        self.log.append("exit " + self.tag)


def in_nested_blocks(log):
    try:
        for i in range(2):
            with CM(log, "c%d" % i) as t:
                got = yield t
                log.append(got)
                for j in range(2):
                    log.append((yield (t, j)))
    finally:
        log.append("finally")


def sub():
    x = yield "sub1"
    y = yield "sub2"
    return x + y


def yf_expr():
    r = [1, (yield from sub()), 3]
    s = (yield from sub()) * 2 + (yield from sub())
    yield r, s


def drive(g, values):
    out = [next(g)]
    for v in values:
        try:
            out.append(g.send(v))
        except StopIteration:
            break
    return out


def main():
    res = None
    tot = 0
    for i in range(300):
        res = (drive(in_call(i), [10, 20, 30]), drive(in_displays(i), ["p", "q", "r", "s", "t", "u"]),
               drive(in_fstring(i), ["A", "B"]), drive(in_binop(i), [3, 4, 2, 5]),
               drive(yf_expr(), [1, 2, 3, 4, 5, 6]))
        tot += res[3][-1][0] + res[4][-1][1]
    for r in res:
        print(r)
    print(tot)
    log = []
    print(drive(in_nested_blocks(log), ["a", "b", "c", "d", "e", "f"]))
    print(log)
    log = []
    g = in_nested_blocks(log)
    next(g)
    g.send("z")
    g.close()
    print(log)


main()
