# range(...) called from compiled code: small int bounds are built without the generic int
# arithmetic; every other kind of argument (bools, int subclasses, __index__ objects, big ints,
# floats, a zero step, keywords) goes the interpreter's way, with its errors.
import builtins


class Idx:
    def __index__(self):
        return 4


class MyInt(int):
    pass


def forms(n):
    rs = [range(n), range(1, n), range(n, 1, -2), range(-5), range(3, 3), range(0, 10, 3),
          range(-n, n, 7), range(n, -n, -3), range(True, 5), range(MyInt(2), 6), range(Idx()),
          range(2**62, 2**63 - 1, 2**61), range(10**30, 10**30 + 5)]
    out = [(r, len(r), list(r)[:3], r.start, r.stop, r.step, type(r.start).__name__) for r in rs]
    out.append(len(range(-2**63, 2**63 - 1, 2**62)))
    out.append(range(5) == range(0, 5, 1) and hash(range(5)) == hash(range(0, 5)))
    out.append([sum(range(i)) for i in range(12)])
    return out


for i in range(30):
    r = forms(i)
print(r)


def errors():
    out = []
    for args in [(1, 2, 0), ("a",), (1.5,), (1, 2, 3, 4), (), (None, 3)]:
        try:
            range(*args)
        except (TypeError, ValueError) as e:
            out.append((type(e).__name__, str(e)))
    try:
        range(0, 2**64)[2**63]
        len(range(-2**63, 2**63))
    except OverflowError as e:
        out.append(str(e))
    try:
        range(stop=3)
    except TypeError as e:
        out.append(str(e))
    return out


for i in range(30):
    r = errors()
print(r)


def shadowed():
    out = []
    real = builtins.range
    for i in range(20):
        out.append(list(range(3)))
        if i == 10:
            builtins.range = lambda *a: ["shadowed", a]
    builtins.range = real
    return out


print(shadowed()[-3:])
