"""Calls with keyword arguments (KW_NAMES + CALL) to every kind of callable, in hot loops.

Covers builtins taking keywords (sorted, int, print, dict, max/min default/key), methods of
builtin types (str.split, str.encode, list.sort, dict.get is positional-only), Python
functions with defaults/kw-only, bound methods, classes (__init__ with keywords), __call__
objects, functools.partial, and keyword errors on C functions with exact messages.
"""
import functools
import io


class Acc:
    def __init__(self, start=0, *, step=1):
        self.v, self.step = start, step

    def add(self, n=1, *, times=1):
        self.v += n * times * self.step
        return self.v

    def __call__(self, *, reset=False):
        if reset:
            self.v = 0
        return self.v


def py(a, b=2, *, c=3, d=4):
    return a + b * c - d


def main():
    buf = io.StringIO()
    tot = 0
    acc = Acc(step=2)
    part = functools.partial(py, c=10)
    for i in range(400):
        tot += len(sorted(range(i % 7), key=lambda x: -x, reverse=True))
        tot += int("101", base=2) + int(x="7") if False else int("101", base=2)
        print(i, end=";", sep="", file=buf)
        tot += len(dict(a=1, b=i))
        tot += max([], default=i) + min(3, i, key=lambda v: -v)
        tot += len("a,b,c".split(sep=",", maxsplit=1)) + len("x".encode(encoding="utf-8", errors="strict"))
        lst = [3, 1, 2]
        lst.sort(key=None, reverse=True)
        tot += lst[0]
        tot += py(i, c=1) + py(a=1, b=i, d=0) + part(i) + part(1, d=i)
        tot += acc.add(n=1, times=2) + Acc(start=i).add(times=3)
        tot += acc(reset=i % 50 == 0)
    print(tot, buf.getvalue()[:20], acc.v)
    for call in (lambda: sorted([], cmp=None), lambda: int("1", bas=2), lambda: "a".split(sepx=","),
                 lambda: {}.get("k", default=1), lambda: py(1, e=5), lambda: Acc(steps=2),
                 lambda: acc.add(tims=1), lambda: acc(1), lambda: len(obj=[]), lambda: print(flush=1, bogus=2),
                 lambda: [].sort(reverse=True, key=None, x=1), lambda: part(1, c=2, zz=3)):
        try:
            print("ok", call())
        except TypeError as e:
            print("TypeError:", e)


main()
