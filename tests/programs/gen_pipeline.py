"""A generator pipeline processing records, mixed with itertools.

Realistic lazy data processing: reading "lines", parsing, filtering, windowing, grouping and
aggregating with generator stages chained together and run many times.
"""
import itertools


def source(n, seed):
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % (2 ** 31)
        yield "%d,%s,%d" % (i, "abcde"[x % 5], x % 1000)


def parse(lines):
    for line in lines:
        idx, key, val = line.split(",")
        yield int(idx), key, int(val)


def only(records, keys):
    for r in records:
        if r[1] in keys:
            yield r


def window(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            del buf[0]


def moving_avg(records, size):
    for w in window((v for _, _, v in records), size):
        yield sum(w) / size


def grouped(records):
    keyf = lambda r: r[1]
    for k, grp in itertools.groupby(sorted(records, key=keyf), key=keyf):
        vals = [v for _, _, v in grp]
        yield k, len(vals), sum(vals)


def run(seed):
    recs = list(parse(source(200, seed)))
    ma = list(moving_avg(only(iter(recs), {"a", "b"}), 4))
    groups = list(grouped(recs))
    head = list(itertools.islice(only(recs, {"e"}), 3))
    return round(sum(ma), 4), groups, head


def main():
    acc = 0.0
    last = None
    for seed in range(60):
        ma, groups, head = run(seed)
        acc += ma
        last = (groups, head)
    print(round(acc, 3))
    print(last)
    chained = itertools.chain.from_iterable(window(range(6), k) for k in (2, 3))
    print(list(chained))
    print(list(itertools.takewhile(lambda t: t[0] < 5, parse(source(50, 7)))))


main()
