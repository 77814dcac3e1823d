"""Fidelity: sys.setswitchinterval is honoured by compiled hot loops.

Two threads each run a compiled busy loop (pure arithmetic, no calls that release the GIL, in a
`while` loop, a `for` loop, and a loop whose body calls a compiled helper). With a short switch
interval, stock CPython hands the GIL over many times, so each thread sees the other make
progress before it finishes. Only coarse, scheduling-independent facts are printed: whether the
other thread had progressed when each finished, and whether the progress log switches between
threads at least a few times.
"""
import sys
import threading

CHUNKS = 20
PROGRESS = [0, 0]
LOG = []
OTHER_AT_END = [None, None]


def helper(x):
    return (x * 7 + 3) & 0xFFFF


def busy_while(me, per_chunk):
    x = me
    chunk = 0
    while chunk < CHUNKS:
        j = 0
        while j < per_chunk:
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            j += 1
        chunk += 1
        PROGRESS[me] = chunk
        LOG.append(me)
    OTHER_AT_END[me] = PROGRESS[1 - me]
    return x


def busy_for(me, per_chunk):
    x = me
    for chunk in range(CHUNKS):
        for j in range(per_chunk):
            x = (x ^ (x << 1) ^ j) & 0xFFFFF
        PROGRESS[me] = chunk + 1
        LOG.append(me)
    OTHER_AT_END[me] = PROGRESS[1 - me]
    return x


def busy_calls(me, per_chunk):
    x = me
    for chunk in range(CHUNKS):
        for j in range(per_chunk):
            x = helper(x + j)
        PROGRESS[me] = chunk + 1
        LOG.append(me)
    OTHER_AT_END[me] = PROGRESS[1 - me]
    return x


def switches(log):
    return sum(1 for a, b in zip(log, log[1:]) if a != b)


def race(fn, per_chunk):
    PROGRESS[:] = [0, 0]
    LOG.clear()
    OTHER_AT_END[:] = [None, None]
    barrier = threading.Barrier(2)

    def run(me):
        barrier.wait()
        fn(me, per_chunk)

    ts = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    first_done = min(OTHER_AT_END)
    print(fn.__name__, "both progressed before either finished:", first_done > 0,
          "| log switches >= 3:", switches(LOG) >= 3, "| chunks", sorted(PROGRESS))


MAIN_IDENT = threading.get_ident()
SAMPLES = set()
SAMPLING = [True]


def sampler():
    import time

    while SAMPLING[0]:
        f = sys._current_frames().get(MAIN_IDENT)
        top = f.f_code.co_name if f is not None else None
        while f is not None and not f.f_code.co_name.startswith("sampled_"):
            f = f.f_back
        if f is not None:
            SAMPLES.add((f.f_code.co_name, top, f.f_lineno - f.f_code.co_firstlineno))
        time.sleep(0.0005)


def sampled_while(n):
    x = 0
    i = 0
    while i < n:
        x = (x * 31 + i) & 0xFFFF
        i += 1
    return x


def sampled_for(n):
    x = 0
    for i in range(n):
        x = (x ^ i) & 0xFFFF
    return x


def sampled_calls(n):
    x = 0
    for i in range(n):
        x = helper(x)
        x += 1
    return x


# Where stock CPython 3.11 services the eval breaker in the functions above: (function,
# innermost frame, line relative to the function): the entry (RESUME), the loop header after
# range() (a builtin call), the back edge (the loop's last line, or the `while` test), and the
# entry of the Python callee (innermost frame `helper`, caller on the call line).
STOCK_SITES = {
    ("sampled_while", "sampled_while", 0), ("sampled_while", "sampled_while", 3),
    ("sampled_for", "sampled_for", 0), ("sampled_for", "sampled_for", 2),
    ("sampled_for", "sampled_for", 3),
    ("sampled_calls", "sampled_calls", 0), ("sampled_calls", "sampled_calls", 2),
    ("sampled_calls", "sampled_calls", 4), ("sampled_calls", "helper", 3),
}


def sample_loops():
    SAMPLES.clear()
    t = threading.Thread(target=sampler)
    t.start()
    sampled_while(1000000)
    sampled_for(1000000)
    sampled_calls(500000)
    SAMPLING[0] = False
    t.join()
    funcs = {f for f, _, _ in SAMPLES}
    print("sampled all three loops:", funcs == {"sampled_while", "sampled_for", "sampled_calls"})
    print("samples where stock never lets another thread run:", sorted(SAMPLES - STOCK_SITES))


def main():
    for _ in range(300):
        helper(1)
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    print("interval set", sys.getswitchinterval() == 0.0005)
    race(busy_while, 15000)
    race(busy_for, 15000)
    race(busy_calls, 10000)
    sample_loops()
    sys.setswitchinterval(old)
    print("restored", sys.getswitchinterval() == old)


main()
