# Method calls on instances whose attributes live in a dict of their own (more attributes than
# the shared keys hold, or __dict__ read early, or assigned), which compiled code checks for a
# shadowing attribute by probing that dict: methods found, methods shadowed by an instance
# attribute (set before or after the site warmed up, then deleted), names colliding in the
# dict's index, dict subclasses as __dict__, and deleted entries left as dummies.


class Wide:
    def __init__(self, n):
        for k in range(n):
            setattr(self, f"a{k}", k)

    def total(self):
        return sum(v for k, v in vars(self).items() if k.startswith("a"))

    def name(self):
        return "Wide.name"


class Peeked:
    def __init__(self):
        self.__dict__
        self.x = 1

    def name(self):
        return "Peeked.name"

    def total(self):
        return self.x


class SubDict(dict):
    def __getitem__(self, k):
        raise AssertionError("not called by attribute lookups")


def call_both(objs):
    out = []
    for o in objs:
        out.append(o.name())
        out.append(o.total())
    return out


def run():
    wides = [Wide(n) for n in (3, 9, 40, 130)]
    peeked = [Peeked() for _ in range(3)]
    results = []
    for i in range(60):
        results.append(call_both(wides + peeked))
    print(results[-1])

    # Shadowed after warm-up, by a plain value and by a callable; then unshadowed again.
    w = wides[2]
    w.name = lambda: "instance lambda"
    print(call_both([w]))
    w.__dict__["total"] = lambda: -1
    print(call_both([w]))
    del w.name
    del w.total
    print(call_both([w]))

    # Many attributes deleted (dummy index slots) and re-added under other names.
    big = Wide(100)
    for k in range(0, 100, 2):
        delattr(big, f"a{k}")
    for i in range(40):
        r = call_both([big])
    print(r)
    setattr(big, "name", lambda: "late shadow")
    print(call_both([big]))

    # A dict subclass as __dict__: lookups read its storage, never its methods.
    p = Peeked()
    p.__dict__ = SubDict(x=7)
    for i in range(40):
        r = call_both([p])
    print(r)
    p.__dict__["name"] = lambda: "shadow in subclass dict"
    print(call_both([p]))

    # A non-callable shadow raises as in the interpreter.
    q = Peeked()
    q.name = 5
    try:
        call_both([q])
    except TypeError as e:
        print("TypeError:", e)


run()
