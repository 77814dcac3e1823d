"""pyperformance's unpack_sequence body without pyperf: one loop of 400 ten-item unpackings,
called alternately on a tuple and a list, ROUNDS times with LOOPS iterations per call. Prints
the CPU time per unpacking of each round on stderr.

    PYRITE_DISABLE=1 python bench/micro/unpack_loop.py LOOPS ROUNDS   # stock (no enable())
    python bench/micro/unpack_loop.py LOOPS ROUNDS --jit
    # per round, deterministic: valgrind --tool=cachegrind --cache-sim=yes with ROUNDS 3 and 6
"""

import sys
import time

body = "\n".join(["        a, b, c, d, e, f, g, h, i, j = to_unpack"] * 400)
namespace = {}
exec("def do_unpacking(loops, to_unpack):\n    for _ in range(loops):\n" + body + "\n", namespace)
do_unpacking = namespace["do_unpacking"]

if "--jit" in sys.argv:
    import pyrite

    pyrite.enable()
loops, rounds = int(sys.argv[1]), int(sys.argv[2])
t, l = tuple(range(10)), list(range(10))
for _ in range(rounds):
    start = time.process_time()
    do_unpacking(loops, t)
    do_unpacking(loops, l)
    print(f"{(time.process_time() - start) / (2 * loops * 400) * 1e9:.2f} ns per unpacking", file=sys.stderr)
