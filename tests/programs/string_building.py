# Building strings with +=, join, and repetition.


def concat(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s


def joined(n):
    return ",".join(str(i) for i in range(n))


def table(rows, cols):
    lines = []
    for r in range(rows):
        line = ""
        for c in range(cols):
            line += "%3d" % (r * c)
        lines.append(line)
    return "\n".join(lines)


def caesar(s, k):
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        else:
            out.append(ch)
    return "".join(out)


def main():
    s = concat(3000)
    print(len(s), s[:20], s[-5:])
    j = joined(1000)
    print(len(j), j[-15:])
    print(table(5, 8))
    msg = "hello, world of jit compilers"
    for k in range(100):
        msg = caesar(msg, 3)
    print(msg)
    print("-" * 20, "ab" * 3, 3 * "x", "" * 100 == "")
    parts = []
    for i in range(200):
        parts.append("<%s>" % ("=" * (i % 5)))
    print("".join(parts)[:60])
    b = "é字" * 3 + "\u00e9"
    print(b, len(b), b.encode("utf-8"), ascii(b))
    r = []
    for i in range(100):
        r.append(f"{i:02d}")
    print(" ".join(r[::10]))


main()
