"""throw() and close() delivered to a generator suspended with live values on its stack.

The values pending below the yield (partially built lists, call arguments, iterators of
enclosing for loops, context managers) must be released exactly once, in the same order
as in the interpreter; objects with __del__ log their destruction.
"""

LOG = []


class T:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        LOG.append("del " + self.name)

    def __repr__(self):
        return self.name


class Iter:
    def __init__(self, name, n):
        self.name, self.i, self.n = name, 0, n

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > self.n:
            raise StopIteration
        return self.i

    def __del__(self):
        LOG.append("del iter " + self.name)


def f(*a):
    return a


def pending_list():
    x = [T("l0"), T("l1"), (yield "in-list"), T("l3")]
    return x


def pending_args():
    return f(T("a0"), (yield "in-args"), T("a2"))


def pending_loops():
    for i in Iter("outer", 3):
        for j in Iter("inner", 3):
            try:
                yield (i, j)
            except KeyError:
                LOG.append("caught at %d,%d" % (i, j))


def run(make, action):
    LOG.clear()
    g = make()
    next(g)
    try:
        if action == "throw":
            g.throw(ValueError("boom"))
        elif action == "close":
            g.close()
        else:
            g.send(T("sent"))
    except StopIteration as e:
        LOG.append("returned %r" % (e.value,))
    except ValueError as e:
        LOG.append("propagated %s" % e)
    del g
    return list(LOG)


def main():
    for make in (pending_list, pending_args):
        for action in ("throw", "close", "send"):
            print(make.__name__, action, run(make, action))
    LOG.clear()
    g = pending_loops()
    print(next(g), g.throw(KeyError), next(g))
    g.close()
    print(LOG)
    n = 0
    for i in range(300):
        n += len(run(pending_list, ("throw", "close", "send")[i % 3]))
        n += len(run(pending_args, ("throw", "close", "send")[i % 3]))
    print(n)


main()
