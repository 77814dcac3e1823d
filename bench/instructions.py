"""Deterministic companion to bench/run.py: instructions executed per workload run, stock vs
Pyrite, counted by valgrind's callgrind (`--smc-check=all` sees JIT-written code).

Wall-clock and even CPU-time numbers on these shared 2-core machines move by 30-100% between
runs (see docs/benchmarks.md); instruction counts repeat exactly, so they show a change in the
work done. They do not show cache or branch effects: read them next to bench/run.py's times.

    python bench/instructions.py [--python PATH] [--only a,b] [--jobs 2] [--markdown FILE]
    python bench/instructions.py --python PATH --pyperformance ROW,ROW|all [--jobs 1] [--markdown FILE]

Per workload and mode it runs 1 and 3 calls of `run()` in fresh processes and reports
(Ir(3) - Ir(1)) / 2: the steady-state cost of one call, without start-up and compilation.
With --pyperformance the same is done for rows of bench/suite.py (bench/pyrite_bench/rows.py):
the suite's child runs 1 warmup + 1 or 3 samples of `--loops 1` in the suite's bench venv, with
the suite's environment and a snapshot of the pyrite that --python imports, and the report is
(Ir(3 samples) - Ir(1 sample)) / 2: one sample (1 loop x the benchmark's inner loops).
"""

import argparse
import concurrent.futures
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VALGRIND = ["valgrind", "--tool=callgrind", "--smc-check=all", "--callgrind-out-file=/dev/null"]
WORKLOADS = ["nbody", "richards", "fib", "float_bench", "spectral_norm", "chaos", "generators", "strings", "loops_int", "mandelbrot"]

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
        VALGRIND + [python, str(script), str(calls)],
        capture_output=True, text=True, env=env,
    )
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"{name} jit={jit}: {proc.stderr[-2000:]}")
    return int(m.group(1))


def measure(python, name, jit, tmp):
    return (count(python, name, jit, 3, tmp) - count(python, name, jit, 1, tmp)) / 2


