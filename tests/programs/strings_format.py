# String methods and %-formatting / str.format.


def fmt_row(i, name, value):
    return "%-5d|%8s|%10.3f|%x|%o|%e" % (i, name, value, i * 255, i, value)


def fmt_new(i, name, value):
    return "{0:>4}:{1:<6}:{2:^10.2f}:{3:+d}:{0:08b}".format(i, name, value, -i)


def transform(s):
    s = s.upper().replace("A", "4").strip()
    parts = s.split("-")
    return "/".join(p[::-1] for p in parts).center(20, "*")


def main():
    names = ["alpha", "beta", "gamma", "delta", "epsilon"]
    out = []
    for i in range(300):
        n = names[i % 5]
        out.append(fmt_row(i, n, i / 7))
    print(out[0])
    print(out[123])
    print(out[-1])
    print(len("".join(out)))
    acc = 0
    for i in range(300):
        s = fmt_new(i, names[i % 5], i * 1.25)
        acc += len(s) + s.count("0")
    print("acc", acc, fmt_new(42, "x", 3.14159))
    for w in [" a-b-c ", "banana-split", "x", "alpha--omega"]:
        print(repr(transform(w)))
    cnt = 0
    for i in range(1000):
        s = str(i)
        if s.startswith("1") or s.endswith("7"):
            cnt += 1
        if s.isdigit() and s.find("9") >= 0:
            cnt += 2
    print("cnt", cnt)
    print("a,b,,c".split(","), "  x  y ".split(), "abc".partition("b"), "Hello World".swapcase())
    print("%s %r %5.1f%%" % ("s", "r", 99.44), "{:,}".format(1234567890), "{!r:>10}".format("q"))
    print("tab\there".expandtabs(4), "abc".zfill(6), "-42".zfill(6), "x".ljust(3, ".") + "|")


main()
