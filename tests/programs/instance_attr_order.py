# New attributes of instances whose values live in the class's shared-keys array: compiled
# code appends each first store to the instance's insertion order. vars()/__dict__ order per
# instance, stores in different orders, deletion and re-adding, more attributes than the shared
# keys hold, a dict made by reading __dict__ before the stores, and subclasses.


class Node:
    def __init__(self, i):
        if i % 3 == 0:
            self.a = i
            self.b = i + 1
        elif i % 3 == 1:
            self.b = i
            self.a = i + 1
        else:
            self.c = i
        self.last = -i


def orders(n):
    out = []
    for i in range(n):
        x = Node(i)
        out.append((list(vars(x)), x.last))
        if i % 7 == 0:
            del x.last
            x.last = "again"
            x.z = i
            out.append(list(vars(x).items()))
    return out


for _ in range(3):
    r = orders(30)
print(r)


class Wide:
    def __init__(self, n):
        for k in range(n):
            setattr(self, f"f{k}", k)
        self.tail = "tail"


def wide(n):
    w = Wide(n)
    return list(vars(w))[-3:], len(vars(w))


for n in (5, 29, 30, 31, 40):
    print(n, [wide(n) for _ in range(20)][-1])


class Peeked:
    def __init__(self, early):
        if early:
            self.__dict__
        self.x = 1
        self.y = 2


print([list(Peeked(i % 2 == 0).__dict__.items()) for i in range(20)][-2:])


class Base:
    def __init__(self):
        self.base = "b"


class Child(Base):
    def __init__(self, v):
        self.child = v
        super().__init__()


print([list(vars(Child(i))) for i in range(20)][-1])
