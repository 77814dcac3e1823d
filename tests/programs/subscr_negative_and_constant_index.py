# List and tuple subscripts with negative, constant and out-of-range indices, read and
# written, on sites that also see other containers and index types.


class Seq:
    def __getitem__(self, i):
        return ("seq", i)

    def __setitem__(self, i, v):
        print("set", i, v)


def read(c, i):
    try:
        return c[i]
    except (IndexError, TypeError, KeyError) as e:
        return f"{type(e).__name__}: {e}"


def write(c, i, v):
    try:
        c[i] = v
        return c if not isinstance(c, Seq) else "seq"
    except (IndexError, TypeError) as e:
        return f"{type(e).__name__}: {e}"


def constants(c):
    out = []
    for f in (lambda: c[0], lambda: c[-1], lambda: c[1], lambda: c[-2], lambda: c[-7], lambda: c[6]):
        try:
            out.append(f())
        except (IndexError, TypeError, KeyError) as e:
            out.append(type(e).__name__)
    return out


def swap_ends(lst):
    for _ in range(3):
        lst[0], lst[-1] = lst[-1], lst[0]
        lst[-2] += 10
    return lst


def rotate(items, j):
    # As nqueens' permutations: indices[i], indices[-j] = indices[-j], indices[i]
    for i in range(len(items)):
        items[i], items[-j] = items[-j], items[i]
    return items


def main():
    lst = [10, 20, 30, 40, 50]
    tup = (1, 2, 3)
    indices = [0, 1, -1, -2, -5, -6, 4, 5, 2**29, -(2**29), 2**40, -(2**40), True, False, 1.0, None]
    for c in (lst, tup, "abcde", {0: "a", -1: "b"}, Seq(), b"xyz", range(4)):
        print([read(c, i) for i in indices])
        print(constants(c))
    for i in indices:
        print(i, write(list(lst), i, "v"), write(tup, i, "v"))
    print(write({}, -1, 2), write(Seq(), -3, "w"), write(bytearray(b"ab"), -1, 65))
    print(swap_ends([1, 2, 3, 4]), swap_ends([5, 6]))
    for j in range(1, 6):
        print(rotate(list(range(6)), j))
    empty = []
    print(read(empty, -1), write(empty, -1, 0), constants(empty), constants(()))


main()
