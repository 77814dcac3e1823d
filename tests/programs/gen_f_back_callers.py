"""The f_back of a generator frame is whoever resumed it, which changes on each resumption.

A generator reports sys._getframe(1) at every step while being resumed by different
callers (a for loop, next() in a helper, send() from a method, a comprehension, yield
from in another generator); tracebacks raised inside it show the current resumer.
"""
import sys
import traceback


def reporter():
    while True:
        f = sys._getframe(1)
        cmd = yield f.f_code.co_name if f else None
        if cmd == "raise":
            raise ValueError("raised while resumed by %s" % sys._getframe(1).f_code.co_name)


def via_next(g):
    return next(g)


def via_send(g, v=None):
    return g.send(v)


class Holder:
    def __init__(self, g):
        self.g = g

    def step(self):
        return next(self.g)


def delegator(g):
    yield from g


def main():
    g = reporter()
    out = [next(g), via_next(g), via_send(g), Holder(g).step(), [next(g) for _ in range(1)][0]]
    d = delegator(g)
    out.append(next(d))
    print(out)
    res = None
    for i in range(300):
        res = (via_next(g), via_send(g), Holder(g).step())
    print(res)
    try:
        via_send(g, "raise")
    except ValueError as e:
        print(e, [fs.name for fs in traceback.extract_tb(e.__traceback__)])
    g2 = reporter()
    next(g2)
    f = g2.gi_frame
    print(f.f_back)


main()
