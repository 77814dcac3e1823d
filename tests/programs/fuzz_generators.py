"""Seeded differential fuzzing of generators: random generator bodies with yields inside
try/except/finally, with blocks, loops and yield from, driven by random sequences of
next/send/throw/close.

Every step's outcome (yielded value, StopIteration value, escaping exception) and the
generator's log are checksummed per generated generator and printed.
"""
import random
import sys
import zlib

UNRAISABLE = []
sys.unraisablehook = lambda u: UNRAISABLE.append((type(u.exc_value).__name__, str(u.exc_value)))


class CM:
    def __init__(self, log, tag):
        self.log, self.tag = log, tag

    def __enter__(self):
        self.log.append("in%d" % self.tag)

    def __exit__(self, et, ev, tb):
        self.log.append("out%d:%s" % (self.tag, et.__name__ if et else "-"))
        return et is IndexError


def sub(log, n):
    try:
        for i in range(n):
            v = yield ("sub", i)
            log.append(("sub-got", v))
    except KeyError as e:
        log.append(("sub-caught", str(e)))
        return "sub-caught"
    return "sub-done"


def gen_block(rng, depth, counter, in_loop):
    out = []
    for _ in range(rng.randint(1, 3)):
        out.extend(gen_stmt(rng, depth, counter, in_loop))
    return out


def indent(lines):
    return ["    " + l for l in lines]


def gen_stmt(rng, depth, counter, in_loop):
    counter[0] += 1
    t = counter[0]
    k = rng.random()
    if depth == 0 or k < 0.35:
        choices = ["v = yield %d" % t, "log.append(('got', %d, v))" % t, "v = yield (%d, v)" % t,
                   "r = yield from sub(log, %d)\nlog.append(('yf', r))" % rng.randint(0, 2),
                   "if v == 'raise': raise ValueError(%d)" % t, "if v == 'ret': return ('ret', %d)" % t]
        if in_loop:
            choices += ["if v == 'brk': break", "if v is None: continue"]
        return rng.choice(choices).split("\n")
    if k < 0.6:
        out = ["try:"] + indent(gen_block(rng, depth - 1, counter, in_loop))
        out += ["except %s as e:" % rng.choice(["ValueError", "KeyError", "(KeyError, ValueError)", "Exception"]),
                "    log.append(('exc', %d, type(e).__name__))" % t]
        if rng.random() < 0.3:
            out.append("    v = yield ('in-handler', %d)" % t)
        if rng.random() < 0.5:
            out += ["finally:", "    log.append(('fin', %d))" % t]
            if rng.random() < 0.3:
                out.append("    v = yield ('in-finally', %d)" % t)
        return out
    if k < 0.75:
        return ["with CM(log, %d):" % t] + indent(gen_block(rng, depth - 1, counter, in_loop))
    return ["for i%d in range(%d):" % (t, rng.randint(1, 3))] + indent(gen_block(rng, depth - 1, counter, True))


ACTIONS = ["next", "next", "send:1", "send:raise", "send:ret", "send:brk", "throw:KeyError", "throw:ValueError",
           "throw:IndexError", "close"]


def drive(g, actions):
    out = []
    for a in actions:
        try:
            if a == "next":
                r = next(g)
            elif a.startswith("send:"):
                r = g.send(a[5:])
            elif a.startswith("throw:"):
                r = g.throw({"KeyError": KeyError, "ValueError": ValueError, "IndexError": IndexError}[a[6:]]("t"))
            else:
                r = ("closed", g.close())
            out.append(r)
        except StopIteration as e:
            out.append(("stop", e.value))
        except RuntimeError as e:
            out.append(("RuntimeError", str(e)))
        except GeneratorExit:
            out.append(("GeneratorExit escaped",))
        except Exception as e:
            out.append(("raised", type(e).__name__, str(e)))
    for _ in range(3):
        try:
            g.close()
            break
        except RuntimeError as e:
            out.append(("final close", str(e)))
        except GeneratorExit:
            out.append(("final close GeneratorExit",))
    return out


def main():
    rng = random.Random(4242)
    ns = {"CM": CM, "sub": sub}
    total = 0
    for idx in range(120):
        body = gen_block(rng, 3, [0], False)
        src = "def gen%d(log):\n    v = None\n%s\n    yield 'tail'\n" % (idx, "\n".join(indent(body)))
        exec(src, ns)
        fn = ns["gen%d" % idx]
        scripts = [[rng.choice(ACTIONS) for _ in range(rng.randint(3, 10))] for _ in range(6)]
        results = []
        for rep in range(20):
            for sc in scripts:
                log = []
                out = drive(fn(log), sc)
                if rep == 0:
                    results.append((out, log))
        crc = zlib.crc32(repr((results, UNRAISABLE)).encode())
        UNRAISABLE.clear()
        total = (total * 31 + crc) % 2 ** 32
        print(idx, "%08x" % crc, len(body))
    print("total %08x" % total)


main()
