# Assignment expressions.
import re


def chunks(data, size):
    out = []
    i = 0
    while (chunk := data[i:i + size]):
        out.append(sum(chunk))
        i += size
    return out


def filtered(n):
    return [y for x in range(n) if (y := x * x % 17) > 8]


def first_match(lines):
    for line in lines:
        if (m := re.match(r"(\w+)=(\d+)", line)) is not None:
            return m.group(1), int(m.group(2))
    return None


def main():
    print(chunks(list(range(100)), 7))
    t = 0
    for _ in range(200):
        t += len(filtered(100))
    print(t, filtered(20))
    print(first_match(["nope", "  x=1", "key=42", "z=3"]))
    n = 0
    total = 0
    while (n := n + 1) < 1000:
        total += n
    print(n, total)
    vals = [(last := v) for v in range(5)]
    print(vals, last)
    if (k := len(vals)) > 3:
        print("k is", k)
    print([(a := i, a * 2) for i in range(3)], a)


main()
