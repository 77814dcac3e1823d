# Default arguments, including mutable defaults and changing __defaults__.


def acc(x, bucket=[]):
    bucket.append(x)
    return len(bucket)


def defaults(a, b=2, c=None, d="d"):
    if c is None:
        c = a + b
    return (a, b, c, d)


def kwdefault(*, k=10):
    return k


def main():
    n = 0
    for i in range(500):
        n = acc(i)
    print(n, acc.__defaults__[0][-3:])
    r = []
    for i in range(300):
        r.append(defaults(i))
        r.append(defaults(i, i))
        r.append(defaults(i, c=0))
    print(r[:4], len(r), r[-1])
    s = 0
    for i in range(1000):
        if i == 500:
            kwdefault.__kwdefaults__ = {"k": 1}
            defaults.__defaults__ = (20, 30, "z")
        s += kwdefault()
    print(s, defaults(1), kwdefault.__kwdefaults__)


main()
