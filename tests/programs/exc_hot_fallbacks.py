"""Exception-driven control flow in functions called thousands of times.

KeyError/IndexError/AttributeError/StopIteration/ValueError/TypeError used as the normal
fallback path (EAFP), each in small functions that become hot, including handlers that
inspect the exception, bare except, else clauses and exceptions raised by callees.
"""


class Obj:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a


class Lazy:
    def __getattr__(self, name):
        if name.startswith("x"):
            return len(name)
        raise AttributeError(name)


def get_key(d, k):
    try:
        return d[k]
    except KeyError:
        return -1


def get_idx(seq, i):
    try:
        v = seq[i]
    except IndexError as e:
        return str(e)
    else:
        return v * 2


def get_attr(o):
    try:
        return o.b
    except AttributeError:
        return "no b"


def lazy_attr(o, name):
    try:
        return getattr(o, name)
    except AttributeError as e:
        return "missing " + e.args[0]


def first(it):
    try:
        return next(it)
    except StopIteration:
        return None


def to_int(s):
    try:
        return int(s)
    except ValueError:
        try:
            return int(float(s))
        except ValueError:
            return 0
    except TypeError:
        return -2


def bare(x):
    try:
        return 10 // x
    except:
        return "bare"


def counted(d, keys):
    hits = misses = 0
    for k in keys:
        try:
            d[k] += 1
            hits += 1
        except KeyError:
            d[k] = 1
            misses += 1
    return hits, misses


def main():
    d = {i: i * i for i in range(0, 50, 3)}
    objs = [Obj(i) for i in range(5)]
    objs[2].b = "B"
    lz = Lazy()
    acc = []
    tot = 0
    for i in range(3000):
        tot += get_key(d, i % 50)
        r = get_idx([1, 2, 3], i % 5)
        if i < 5:
            acc.append(r)
        acc.append(get_attr(objs[i % 5])) if i < 5 else get_attr(objs[i % 5])
        if i % 500 == 0:
            acc.append(lazy_attr(lz, "xyz" if i % 1000 else "abc"))
        else:
            lazy_attr(lz, "q")
        tot += (first(iter(range(i % 3))) or 0)
        tot += to_int(["12", "3.5", "x", None][i % 4])
        b = bare(i % 4)
        tot += b if isinstance(b, int) else 1
    print(tot)
    print(acc)
    print(counted({}, [i % 17 for i in range(2000)]))


main()
