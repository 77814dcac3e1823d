"""Seeded differential fuzzing of control flow: nested try/except/else/finally, with
blocks, for/while loops with break/continue/else, return inside finally, raise, bare
re-raise and raise-from, generated as random statement trees.

Each generated function appends to a log as it runs, for several inputs that decide
which branches raise; the log, the return value or the escaping exception (type, message,
__context__/__cause__ types) are checksummed and printed with the function's number.
"""
import random
import zlib


class CM:
    def __init__(self, log, tag, swallow):
        self.log, self.tag, self.swallow = log, tag, swallow

    def __enter__(self):
        self.log.append("enter%s" % self.tag)
        return self.tag

    def __exit__(self, et, ev, tb):
        self.log.append("exit%s:%s" % (self.tag, et.__name__ if et else "-"))
        return self.swallow and et is KeyError


class E1(Exception):
    pass


class E2(E1):
    pass


def gen_block(rng, depth, ind, in_loop, counter):
    lines = []
    for _ in range(rng.randint(1, 3)):
        lines.extend(gen_stmt(rng, depth, ind, in_loop, counter))
    return lines


def gen_stmt(rng, depth, ind, in_loop, counter):
    counter[0] += 1
    tag = counter[0]
    pad = "    " * ind
    k = rng.random()
    if depth == 0 or k < 0.25:
        choices = [
            "log.append(%d)" % tag,
            "if x %% %d == %d: raise E%d('e%d')" % (rng.randint(2, 4), rng.randint(0, 1), rng.randint(1, 2), tag),
            "if x %% 3 == %d: raise KeyError(%d)" % (rng.randint(0, 2), tag),
            "x += %d" % rng.randint(1, 3),
            "if x %% 5 == %d: return ('ret', %d, x)" % (rng.randint(0, 4), tag),
        ]
        if in_loop:
            choices += ["if x %% 2: continue", "if x > %d: break" % rng.randint(3, 9)]
        return [pad + rng.choice(choices)]
    if k < 0.45:
        out = [pad + "try:"] + gen_block(rng, depth - 1, ind + 1, in_loop, counter)
        exc = rng.choice(["E1", "E2", "KeyError", "(E2, KeyError)", "Exception"])
        out += [pad + "except %s as e%d:" % (exc, tag), pad + "    log.append(('caught', %d, type(e%d).__name__))" % (tag, tag)]
        r = rng.random()
        if r < 0.2:
            out.append(pad + "    raise")
        elif r < 0.35:
            out.append(pad + "    raise E1('from %d') from e%d" % (tag, tag))
        elif r < 0.45:
            out.append(pad + "    raise E2('ctx %d')" % tag)
        if rng.random() < 0.3:
            out += [pad + "else:"] + gen_block(rng, depth - 1, ind + 1, in_loop, counter)
        if rng.random() < 0.5:
            out += [pad + "finally:", pad + "    log.append(('fin', %d))" % tag]
            if rng.random() < 0.15:
                out.append(pad + "    return ('fin-ret', %d)" % tag)
        return out
    if k < 0.6:
        out = [pad + "try:"] + gen_block(rng, depth - 1, ind + 1, in_loop, counter)
        out += [pad + "finally:"] + gen_block(rng, depth - 1, ind + 1, in_loop, counter)
        return out
    if k < 0.75:
        return ([pad + "with CM(log, %d, %s):" % (tag, rng.random() < 0.5)]
                + gen_block(rng, depth - 1, ind + 1, in_loop, counter))
    if k < 0.9:
        out = [pad + "for i%d in range(%d):" % (tag, rng.randint(1, 4)), pad + "    x += 1"]
        out += gen_block(rng, depth - 1, ind + 1, True, counter)
        if rng.random() < 0.4:
            out += [pad + "else:", pad + "    log.append(('for-else', %d))" % tag]
        return out
    out = [pad + "n%d = 0" % tag, pad + "while n%d < %d:" % (tag, rng.randint(1, 3)), pad + "    n%d += 1" % tag, pad + "    x += 1"]
    out += gen_block(rng, depth - 1, ind + 1, True, counter)
    return out


def describe(e):
    return (type(e).__name__, str(e), type(e.__context__).__name__ if e.__context__ else None,
            type(e.__cause__).__name__ if e.__cause__ else None)


def main():
    rng = random.Random(77)
    ns = {"CM": CM, "E1": E1, "E2": E2}
    total = 0
    for idx in range(150):
        body = gen_block(rng, 3, 1, False, [0])
        src = "def h%d(x, log):\n%s\n    return ('end', x)\n" % (idx, "\n".join(body))
        try:
            exec(src, ns)
        except SyntaxError as e:
            print(idx, "SyntaxError", e.msg)
            continue
        fn = ns["h%d" % idx]
        results = []
        for rep in range(8):
            for x in range(12):
                log = []
                try:
                    r = fn(x, log)
                except Exception as e:
                    r = describe(e)
                if rep == 0:
                    results.append((r, log))
        crc = zlib.crc32(repr(results).encode())
        total = (total * 31 + crc) % 2 ** 32
        print(idx, "%08x" % crc, len(body))
    print("total %08x" % total)


main()
