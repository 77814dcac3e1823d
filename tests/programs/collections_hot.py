"""collections in hot loops: Counter arithmetic and most_common, deque rotation/maxlen,
defaultdict factories, OrderedDict move_to_end/popitem (an LRU cache), ChainMap scoping,
namedtuple methods, UserDict/UserList subclasses.
"""
import collections
from collections import ChainMap, Counter, OrderedDict, defaultdict, deque, namedtuple


class LRU:
    def __init__(self, cap):
        self.cap = cap
        self.d = OrderedDict()
        self.hits = self.misses = 0

    def get(self, k, compute):
        if k in self.d:
            self.d.move_to_end(k)
            self.hits += 1
            return self.d[k]
        self.misses += 1
        v = compute(k)
        self.d[k] = v
        if len(self.d) > self.cap:
            self.d.popitem(last=False)
        return v


class Lower(collections.UserDict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)


Rec = namedtuple("Rec", "name score tags", defaults=((),))


def main():
    text = "the quick brown fox jumps over the lazy dog the end " * 30
    c = Counter(text.split())
    print(c.most_common(3), c["missing"], sum(c.values()), len(c))
    c2 = Counter("abracadabra")
    print(c2 - Counter("aab"), c2 & Counter("aaz"), c2 | Counter("zzz"), +Counter({"a": -1, "b": 2}))
    print(sorted(c2.elements())[:6], c2.total())
    d = deque(range(10), maxlen=7)
    d.rotate(3)
    d.appendleft(-1)
    print(d, d.maxlen, d.index(5), d.count(2))
    dd = defaultdict(list)
    for i in range(300):
        dd[i % 7].append(i)
    print({k: len(v) for k, v in sorted(dd.items())}, dd.default_factory.__name__)
    lru = LRU(16)
    for i in range(2000):
        lru.get((i * 7) % (23 if i < 1000 else 37), lambda k: k * k)
    print(lru.hits, lru.misses, list(lru.d)[:5])
    base = {"a": 1, "b": 2}
    cm = ChainMap({}, base)
    child = cm.new_child({"a": 10})
    child["c"] = 3
    print(child["a"], cm["a"], dict(child), child.maps[0], len(child.parents.maps))
    recs = [Rec("n%d" % i, i % 10) for i in range(300)]
    best = max(recs, key=lambda r: (r.score, r.name))
    print(best, best._asdict(), Rec._fields, recs[0]._replace(score=99), Rec._make(["x", 1, ("t",)]))
    lw = Lower()
    lw["KEY"] = 1
    print(lw, "key" in lw)
    try:
        Rec()
    except TypeError as e:
        print("TypeError:", e)
    try:
        deque().pop()
    except IndexError as e:
        print("IndexError:", e)


main()
