"""Fidelity: frame objects of compiled functions as objects.

Checks against stock CPython: gc.get_referrers on a compiled frame's frame object (types of
the referrers), gc.get_referents of running and finished frames (types, and whether f_back,
the code's globals and the locals are among them), frame.clear() on a finished frame (locals
gone, f_back kept) and on a running frame (RuntimeError), what a finished frame remembers
(f_lineno, f_locals, f_back chain), frames kept alive by tracebacks, and f_back of generator
frames while running (the compiled caller, with its line) and while suspended (None).
"""
import gc
import sys

THIS_FILE = __file__


def tname(o):
    if isinstance(o, dict):
        keys = sorted(k for k in o if isinstance(k, str))
        return "dict" + ("(globals)" if "__name__" in o else str(keys[:3]))
    return type(o).__name__


def referrer_types(obj, exclude):
    return sorted(tname(r) for r in gc.get_referrers(obj) if r is not exclude)


def referent_summary(frame):
    refs = gc.get_referents(frame)
    back = frame.f_back
    return (
        sorted(tname(r) for r in refs),
        any(r is back for r in refs) if back is not None else None,
    )


HOLD = []


def keep_frame(a, b):
    c = a + b
    f = sys._getframe()
    HOLD.append(f)
    running = referent_summary(f)
    return c, running


def caller_of_keep(n):
    total = 0
    for i in range(n):
        total += keep_frame(i, 1)[0]
    return total


def running_referrers():
    f = sys._getframe()
    holder = [f]
    mine = referrer_types(f, holder)
    return mine, holder[0] is f


def finished_frame(x):
    y = x * 2
    z = [y, "z"]
    return sys._getframe()


def make_finished(n):
    fr = None
    for i in range(n):
        fr = finished_frame(i)
    return fr


def clear_running():
    try:
        sys._getframe().clear()
    except RuntimeError as e:
        return str(e)
    return "no error"


def raises(v):
    local_marker = "m%d" % v
    raise ValueError(v)


def via_traceback(n):
    tbs = []
    for i in range(n):
        try:
            raises(i)
        except ValueError as e:
            tbs.append(e.__traceback__)
    return tbs[-1]


GEN_SEEN = []


def gen_frames(n):
    me = sys._getframe()
    for i in range(n):
        back = me.f_back
        GEN_SEEN.append((back.f_code.co_name, back.f_lineno - back.f_code.co_firstlineno))
        yield i


def drive_gen(n):
    g = gen_frames(n)
    out = []
    out.append(next(g))
    out.append(g.gi_frame.f_back)
    for v in g:
        out.append(v)
    out.append(g.gi_frame)
    return out


def drive_gen_send(n):
    g = gen_frames(n)
    a = next(g)
    suspended_back = g.gi_frame.f_back
    b = g.send(None)
    c = [x for x in g]
    return a, b, c, suspended_back


def main():
    w = 0
    for k in range(300):
        w += caller_of_keep(2) + len(running_referrers()[0]) + make_finished(2).f_lineno
        w += len(clear_running()) + via_traceback(2).tb_lineno + len(drive_gen(2)) + drive_gen_send(3)[1]
        HOLD.clear()
    GEN_SEEN.clear()
    gc.collect()
    print("warm", w)

    print("caller_of_keep", caller_of_keep(3))
    for f in HOLD:
        print("  kept", f.f_code.co_name, f.f_lineno - f.f_code.co_firstlineno, sorted(f.f_locals))
        print("  kept back", f.f_back.f_code.co_name, f.f_back.f_lineno - f.f_back.f_code.co_firstlineno)
        print("  referents", referent_summary(f))
    print("running referent summary", keep_frame(1, 2)[1])
    HOLD.clear()
    print("running referrers", running_referrers())

    fr = make_finished(3)
    print("finished", fr.f_code.co_name, fr.f_lineno - fr.f_code.co_firstlineno, sorted(fr.f_locals.items()))
    print("finished back", fr.f_back.f_code.co_name, fr.f_back.f_lineno - fr.f_back.f_code.co_firstlineno)
    print("finished referents", referent_summary(fr))
    print("finished referrers", referrer_types(fr, None))
    fr.clear()
    print("cleared", sorted(fr.f_locals.items()), fr.f_back.f_code.co_name, fr.f_lineno - fr.f_code.co_firstlineno)
    print("cleared referents", referent_summary(fr))
    print("clear running", clear_running())

    tb = via_traceback(3)
    while tb is not None:
        f = tb.tb_frame
        if f.f_code.co_filename == THIS_FILE and f.f_code.co_name != "main":
            print("tb frame", f.f_code.co_name, tb.tb_lineno - f.f_code.co_firstlineno,
                  f.f_lineno - f.f_code.co_firstlineno, sorted((k, tname(v)) for k, v in f.f_locals.items()),
                  f.f_back.f_code.co_name if f.f_back else None)
            print("tb frame referents", referent_summary(f))
        tb = tb.tb_next

    print("drive_gen", drive_gen(3))
    print("gen saw", GEN_SEEN)
    GEN_SEEN.clear()
    print("drive_gen_send", drive_gen_send(4))
    print("gen saw", GEN_SEEN)


main()
