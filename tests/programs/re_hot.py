"""re in hot loops: compiled patterns, groups, named groups, sub with callables and
backreferences, finditer spans, split with groups, flags, lookarounds, fullmatch, and
re.error messages.
"""
import re

LOG = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2}) (?P<level>[A-Z]+) (?P<msg>.*?)(?: \[(?P<code>\d+)\])?$")
WORD = re.compile(r"\b(\w)(\w*)\b")


def parse(lines):
    out = []
    for line in lines:
        m = LOG.match(line)
        if m:
            out.append((m["level"], m.group("code"), len(m.group("msg")), m.span("msg")))
    return out


def title(s):
    return WORD.sub(lambda m: m.group(1).upper() + m.group(2).lower(), s)


def main():
    lines = ["2024-01-%02d %s message number %d%s" % (i % 28 + 1, ("INFO", "WARN", "ERROR")[i % 3], i,
                                                     " [%d]" % (i * 7) if i % 4 == 0 else "") for i in range(300)]
    lines.append("garbage line")
    res = parse(lines)
    print(len(res), res[:3], sum(int(c) for _, c, _, _ in res if c))
    print(title("hELLO wORLD, it's a tEST"), sum(len(title(l)) for l in lines))
    print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@host ann@box"), re.sub(r"a", "b", "aaa", count=2))
    print([m.span() for m in re.finditer(r"\d+", "a12b345c6")], re.findall(r"(\w)(\d)", "a1b2c"))
    print(re.split(r"(,)\s*", "a, b,c"), re.split(r"\s+", " x  y "), re.fullmatch(r"\d+", "123x"))
    print(re.search(r"(?<=\$)\d+(?=\.)", "cost $42.50").group(), re.findall(r"(?i)ab", "AB ab aB"))
    print(re.match(r"(a)|(b)", "b").groups(), re.match(r"(a)|(b)", "b").groups("-"), re.escape("a.b*c"))
    print(re.subn(r"\s", "_", "a b c"), re.compile(r"x", re.I | re.M).flags & (re.I | re.M))
    m = re.match(r"(?P<a>x)(?P<b>y)?", "x")
    print(m.groupdict(), m.lastindex, m.lastgroup, m.expand(r"[\g<a>]"))
    for bad in ["(", "a{2,1}", "[z-a]", "(?P<1>x)", "\\"]:
        try:
            re.compile(bad)
        except re.error as e:
            print("re.error:", e.msg, e.pos)
    total = 0
    for i in range(300):
        total += len(re.findall(r"[aeiou]", lines[i])) + (re.search(r"ERROR", lines[i]) is not None)
    print(total)


main()
