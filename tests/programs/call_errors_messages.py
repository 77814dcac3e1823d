"""Argument-binding errors with exact messages for functions, methods, lambdas, builtins.

Covers missing positional/keyword-only arguments (one, two, three names), too many
positional arguments (with and without defaults, with keyword-only), positional-only
parameters passed by keyword, unexpected keywords, multiple values, calling methods with
wrong arity (qualname in message), and the same errors raised repeatedly in hot loops.
"""


def one(a):
    return a


def three(a, b, c):
    return a


def defaults(a, b=1, c=2):
    return a


def kwonly(a, *, k, m=5):
    return a


def kwonly2(*, x, y, z):
    return x


def posonly(a, b, /, c):
    return a


def posonly_kw(a, /, **kw):
    return a, kw


class K:
    def method(self, x):
        return x

    @staticmethod
    def sm(x):
        return x

    @classmethod
    def cm(cls, x, y):
        return x


lam = lambda p, q: p


def call(fn, *a, **kw):
    try:
        fn(*a, **kw)
        return "ok"
    except TypeError as e:
        return str(e)


CASES = [
    (one, (), {}), (one, (1, 2), {}), (one, (), {"b": 1}), (one, (1,), {"a": 1}),
    (three, (), {}), (three, (1,), {}), (three, (1, 2), {}), (three, (1, 2, 3, 4), {}),
    (defaults, (), {}), (defaults, (1, 2, 3, 4), {}), (defaults, (1,), {"d": 4}),
    (kwonly, (1,), {}), (kwonly, (1, 2), {}), (kwonly, (1, 2), {"k": 3}), (kwonly2, (), {}),
    (kwonly2, (), {"x": 1}), (kwonly2, (1,), {}), (posonly, (1, 2), {}), (posonly, (), {"a": 1, "b": 2, "c": 3}),
    (posonly, (1,), {"b": 2, "c": 3}), (posonly_kw, (1,), {"a": 2}), (K().method, (), {}),
    (K().method, (1, 2), {}), (K.method, (1,), {}), (K.sm, (), {}), (K.cm, (1,), {}),
    (lam, (1,), {}), (lam, (1, 2, 3), {}), (K, (1,), {}), (K(), (), {}),
]


def main():
    out = None
    for i in range(20):
        out = [call(fn, *a, **kw) for fn, a, kw in CASES]
    for line in out:
        print(line)
    n = 0
    for i in range(1000):
        n += len(call(three, *range(i % 5)))
    print(n)


main()
