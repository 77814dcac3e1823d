"""Fidelity: Python signal handlers running in compiled hot loops.

Checks against stock CPython:
- os.kill(os.getpid(), SIGUSR1) inside a compiled loop whose handler raises: the handler runs
  right after the os.kill call, so the frame passed to the handler and the exception's traceback
  point at the os.kill line (exact relative lines are printed), also when the kill happens in a
  compiled callee of the loop, and when the loop catches the exception and goes on;
- KeyboardInterrupt from os.kill(os.getpid(), SIGINT) (default handler) in a compiled loop,
  caught outside the loop and inside it;
- the same from a generator resumed by a compiled loop;
- a SIGALRM timer interrupting an infinite compiled loop (also in a generator body): only the function and whether the
  traceback line / handler frame line lie inside the loop are printed (the exact line depends
  on timing).
"""
import os
import signal
import sys


class Boom(Exception):
    pass


HANDLER_SAW = []


def raising_handler(signum, frame):
    HANDLER_SAW.append((signal.Signals(signum).name, frame.f_code.co_name,
                        frame.f_lineno - frame.f_code.co_firstlineno))
    raise Boom(signal.Signals(signum).name)


def tb_entries(exc):
    out = []
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == __file__ and code.co_name not in ("main", "raising_handler"):
            out.append((code.co_name, tb.tb_lineno - code.co_firstlineno))
        tb = tb.tb_next
    return out


def kill_in_loop(n, at, sig):
    acc = 0
    for i in range(n):
        acc += i * 3
        if i == at:
            os.kill(os.getpid(), sig)
        acc -= 1
    return acc


def killer(sig):
    x = 1
    os.kill(os.getpid(), sig)
    return x + 1


def kill_in_callee(n, at, sig):
    acc = 0
    i = 0
    while i < n:
        acc += i
        if i == at:
            acc += killer(sig)
        i += 1
    return acc


def catch_in_loop(n, every, sig):
    caught = []
    for i in range(n):
        try:
            if i % every == every - 1:
                os.kill(os.getpid(), sig)
            caught.append(None)
        except Boom as e:
            caught.append(tb_entries(e))
        except KeyboardInterrupt as e:
            caught.append(("KI", tb_entries(e)))
    return [c for c in caught if c is not None]


def kill_gen(n, at, sig):
    for i in range(n):
        if i == at:
            os.kill(os.getpid(), sig)
        yield i


def consume_kill_gen(n, at, sig):
    t = 0
    for v in kill_gen(n, at, sig):
        t += v
    return t


def run_expect(title, fn, *args):
    try:
        r = fn(*args)
        print(title, "returned", r)
    except (Boom, KeyboardInterrupt) as e:
        print(title, type(e).__name__, e, tb_entries(e))


def spin_while(seed):
    x = seed
    while True:
        x = (x * 1103515245 + 12345) % 2147483648


def spin_gen_body(seed):
    x = seed
    while True:
        x = (x * 3 + 1) & 0xFFFF
        if x == -1:
            yield x


def spin_gen(seed):
    return next(spin_gen_body(seed))


def spin_for(seed):
    x = seed
    for i in iter(int, 1):
        x = (x ^ (x << 1)) & 0xFFFF


def loop_lines(fn):
    code = fn.__code__
    first = code.co_firstlineno
    lines = sorted({ln for _, _, ln in code.co_lines() if ln is not None})
    # The loop: every line after the `x = seed` line.
    return set(range(lines[2], lines[-1] + 1)) if len(lines) > 2 else set()


def alarm(fn):
    HANDLER_SAW.clear()
    old = signal.signal(signal.SIGALRM, raising_handler)
    signal.setitimer(signal.ITIMER_REAL, 0.02)
    try:
        fn(12345)
        print(fn.__name__, "not interrupted")
    except Boom as e:
        inside = loop_lines(fn)
        tb = e.__traceback__
        while tb.tb_frame.f_code is not fn.__code__:
            tb = tb.tb_next
        name, fname, rel_line = HANDLER_SAW[0]
        print(fn.__name__, "interrupted by", name, "| handler frame:", fname,
              "| handler frame line in loop:", fn.__code__.co_firstlineno + rel_line in inside,
              "| traceback line in loop:", tb.tb_lineno in inside,
              "| traceback line == frame line:", tb.tb_lineno == tb.tb_frame.f_lineno)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def alarm_gen():
    HANDLER_SAW.clear()
    old = signal.signal(signal.SIGALRM, raising_handler)
    signal.setitimer(signal.ITIMER_REAL, 0.02)
    try:
        spin_gen(7)
        print("spin_gen not interrupted")
    except Boom as e:
        print("spin_gen interrupted | handler frame:", HANDLER_SAW[0][1], "| traceback:",
              [name for name, _ in tb_entries(e)])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def main():
    old_usr1 = signal.signal(signal.SIGUSR1, raising_handler)
    w = 0
    for _ in range(300):
        w += kill_in_loop(5, -1, signal.SIGUSR1) + kill_in_callee(5, -1, signal.SIGUSR1)
        w += len(catch_in_loop(3, 100, signal.SIGUSR1)) + consume_kill_gen(4, -1, signal.SIGUSR1)
    print("warm", w, HANDLER_SAW)

    run_expect("kill_in_loop", kill_in_loop, 50, 30, signal.SIGUSR1)
    run_expect("kill_in_callee", kill_in_callee, 50, 20, signal.SIGUSR1)
    print("catch_in_loop", catch_in_loop(10, 4, signal.SIGUSR1))
    run_expect("consume_kill_gen", consume_kill_gen, 6, 3, signal.SIGUSR1)
    print("handler saw", HANDLER_SAW)
    HANDLER_SAW.clear()
    signal.signal(signal.SIGUSR1, old_usr1)

    print("SIGINT handler is default_int_handler:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
    run_expect("KI kill_in_loop", kill_in_loop, 50, 10, signal.SIGINT)
    run_expect("KI kill_in_callee", kill_in_callee, 50, 7, signal.SIGINT)
    print("KI catch_in_loop", catch_in_loop(9, 4, signal.SIGINT))
    run_expect("KI consume_kill_gen", consume_kill_gen, 6, 2, signal.SIGINT)

    alarm(spin_while)
    alarm(spin_for)
    alarm_gen()
    print("done", HANDLER_SAW[0][1] if HANDLER_SAW else None)


main()