class Pyperf(object):
    """The suite's pieces for --pyperformance: bench venv, benchmark scripts, pyrite snapshot."""

    def __init__(self, args, names):
        import suite  # bench/ is this script's folder; the workload mode does not need the suite
        from pyrite_bench import envs, rows

        self.suite, self.timeout = suite, args.timeout
        self.rows = rows.ROWS if names == ["all"] else [rows.BY_NAME[n] for n in names]
        cpy = envs.cpython_target(args.python)
        self.bench_dir = envs.ensure_pyperformance(args.cache, args.python)
        groups = {r["name"]: envs.row_requirements(self.bench_dir, r) for r in self.rows}
        self.python = envs.ensure_venv(args.cache, cpy, "bench", sorted({q for g in groups.values() for q in g}), groups)
        self.failed_reqs = cpy.failed_reqs.get("bench", {})
        # A snapshot, as the suite takes: a rebuild of python/pyrite during an hours-long run
        # must not mix two builds in one table.
        self.link_dir, self.pyrite = envs.pyrite_path(args.cache, args.python, base_python=cpy.base)

    def count(self, row, side, samples):
        """Ir of one child process, and Pyrite's functions_compiled at its end (None: stock)."""
        s = self.suite
        cmd = VALGRIND + [self.python, s.CHILD, "--bench-dir", self.bench_dir, "--row", row["name"], "--mode", side,
                          "--loops", "1", "--warmup", "1", "--samples", str(samples), "--no-check"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=s.side_env(side, self.link_dir),
                                  cwd=os.path.join(self.bench_dir, row["dir"]), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{side}: timeout after {self.timeout:.0f} s under valgrind")
        m = re.search(r"Collected : (\d+)", proc.stderr)
        res = [json.loads(line[len(s.RESULT_PREFIX):]) for line in proc.stdout.splitlines() if line.startswith(s.RESULT_PREFIX)]
        if proc.returncode != 0 or not m or not res:
            # valgrind's own lines (==pid==) hide the traceback: keep the program's last lines.
            tail = [ln for ln in proc.stderr.splitlines() if not ln.startswith("==")][-5:]
            raise RuntimeError(f"{side}, {samples} samples: exit status {proc.returncode}: " + " / ".join(tail))
        stats = res[-1].get("pyrite_stats")
        if side == "on" and not (isinstance(stats, dict) and stats.get("enabled_at_end")):
            raise RuntimeError("on: the JIT was not enabled at the end of the run")
        return int(m.group(1)), stats.get("functions_compiled") if side == "on" else None

    def measure(self, row):
        """(stock, pyrite, compiled in samples 2-3) per sample, or the reason it failed."""
        if row["name"] in self.failed_reqs:
            return "its requirements do not install"
        try:
            (off1, _), (off3, _) = self.count(row, "off", 1), self.count(row, "off", 3)
            (on1, c1), (on3, c3) = self.count(row, "on", 1), self.count(row, "on", 3)
        except RuntimeError as exc:
            return str(exc)
        return (off3 - off1) / 2, (on3 - on1) / 2, c3 - c1


def fmt_m(instr):
    m = instr / 1e6
    return f"{m:.0f}" if m >= 100 else f"{m:.3g}"


def pyperformance_table(args):
    names = [n for n in args.pyperformance.split(",") if n]
    pp = Pyperf(args, names)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs or 1) as pool:
        futures = {pool.submit(pp.measure, r): r["name"] for r in pp.rows}
        for f in concurrent.futures.as_completed(futures):
            results[futures[f]] = res = f.result()
            print(f"# {futures[f]}: " + (res if isinstance(res, str) else
                  f"stock {res[0]:.1f}, pyrite {res[1]:.1f} instr/sample ({res[0] / res[1]:.2f}x); "
                  f"{res[2]} functions compiled in samples 2-3"),
                  file=sys.stderr, flush=True)
    lines = [
        f"Command: `{shlex.join(['python', 'bench/instructions.py'] + sys.argv[1:])}` "
        f"(bench venv `{pp.python}`; pyrite: {pp.pyrite})",
        "",
        "| Benchmark | Stock (M instr/sample) | Pyrite (M instr/sample) | Stock/Pyrite |",
        "|---|--:|--:|--:|",
    ]
    ratios, compiling = [], []
    for r in pp.rows:
        res = results[r["name"]]
        if isinstance(res, str):
            lines.append(f"| {r['name']} | - | - | failed: {res.replace('|', '/')} |")
            continue
        stock, jit, compiled = res
        ratios.append(stock / jit)
        # Functions compiled during samples 2-3 put compile time into the difference.
        mark = "*" if compiled else ""
        compiling += [r["name"]] if compiled else []
        lines.append(f"| {r['name']}{mark} | {fmt_m(stock)} | {fmt_m(jit)} | {stock / jit:.2f}x |")
    if ratios:
        geo = math.exp(sum(map(math.log, ratios)) / len(ratios))
        lines.append(f"| **geometric mean** ({len(ratios)} of {len(pp.rows)}) | | | **{geo:.2f}x** |")
    if compiling:
        lines += ["", "\\* Pyrite compiled functions during samples 2-3 (the samples are short): the difference "
                  "includes compile work, so the row understates the steady state."]
    return "\n".join(lines)


def write_block(path, start, end, text):
    path = Path(path)
    doc = path.read_text() if path.exists() else ""
    block = f"{start}\n{text}\n{end}"
    doc = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, doc, flags=re.S) if start in doc else doc + "\n" + block + "\n"
    path.write_text(doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", type=int, help="parallel valgrind runs (default: 2; with --pyperformance 1)")
    ap.add_argument("--markdown", default="")
    ap.add_argument("--pyperformance", default="", metavar="ROW,ROW|all",
                    help="count pyperformance rows of bench/suite.py instead of the workloads")
    ap.add_argument("--cache", default=None, help="the suite's cache (default: ~/.cache/pyrite-bench)")
    ap.add_argument("--timeout", type=float, default=7200, help="seconds per valgrind run (--pyperformance)")
    args = ap.parse_args()
    if args.pyperformance:
        from pyrite_bench import envs, rows

        args.cache = args.cache or envs.default_cache()
        bad = [n for n in args.pyperformance.split(",") if n and n != "all" and n not in rows.BY_NAME]
        if bad:
            ap.error(f"unknown row(s) {', '.join(bad)}; known: {', '.join(rows.BY_NAME)}")
        text = pyperformance_table(args)
        print(text)
        if args.markdown:
            write_block(args.markdown, "<!-- pyperformance-instructions:start -->", "<!-- pyperformance-instructions:end -->", text)
        return
    names = [n for n in args.only.split(",") if n] or WORKLOADS
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs or 2) as pool:
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
        write_block(args.markdown, "<!-- instructions:start -->", "<!-- instructions:end -->", text)


if __name__ == "__main__":
    main()
