# A site the interpreter specialised to one attribute kind (a __slots__ member, the instance's
# values array) is compiled with that kind inline; later objects of other layouts at the same
# site (slots, values array, a dict that outgrew the shared keys, a property, a class
# attribute, a missing attribute) must still read and write the right attribute.


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x
        self.y = -x


class Plain:
    def __init__(self, x):
        self.x = x
        self.y = -x


class Wide:
    def __init__(self, x):
        for i in range(40):
            setattr(self, "a%d" % i, i)
        self.x = x
        self.y = -x


class Prop:
    @property
    def x(self):
        return "prop"

    y = "class y"


class Later:
    pass


def get_x(o):
    return o.x


def set_x(o, v):
    o.x = v
    return o.x


def both(o):
    o.y = o.x
    return o.y


def run(kinds, n):
    out = []
    for i in range(n):
        for k in kinds:
            o = k(i)
            out.append((get_x(o), set_x(o, i * 2), both(o)))
    return out[-len(kinds):]


def main():
    # The interpreter specialises on slots first, compiled code then meets the rest.
    print(run([Slotted], 150))
    print(run([Slotted, Plain, Wide], 50))
    for f in (get_x, both):
        try:
            print(f(Prop()))
        except AttributeError as e:
            print("AttributeError", e)
    try:
        print(set_x(Prop(), 1))
    except AttributeError as e:
        print("AttributeError", e)
    o = Later()
    try:
        get_x(o)
    except AttributeError as e:
        print("AttributeError", e)
    o.x = 5
    print(get_x(o), set_x(o, 6), both(o))
    # And the other way round: values array first.
    print(run([Plain], 150))
    print(run([Wide, Slotted, Plain], 50))
    s = Slotted(1)
    del s.x
    try:
        get_x(s)
    except AttributeError as e:
        print("AttributeError", e)
    p = Plain(1)
    p.__dict__.clear()
    try:
        get_x(p)
    except AttributeError as e:
        print("AttributeError", e)
    print(set_x(p, 9), both(p))


main()
