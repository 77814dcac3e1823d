"""enum in hot loops: Enum/IntEnum/Flag/IntFlag/StrEnum, auto, lookup by value and name,
aliases, iteration, members in match statements, and error messages.
"""
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1


class Perm(enum.Flag):
    R = enum.auto()
    W = enum.auto()
    X = enum.auto()
    RW = R | W


class Level(enum.IntEnum):
    LOW = 10
    MID = 20
    HIGH = 30


class Mode(enum.StrEnum):
    FAST = enum.auto()
    SLOW = enum.auto()


class Planet(enum.Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


def describe(c):
    match c:
        case Color.RED:
            return "warm"
        case Color.GREEN | Color.BLUE:
            return "cool"


def main():
    t = 0
    counts = {}
    for i in range(600):
        c = Color(i % 3 + 1)
        counts[describe(c)] = counts.get(describe(c), 0) + 1
        t += c.value + Level(10 * (i % 3 + 1)) + len(Color[c.name].name)
        p = Perm(i % 8)
        t += len(list(p)) + (Perm.W in p)
    print(t, counts)
    print(list(Color), Color.CRIMSON is Color.RED, Color.CRIMSON.name, list(Color.__members__))
    print(Perm.R | Perm.X, Perm.RW, ~Perm.R, Perm(0), bool(Perm(0)), Perm.RW & Perm.W)
    print(Level.LOW < Level.HIGH, Level.MID + 1, sorted([Level.HIGH, Level.LOW]), int(Level.MID))
    print(Mode.FAST, Mode.SLOW.upper(), Mode("fast") is Mode.FAST, f"{Mode.FAST}")
    print(round(Planet.EARTH.gravity, 3), Planet.MERCURY.value)
    for bad in (lambda: Color(7), lambda: Color["PINK"], lambda: Level(11)):
        try:
            bad()
        except (ValueError, KeyError) as e:
            print(type(e).__name__, e)
    try:
        Color.RED = 5
    except AttributeError as e:
        print("AttributeError:", e)
    Dyn = enum.Enum("Dyn", "A B C")
    print(list(Dyn), Dyn.B.value, repr(Dyn.C))
    try:
        class Bad(enum.Enum):
            A = 1
            A = 2
    except TypeError as e:
        print("TypeError:", e)


main()
