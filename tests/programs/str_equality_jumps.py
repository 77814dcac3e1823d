# `if s == t` / `if s != t` on strs, which compiled code decides inline where the interpreter
# specialised COMPARE_OP_STR_JUMP: the same object, equal strs built separately, different
# lengths and kinds (latin-1, UCS-2, UCS-4), the empty str, characters taken from a str, str
# subclasses with their own __eq__, and other types meeting a str at a warmed-up site.


class Loud(str):
    def __eq__(self, other):
        return "loud"

    def __ne__(self, other):
        return ""

    __hash__ = str.__hash__


def scan(src):
    counts = [0, 0, 0]
    for ch in src:
        if ch == "[":
            counts[0] += 1
        elif ch != "]":
            counts[1] += 1
        else:
            counts[2] += 1
    return counts


def same(a, b):
    if a == b:
        r = "eq"
    else:
        r = "ne"
    if a != b:
        return r + "/ne"
    return r + "/eq"


words = ["abc", "ab" + "c", "abd", "", "é", "\u20ac", "\U0001F600", "abc" * 100, "x"]
for _ in range(60):
    out = scan("[a[b]]]c" * 20)
    pairs = [same(a, b) for a in words for b in words]
print(out, pairs.count("eq/eq"), pairs.count("ne/ne"), pairs[:12])
print(same(Loud("abc"), "abc"), same("abc", Loud("abc")), same("abc", 5), same(5, 5), same("1", 1))
print(same("".join(["a", "b", "c"]), "abc"), same("é".encode("utf-8").decode("utf-8"), "é"))
