# dataclasses and namedtuples.
from dataclasses import dataclass, field, replace, asdict
from collections import namedtuple
from typing import NamedTuple


@dataclass(order=True)
class Item:
    priority: int
    name: str = field(compare=False)
    tags: list = field(default_factory=list, compare=False)

    def bump(self):
        self.priority += 1


@dataclass(frozen=True)
class Frozen:
    a: int
    b: int = 2


Pair = namedtuple("Pair", "left right")


class Coord(NamedTuple):
    lat: float
    lon: float = 0.0

    def flip(self):
        return Coord(self.lon, self.lat)


def main():
    items = [Item(i * 31 % 17, "item%d" % i) for i in range(300)]
    for it in items:
        if it.priority % 2:
            it.bump()
    items.sort()
    print(items[0], items[-1].priority, items[5] == Item(items[5].priority, "other"))
    print(asdict(items[0]), replace(items[0], name="new"))
    f = Frozen(1)
    try:
        f.a = 5
    except Exception as e:
        print(type(e).__name__, e)
    print(f, hash(f) == hash(Frozen(1, 2)), f == Frozen(1))
    pairs = [Pair(i, -i) for i in range(500)]
    s = 0
    for p in pairs:
        l, r = p
        s += p.left * 2 + r + p[1]
    print(s, pairs[3], pairs[3]._asdict(), pairs[3]._replace(left=9))
    c = Coord(1.5)
    for _ in range(101):
        c = c.flip()
    print(c, c._fields, Coord._field_defaults)


main()
