"""Fidelity: tracemalloc attributes allocations made by compiled code to the right lines.

tracemalloc reads the current frame's line (from its last instruction) at each allocation, so
compiled code must have written the frame's position before anything that allocates. Objects
are allocated by hot compiled functions (string repetition and concatenation, f-strings, big
ints from arithmetic, bytes(), instances, list growth in a loop, a generator body) and the
lines of this file in each object's allocation traceback are printed.
"""
import tracemalloc

THIS_FILE = __file__


class C:
    def __init__(self, v):
        self.v = v


def make(n):
    a = 1
    s = "x" * (n + 100)
    c = C(n)
    big = n * 10 ** 30
    b = bytes(n + 50)
    s2 = s + "y"
    s3 = f"{s}{n}"
    return s, c, big, b, s2, s3, a


def loop(n):
    out = []
    for i in range(n):
        out.append(C(i))
        out.append(i * 10 ** 40 + 1)
        out.append("z" * (i + 200))
    return out


def gen(n):
    for i in range(n):
        yield "g" * (i + 300)


def via_gen(n):
    return [s.upper() for s in gen(n)]


def lines(obj):
    tb = tracemalloc.get_object_traceback(obj)
    if tb is None:
        return None
    return [fr.lineno for fr in tb if fr.filename == THIS_FILE]


def main():
    for _ in range(300):
        make(5)
        loop(3)
        via_gen(2)
    tracemalloc.start(10)
    objs = make(7)
    many = loop(3)
    gs = via_gen(2)
    plain = list(gen(2))
    for o in objs[:-1]:
        print("make", type(o).__name__, lines(o))
    print("make C.__dict__", lines(objs[1].__dict__))
    for o in many:
        print("loop", type(o).__name__, lines(o))
    for o in gs + plain:
        print("gen", type(o).__name__, lines(o))
    tracemalloc.stop()


main()
