# `s += x` on locals: in-place string growth, aliasing (s += s), non-str operands, errors.
def build(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s


def doubling(n):
    s = "ab"
    for _ in range(n):
        s += s
    return len(s), s[:8]


def aliased(n):
    s = "x"
    for _ in range(n):
        t = s
        s += "y"
        assert t != s
    return s, t


def mixed(items):
    acc = items[0]
    for x in items[1:]:
        acc += x
    return acc


def bad():
    s = "a"
    try:
        s += 1
    except TypeError as e:
        print("TypeError:", e)
    return s


print(len(build(5000)), build(12))
print(doubling(10))
print(aliased(5))
print(mixed([1, 2, 3]), mixed([[1], [2], [3]]), mixed(["a", "b"]), mixed([(1,), (2,)]))
print(bad())
for _ in range(3):
    print(build(20)[-5:])
