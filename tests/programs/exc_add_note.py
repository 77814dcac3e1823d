"""Exception notes (add_note / __notes__) and their display in uncaught tracebacks.

Covers add_note on caught exceptions in hot handlers, non-str notes (TypeError), notes on
exception groups, notes added in several handlers while re-raising, and an uncaught
exception with notes printed at exit.
"""


def parse(rec):
    key, _, val = rec.partition("=")
    try:
        return key, int(val)
    except ValueError as e:
        e.add_note("while parsing %r" % rec)
        raise


def load(lines):
    out = {}
    for n, line in enumerate(lines):
        try:
            k, v = parse(line)
        except ValueError as e:
            e.add_note("line %d" % (n + 1))
            raise
        out[k] = v
    return out


def main():
    ok = 0
    notes = None
    for i in range(300):
        lines = ["a=1", "b=2", "c=%s" % ("x" if i % 3 == 0 else i)]
        try:
            ok += sum(load(lines).values())
        except ValueError as e:
            notes = e.__notes__
    print(ok, notes)
    e = KeyError("k")
    try:
        e.add_note(5)
    except TypeError as te:
        print("TypeError:", te)
    print(hasattr(e, "__notes__"))
    e.__notes__ = ["manual"]
    e.add_note("second")
    print(e.__notes__)
    eg = ExceptionGroup("grp", [ValueError(1), TypeError(2)])
    eg.exceptions[0].add_note("sub note")
    eg.add_note("group note")
    m, rest = eg.split(ValueError)
    print(m.__notes__, m.exceptions[0].__notes__, rest.__notes__)
    load(["z=9", "y=oops"])


main()
