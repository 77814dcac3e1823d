"""Seeded differential fuzzing of subscripts, slices, stores, deletes, membership and
unpacking on lists, tuples, strings, bytes, bytearrays, dicts, ranges and dict subclasses.

Generated functions apply a random sequence of operations to fresh copies of several
containers with edge-case indices (negative, out of range, bools, big ints, __index__
objects, slices with zero/negative steps and None bounds); each function's outcomes,
including exception types and messages, are checksummed and printed with its source.
"""
import random
import zlib


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __repr__(self):
        return "Idx(%d)" % self.v


class DD(dict):
    def __missing__(self, k):
        return ("missing", k)


INDICES = ["0", "1", "-1", "2", "-4", "7", "-9", "True", "False", "2 ** 70", "Idx(1)", "Idx(-2)", "'k'", "1.0", "None"]
SLICES = ["::", "1:", ":-1", "::-1", "::2", "1:4:2", "-2:", "5:1:-1", "::0", "None:None:None", "Idx(1):Idx(3)", "2 ** 70:", ":'x'"]


def make_containers():
    return {
        "l": list(range(6)), "t": tuple(range(6)), "s": "abcdef", "b": b"abcdef",
        "ba": bytearray(b"abcdef"), "d": {0: "z", 1: "o", -1: "m", "k": "kk", True: "t"},
        "r": range(10, 16), "dd": DD(a=1),
    }


def gen_op(rng):
    k = rng.random()
    c = rng.choice(["l", "t", "s", "b", "ba", "d", "r", "dd"])
    if k < 0.35:
        return "out.append(c[%r][%s])" % (c, rng.choice(INDICES))
    if k < 0.55:
        return "out.append(c[%r][%s])" % (c, rng.choice(SLICES))
    if k < 0.7:
        return "c[%r][%s] = %s" % (c, rng.choice(INDICES + SLICES), rng.choice(["99", "[7, 8]", "'x'", "b'q'", "()"]))
    if k < 0.8:
        return "del c[%r][%s]" % (c, rng.choice(INDICES + SLICES))
    if k < 0.9:
        return "out.append(%s in c[%r])" % (rng.choice(INDICES + ["'ab'", "b'a'", "97", "[]"]), c)
    return "x, *y = c[%r]; out.append((x, len(y)))" % c


def make_source(rng, idx):
    ops = [gen_op(rng) for _ in range(rng.randint(2, 6))]
    body = "\n".join("    try:\n        %s\n    except Exception as e:\n        out.append('%%s:%%s' %% (type(e).__name__, e))" % op
                     for op in ops)
    return "def g%d(c):\n    out = []\n%s\n    out.append(sorted(map(repr, c.values())))\n    return out\n" % (idx, body), ops


def main():
    rng = random.Random(1122)
    ns = {"Idx": Idx}
    total = 0
    for idx in range(160):
        src, ops = make_source(rng, idx)
        exec(src, ns)
        fn = ns["g%d" % idx]
        res = None
        for _ in range(120):
            res = fn(make_containers())
        crc = zlib.crc32(repr(res).encode())
        total = (total * 31 + crc) % 2 ** 32
        print("%08x %s" % (crc, " ; ".join(ops)))
    print("total %08x" % total)


main()
