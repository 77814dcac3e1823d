"""Objects with __del__ sitting on the value stack or in locals when a compiled function
raises, returns early, or is left for the interpreter; destruction order is printed.

Refcounting makes the order deterministic: each exit path must release exactly the
references the interpreter would, at the same moment, so the log of __del__ calls and the
point where they happen (before/after the handler runs) must match stock.
"""

LOG = []


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        LOG.append("del " + self.name)

    def __add__(self, other):
        if isinstance(other, Tracked) and other.name == "bad":
            raise ValueError("cannot add " + self.name)
        return Tracked(self.name + "+")

    def __getitem__(self, k):
        if k < 0:
            raise IndexError(k)
        return Tracked("%s[%d]" % (self.name, k))


def make(name):
    return Tracked(name)


def raise_mid_expression(i):
    return [make("a%d" % i), make("b%d" % i), make("c") + make("bad")]


def raise_in_call_args(i):
    return max(make("x%d" % i), make("y")[-1], key=id)


def early_return(i):
    t = make("local%d" % i)
    if i % 2:
        return "early"
    u = t + make("other")
    return "late " + u.name


def handler_sees(i):
    try:
        raise_mid_expression(i)
    except ValueError:
        LOG.append("handler %d" % i)


def in_loop(n):
    out = []
    for i in range(n):
        try:
            out.append((make("p%d" % i) + make("bad" if i % 3 == 0 else "ok")).name)
        except ValueError as e:
            LOG.append("caught " + str(e))
    return out


def main():
    for i in range(3):
        handler_sees(i)
    print(LOG)
    LOG.clear()
    try:
        raise_in_call_args(1)
    except IndexError as e:
        LOG.append("index error %s" % e)
    print(LOG)
    LOG.clear()
    print([early_return(i) for i in range(4)], LOG)
    LOG.clear()
    print(in_loop(6))
    print(LOG)
    LOG.clear()
    for i in range(300):
        handler_sees(i)
        early_return(i)
        in_loop(2)
    print(len(LOG), LOG[-6:])


main()
