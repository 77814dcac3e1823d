# `x[a:b]` compiles BUILD_SLICE 2 and BINARY_SUBSCR as one call that slices exact lists,
# tuples and strings by int/None bounds without a slice object; everything else (subclasses,
# __index__ bounds, bools, other containers, errors) must behave exactly as the interpreter's
# generic path, including which line a traceback names.
import sys


class MyList(list):
    def __getitem__(self, k):
        return ("MyList", type(k).__name__, k.start, k.stop, k.step)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class Sliceable:
    def __getitem__(self, k):
        return ("Sliceable", k)


class Noisy:
    def __del__(self):
        print("Noisy freed")


def slices(seq, a, b):
    return [seq[a:b], seq[:b], seq[a:], seq[:], seq[a:-1], seq[b:a], seq[a:b:2]]


def nested(m, i):
    # A slice of a slice, and a slice as a call argument.
    return m[i:][1:i], len(m[:i]), str(m[i:i + 2])


def fresh():
    return [Noisy(), 1, 2]


def temporary_container():
    # The container's last reference goes with the subscript.
    r = fresh()[1:]
    print("after slice", r)


def errors(seq, a, b):
    try:
        return seq[a:b]
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def traced_line(seq):
    x = 1
    return seq[
        x:
        None
    ]


def main():
    big = 10 ** 30
    cases = [
        ([0, 1, 2, 3, 4, 5], 1, 4), ((0, 1, 2, 3, 4, 5), 2, 5), ("hello, world", 3, 8),
        ("héllo wörld ✓", 2, 9), ([], 0, 3), ((), 1, 2), ("", 0, 1), ([1, 2, 3], 5, 9), ("abc", -2, -1),
        ([1, 2, 3], big, -big), ((1, 2, 3), -big, big), ("abcdef", None, None), ([1, 2, 3], None, 2),
        ([1, 2, 3], True, 3), ("abcdef", Idx(1), Idx(4)), ((9, 8, 7), False, Idx(2)),
        (MyList([1, 2, 3]), 1, 2), (bytearray(b"abcdef"), 1, 3), (b"abcdef", 2, None),
        (range(10), 2, 7), (Sliceable(), "x", 2.5), (memoryview(b"xyz"), 1, 2),
    ]
    for _ in range(300):
        for seq, a, b in cases:
            r = slices(seq, a, b)
    for seq, a, b in cases:
        r = slices(seq, a, b)
        print(type(seq).__name__, a if not isinstance(a, Idx) else "Idx", [x if not isinstance(x, memoryview) else x.tobytes() for x in r])
    t = (1, 2, 3)
    print("same tuple", t[:] is t, t[0:3] is t, t[0:] is t, t[1:] is t)
    s = "abc"
    print("same str", s[:] is s, s[0:3] is s, s[5:] == "", s[1:1] is ""[:])
    lst = [1, 2]
    print("new list", lst[:] is not lst, lst[:] == lst)
    for _ in range(200):
        nested([1, 2, 3, 4, 5], 2)
    print("nested", nested([1, 2, 3, 4, 5], 2), nested("abcdef", 3))
    for args in [([1, 2], "a", 2), ("abc", 1.5, 2), ((1, 2), 1, []), (5, 1, 2), (None, 0, 1), ({}, 1, 2), ({1: 2}, None, None)]:
        for _ in range(150):
            errors([1, 2, 3], 0, 2)
        print("errors", type(args[0]).__name__, errors(*args))
    temporary_container()
    for _ in range(200):
        traced_line("abcdef")
    print("traced", traced_line("abcdef"))
    try:
        (lambda seq: seq[1:2])(42)
    except TypeError as e:
        print("lambda", e)
    import traceback
    try:
        errors_raw = [None]
        for _ in range(200):
            try:
                errors_raw[0][1:2]
            except TypeError:
                pass
        errors_raw[0][1:2]
    except TypeError:
        traceback.print_exc(file=sys.stdout)


main()
