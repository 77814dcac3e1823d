# locals() inside functions.


def simple(a, b):
    c = a + b
    return sorted(locals().items())


def loop_locals(n):
    snapshots = []
    total = 0
    for i in range(n):
        total += i
        if i % 250 == 0:
            snapshots.append(sorted(locals().items()))
    return snapshots


def with_closure(x):
    y = x * 2

    def inner():
        return x + y

    return sorted(k for k in locals()), inner()


def unbound_not_listed(flag):
    if flag:
        later = 1
    return sorted(locals())


def modify_locals():
    a = 1
    loc = locals()
    loc["a"] = 99
    return a, loc["a"]


def main():
    r = None
    for i in range(500):
        r = simple(i, 2)
    print(r)
    snaps = loop_locals(1000)
    for s in snaps:
        print(s)
    print(with_closure(3))
    print(unbound_not_listed(0), unbound_not_listed(1))
    print(modify_locals())
    print(sorted(k for k in vars() if not k.startswith("__")))


main()
