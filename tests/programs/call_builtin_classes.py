"""Builtin classes called from compiled code (range, int, float, str, list, dict, set,
frozenset, bytes, enumerate, zip, slice…), with positional and keyword arguments, errors and
subclasses: those with a vectorcall of their own are called through it, as the interpreter's
PRECALL_BUILTIN_CLASS does; results, exceptions and messages as in stock."""
import traceback


class MyInt(int):
    pass


class MyList(list):
    def __init__(self, *args):
        super().__init__(*args)
        self.made = True


def make(i):
    out = [
        range(i, i + 3)[1],
        int("1" * (i % 5 + 1), base=2),
        float(i) / 2,
        str(i),
        str(b"ab", "ascii"),
        len(list(range(i % 4))),
        sorted(dict(a=i, b=1).items()),
        len(set([i, i, 1])),
        frozenset((i,)) == frozenset([i]),
        tuple(range(2)),
        bytes(3),
        list(enumerate("ab", start=i))[-1],
        list(zip((1, 2), (i, i)))[0],
        slice(i).stop,
        bool(i),
        complex(i, 1).imag,
        MyInt(i) + 1,
        MyList(range(2)).made,
    ]
    return out


for i in range(300):
    r = make(i)
print(r)

errors = [
    lambda: int("x"),
    lambda: int("10", base=99),
    lambda: range(),
    lambda: float("nan?"),
    lambda: str(b"\xff", "ascii"),
    lambda: dict(1),
    lambda: list(1, 2),
    lambda: bytes(-1),
    lambda: slice(),
]


def call_all(fns):
    out = []
    for fn in fns:
        try:
            fn()
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
    return out


for _ in range(200):
    res = call_all(errors)
print("\n".join(res))

try:
    for _ in range(300):
        make(1)
    int("traceback")
except ValueError:
    traceback.print_exc()
