"""Deterministic companion to bench/run.py: instructions executed per workload run, stock vs
Pyrite, counted by valgrind's callgrind (`--smc-check=all` sees JIT-written code).

Wall-clock and even CPU-time numbers on these shared 2-core machines move by 30-100% between
runs (see docs/benchmarks.md); instruction counts repeat exactly, so they show a change in the
work done. They do not show cache or branch effects: read them next to bench/run.py's times.

    python bench/instructions.py [--python PATH] [--only a,b] [--jobs 2] [--markdown FILE]

Per workload and mode it runs 1 and 3 calls of `run()` in fresh processes and reports
(Ir(3) - Ir(1)) / 2: the steady-state cost of one call, without start-up and compilation.
"""

import argparse
import concurrent.futures
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKLOADS = ["nbody", "richards", "fib", "float_bench", "spectral_norm", "chaos", "generators", "strings", "loops_int"]

CHILD = """
import sys
sys.path.insert(0, {workloads!r})
if {jit!r}:
    import pyrite
    pyrite.enable()
import importlib
mod = importlib.import_module({name!r})
for _ in range(int(sys.argv[1])):
    mod.run()
"""


def count(python, name, jit, calls, tmp):
    script = Path(tmp) / f"{name}_{int(jit)}.py"
    script.write_text(CHILD.format(workloads=str(HERE / "workloads"), jit=jit, name=name))
    env = dict(os.environ)
    env.pop("PYRITE_THRESHOLD", None)
    env["PYRITE_DISABLE"] = "0" if jit else "1"
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--smc-check=all", "--callgrind-out-file=/dev/null", python, str(script), str(calls)],
        capture_output=True, text=True, env=env,
    )
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"{name} jit={jit}: {proc.stderr[-2000:]}")
    return int(m.group(1))


def measure(python, name, jit, tmp):
    return (count(python, name, jit, 3, tmp) - count(python, name, jit, 1, tmp)) / 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--markdown", default="")
    args = ap.parse_args()
    names = [n for n in args.only.split(",") if n] or WORKLOADS
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {(n, jit): pool.submit(measure, args.python, n, jit, tmp) for n in names for jit in (False, True)}
        rows = [(n, futures[(n, False)].result(), futures[(n, True)].result()) for n in names]
    lines = [
        f"Command: `python bench/instructions.py{' --only ' + args.only if args.only else ''}` "
        f"({sys.version.split()[0]}, `{args.python}`)",
        "",
        "| Workload | Stock (M instr/run) | Pyrite (M instr/run) | Stock/Pyrite |",
        "|---|--:|--:|--:|",
    ]
    ratios = []
    for n, stock, jit in rows:
        ratios.append(stock / jit)
        lines.append(f"| {n} | {stock / 1e6:.0f} | {jit / 1e6:.0f} | {stock / jit:.2f}x |")
    geo = math.exp(sum(map(math.log, ratios)) / len(ratios))
    lines.append(f"| **geometric mean** | | | **{geo:.2f}x** |")
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        path = Path(args.markdown)
        doc = path.read_text() if path.exists() else ""
        start, end = "<!-- instructions:start -->", "<!-- instructions:end -->"
        block = f"{start}\n{text}\n{end}"
        doc = re.sub(re.escape(start) + ".*?" + re.escape(end), block, doc, flags=re.S) if start in doc else doc + "\n" + block + "\n"
        path.write_text(doc)


if __name__ == "__main__":
    main()
