"""dataclasses in hot code: frozen/order/slots, default_factory, __post_init__, replace, asdict.

Covers generated __init__/__eq__/__lt__/__hash__/__repr__, FrozenInstanceError messages,
InitVar and field(init=False), kw_only fields, inheritance of fields, dataclasses.fields
and astuple, and sorting/hashing many instances.
"""
import dataclasses
from dataclasses import InitVar, dataclass, field


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0

    def bump(self):
        return dataclasses.replace(self, patch=self.patch + 1)


@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    total: int = field(init=False, default=0)
    scale: InitVar[int] = 1

    def __post_init__(self, scale):
        self.total = sum(self.items) * scale


@dataclass(slots=True)
class Slotted:
    x: int
    y: int

    def norm1(self):
        return abs(self.x) + abs(self.y)


@dataclass(kw_only=True)
class Opts:
    verbose: bool = False
    level: int = 1


@dataclass
class Base:
    a: int
    b: str = "b"


@dataclass
class Derived(Base):
    c: float = 1.5


def main():
    vs = [Version(i % 3, i % 5, i % 7) for i in range(300)]
    vs.sort()
    print(vs[0], vs[-1], len(set(vs)), Version(1) < Version(1, 0, 1), Version(2) == Version(2, 0, 0))
    v = Version(1, 2, 3)
    for _ in range(300):
        v = v.bump()
    print(v, hash(Version(1, 2)) == hash(Version(1, 2)))
    try:
        v.major = 5
    except dataclasses.FrozenInstanceError as e:
        print("FrozenInstanceError:", e)
    inv = [Inventory("n%d" % i, list(range(i % 6)), scale=2) for i in range(300)]
    print(sum(x.total for x in inv), inv[5], Inventory("e").items is not Inventory("f").items)
    try:
        Inventory("x", total=3)
    except TypeError as e:
        print("TypeError:", e)
    s = sum(Slotted(i, -i).norm1() for i in range(500))
    print(s, hasattr(Slotted(1, 2), "__dict__"), Slotted.__slots__)
    print(Opts(level=3), Opts())
    try:
        Opts(True)
    except TypeError as e:
        print("TypeError:", e)
    d = Derived(1)
    print(d, [f.name for f in dataclasses.fields(d)], dataclasses.asdict(d), dataclasses.astuple(d))
    print(dataclasses.is_dataclass(d), dataclasses.is_dataclass(5))
    try:
        @dataclass
        class Bad:
            x: int = 0
            y: int
    except TypeError as e:
        print("TypeError:", e)
    try:
        @dataclass
        class Mut:
            x: list = []
    except ValueError as e:
        print("ValueError:", e)


main()
