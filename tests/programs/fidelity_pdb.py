"""Fidelity: pdb driven through compiled hot functions.

A pdb.Pdb reading its commands from an io.StringIO and writing to a buffer steps through
functions that were compiled and hot before the debugger started: Pdb.runcall with
step/next/p/where/up/down/args/return/until/break/continue, a breakpoint() inside a hot loop
handled by a custom sys.breakpointhook (including `jump` and changing a local with `!`), and
pdb.Pdb.set_trace called from a compiled callee. The transcript is printed with paths reduced
to base names; it must equal stock CPython's.
"""
import io
import os
import pdb
import re
import sys

THIS_FILE = __file__
PATH_RE = re.compile(r"(/[^\s:()'\"]+)+\.py")


def normalise(text):
    return PATH_RE.sub(lambda m: os.path.basename(m.group(0)), text)


def make_pdb(commands):
    out = io.StringIO()
    dbg = pdb.Pdb(stdin=io.StringIO(commands), stdout=out, nosigint=True, readrc=False)
    dbg.use_rawinput = False
    return dbg, out


def transcript(title, out):
    print("--", title)
    print(normalise(out.getvalue()))


def helper(a, b):
    c = a * b
    d = c + a
    return d


def hot(n):
    total = 0
    for i in range(n):
        x = helper(i, 2)
        total += x
    return total


def with_exception(n):
    try:
        return helper(n, 1) // (n - n)
    except ZeroDivisionError:
        y = -n
    return y


def loop_with_breakpoint(n, stop_at):
    acc = 0
    for i in range(n):
        acc += helper(i, 1)
        if i == stop_at:
            breakpoint()
            acc += 1000
            acc += 1
        acc += 10
    return acc


def calls_set_trace(n, commands):
    v = n * 2
    dbg, out = make_pdb(commands)
    OUTS.append(out)
    dbg.set_trace(sys._getframe())
    w = v + 1
    z = helper(w, 2)
    return v, w, z


OUTS = []


def outer(n, commands):
    r = calls_set_trace(n, commands)
    s = r[0] + 1
    return s


def hook(*args, **kwargs):
    dbg, out = make_pdb(HOOK_COMMANDS[0])
    OUTS.append(out)
    dbg.set_trace(sys._getframe(1))


HOOK_COMMANDS = [""]


def main():
    w = 0
    for k in range(300):
        w += hot(5) + with_exception(k) + loop_with_breakpoint(4, -1) + outer(k, "continue\n")
    OUTS.clear()
    print("warm", w)

    dbg, out = make_pdb(
        "next\nnext\nstep\nstep\nwhere\nargs\nup\np total, i\ndown\np a, b, c\n"
        "return\nnext\np x\nnext\nuntil\nbreak helper\ncontinue\np a, b\nwhere\nclear 1\n"
        "continue\n"
    )
    r = dbg.runcall(hot, 4)
    print("runcall hot", r)
    transcript("runcall hot", out)

    dbg, out = make_pdb("step\nnext\nnext\nnext\nnext\np n, y\nnext\nnext\ncontinue\n")
    r = dbg.runcall(with_exception, 3)
    print("runcall with_exception", r)
    transcript("runcall with_exception", out)

    sys.breakpointhook = hook
    first = loop_with_breakpoint.__code__.co_firstlineno
    HOOK_COMMANDS[0] = (
        "p i, acc\n!acc = 5\nnext\np acc\njump %d\np acc\nnext\nnext\nnext\np acc, i\nnext\nnext\n"
        "p acc\ncontinue\n" % (first + 8)
    )
    r = loop_with_breakpoint(6, 3)
    print("breakpoint()", r)
    transcript("breakpoint()", OUTS.pop())
    sys.breakpointhook = sys.__breakpointhook__

    r = outer(7, "p v\nnext\np w\nstep\nstep\nup\np v, w\ndown\nreturn\nnext\nnext\nnext\nnext\np s\n"
        "continue\n")
    print("set_trace", r)
    transcript("set_trace", OUTS.pop())

    w = 0
    for k in range(300):
        w += hot(5) + with_exception(k)
    print("after", w, sys.gettrace())


main()
