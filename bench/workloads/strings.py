"""String-heavy code: building with join and +=, splitting, f-strings and str.format, %-format,
and the common str methods (strip, replace, find, startswith, partition, upper/lower...)."""

import zlib

DEFAULT_N = 40_000

WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
         "rho sigma tau upsilon phi chi psi omega").split()


def make_lines(n):
    lines = []
    for i in range(n):
        w1 = WORDS[i % len(WORDS)]
        w2 = WORDS[(i * 7) % len(WORDS)]
        lines.append(f"  {i:06d}; {w1.capitalize()} , {w2} ; value={i * 3.25:.2f} ; flag={i % 3 == 0}  ")
    return lines


def parse_line(line):
    ident, name, rest = line.strip().split(";", 2)
    first, _, second = name.partition(",")
    fields = {}
    for part in rest.split(";"):
        key, _, value = part.strip().partition("=")
        fields[key] = value
    return int(ident), first.strip().lower(), second.strip(), float(fields["value"]), fields["flag"] == "True"


def render(record):
    ident, a, b, value, flag = record
    tag = "Y" if flag else "n"
    return "{:>8}|{:<10}|{:^10}|{:10.3f}|{}".format(ident, a, b.upper(), value, tag)


def transform(text):
    out = text.replace("a", "4").replace("e", "3")
    if out.startswith("  "):
        out = out.lstrip()
    if out.endswith("|Y"):
        out = out[:-2] + "|yes"
    idx = out.find("|")
    return out[idx + 1:] + "#" + out[:idx]


def build_report(records):
    # += on a local string is the idiom CPython special-cases; keep it in the workload.
    s = ""
    for ident, a, b, value, flag in records:
        if ident % 10 == 0:
            s += "%s-%s:%d;" % (a[:3], b[-3:], ident)
    return s


def word_stats(lines):
    counts = {}
    for line in lines:
        for word in line.lower().split():
            word = word.strip(",;")
            if word.isalpha():
                counts[word] = counts.get(word, 0) + 1
    return ",".join(f"{w}:{c}" for w, c in sorted(counts.items()))


def run(n=DEFAULT_N):
    lines = make_lines(n)
    records = [parse_line(line) for line in lines]
    rendered = [transform(render(r)) for r in records]
    joined = "\n".join(rendered)
    report = build_report(records)
    stats = word_stats(lines)
    splitted = sum(len(line.split("|")) for line in joined.splitlines())
    return (
        len(joined),
        zlib.crc32(joined.encode()),
        zlib.crc32(report.encode()),
        zlib.crc32(stats.encode()),
        splitted,
        joined.count("yes"),
    )
