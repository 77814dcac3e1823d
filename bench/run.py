"""Compare Pyrite with the same interpreter with the JIT off.

    python bench/run.py [--quick] [--rounds N] [--python PATH] [--only a,b] [--markdown FILE]

For every round and workload, two fresh child processes run the workload (bench/_child.py):
one stock (PYRITE_DISABLE=1, pyrite never imported) and one with `pyrite.enable()`. The order
alternates from round to round, so slow drifts of this shared machine hit both sides alike.
Each child times its calls with process CPU time after a warmup and reports the median call;
this script takes the median over rounds and prints stock/pyrite ratios (>1: pyrite faster)
and their geometric mean. Results of both sides must be identical (same digest), else the row
says MISMATCH. docs/benchmarks.md explains the method.
"""

import argparse
import datetime
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHILD = os.path.join(HERE, "_child.py")
RESULT_PREFIX = "@@bench-result@@ "
MARK_START = "<!-- bench:start -->"
MARK_END = "<!-- bench:end -->"

WORKLOADS = [
    "nbody", "richards", "fib", "float_bench", "spectral_norm", "chaos", "generators",
    "strings", "loops_int", "mandelbrot",
]

# Stand-in for pyrite used by --self-test, to check the harness itself where pyrite is not
# installed. It enables nothing: both sides then run the same interpreter.
DUMMY_PYRITE = '''\
__version__ = "0+bench-self-test-dummy"
_enabled = False
def enable(threshold=None):
    global _enabled
    _enabled = True
def disable():
    global _enabled
    _enabled = False
def is_enabled():
    return _enabled
def stats():
    return {"dummy": True}
'''


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="fewer rounds and timed calls (a few minutes in all)")
    ap.add_argument("--rounds", type=int, help="child pairs per workload (default 7, quick 3)")
    ap.add_argument("--reps", type=int, help="timed calls per child (default 5, quick 3)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed calls per child (default 3)")
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter to measure, with pyrite installed (default: this one)")
    ap.add_argument("--only", help="comma-separated workloads (default: all)")
    ap.add_argument("--threshold", type=int, help="pass threshold=N to pyrite.enable()")
    ap.add_argument("--markdown", metavar="FILE",
                    help=f"write the table between {MARK_START} and {MARK_END} in FILE")
    ap.add_argument("--json", metavar="FILE",
                    help="raw per-child results (default: bench/results/run-<time>.json)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per child process")
    ap.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.rounds = args.rounds or (3 if args.quick else 7)
    args.reps = args.reps or (3 if args.quick else 5)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in WORKLOADS]
        if unknown:
            ap.error(f"unknown workload(s) {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
        args.workloads = names
    else:
        args.workloads = list(WORKLOADS)
    if min(args.rounds, args.reps) < 1 or args.warmup < 0:
        ap.error("--rounds and --reps must be >= 1, --warmup >= 0")
    return args


def child_env(mode, extra_path=None):
    # Drop inherited PYRITE_* settings: the command line alone decides what is measured.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYRITE_")}
    # Same dict/set layouts in every child: one less source of run-to-run noise.
    env["PYTHONHASHSEED"] = "0"
    # "0" (not enabled by the variable) rather than unset on the JIT side, so both sides get
    # environments of the same size: that shifts the initial stack, and stack alignment alone
    # can move timings by a few percent.
    env["PYRITE_DISABLE"] = "1" if mode == "off" else "0"
    if extra_path:  # on both sides, for the same reason
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [extra_path, env.get("PYTHONPATH")]))
    return env


def run_child(args, workload, mode, extra_path):
    cmd = [args.python, CHILD, "--workload", workload, "--mode", mode,
           "--warmup", str(args.warmup), "--reps", str(args.reps)]
    if mode == "on" and args.threshold is not None:
        cmd += ["--threshold", str(args.threshold)]
    try:
        proc = subprocess.run(cmd, env=child_env(mode, extra_path), cwd=HERE,
                              capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {args.timeout:.0f} s"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX) and proc.returncode == 0:
            return json.loads(line[len(RESULT_PREFIX):])
    # A crash of the JIT is a result worth showing in full, not a reason to stop the run.
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
    rc = proc.returncode
    why = f"killed by signal {-rc}" if rc < 0 else f"exit status {rc}"
    if rc == 0:
        why = "no result line in its output"
    return {"error": why, "stderr": tail}


def interpreter_info(python, extra_path, self_test):
    """Version of the measured interpreter, and pyrite's, checked before minutes are spent."""
    code = ("import sys, json; d = {'version': sys.version.split()[0], "
            "'impl': sys.implementation.name, 'executable': sys.executable}\n"
            "try:\n import pyrite; d['pyrite'] = getattr(pyrite, '__version__', '?')\n"
            "except Exception as e: d['pyrite_error'] = repr(e)\n"
            "print(json.dumps(d))")
    try:
        out = subprocess.run([python, "-c", code], env=child_env("on", extra_path),
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        sys.exit(f"run.py: cannot run {python}: {exc}")
    info = json.loads(out.stdout)
    if "pyrite_error" in info and not self_test:
        sys.exit(f"run.py: pyrite cannot be imported by {python}: {info['pyrite_error']}\n"
                 "(install it in that interpreter, or pass --python)")
    return info


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def summarize(results, workloads):
    """Per workload: medians over rounds, ratio, spread, and the correctness verdict."""
    rows = []
    for name in workloads:
        sides = {}
        for mode in ("off", "on"):
            runs = [r for r in results if r["workload"] == name and r["mode"] == mode]
            ok = [r for r in runs if "error" not in r]
            sides[mode] = (runs, ok)
        row = {"workload": name}
        errors = [f"{m}: {r['error']}" for m in ("off", "on") for r in sides[m][0] if "error" in r]
        for mode in ("off", "on"):
            medians = [r["median"] for r in sides[mode][1]]
            if medians:
                med = statistics.median(medians)
                row[mode] = med
                # Range of the round medians relative to their median: how much to trust it.
                row[mode + "_spread"] = (max(medians) - min(medians)) / med if med else 0.0
        digests = {(r["mode"], r["digest"]) for m in ("off", "on") for r in sides[m][1]}
        unstable = any(not r["stable"] for m in ("off", "on") for r in sides[m][1])
        if errors:
            row["check"] = "FAILED (" + errors[0] + ")"
        elif len({d for _, d in digests}) > 1:
            row["check"] = "MISMATCH"
        elif unstable:
            row["check"] = "UNSTABLE (run() results differ between calls)"
        else:
            row["check"] = "ok"
        if "off" in row and "on" in row and row["on"] > 0:
            row["ratio"] = row["off"] / row["on"]
        rows.append(row)
    return rows


def format_table(rows):
    head = ["Workload", "Stock (ms)", "Pyrite (ms)", "Stock/Pyrite", "Spread stock",
            "Spread pyrite", "Result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["--:"] * 5 + ["---"]) + "|"]

    def ms(row, key):
        return f"{row[key] * 1000:.1f}" if key in row else "-"

    def pct(row, key):
        return f"{row[key] * 100:.0f}%" if key in row else "-"

    for row in rows:
        ratio = f"{row['ratio']:.2f}x" if "ratio" in row else "-"
        lines.append(f"| {row['workload']} | {ms(row, 'off')} | {ms(row, 'on')} | {ratio} | "
                     f"{pct(row, 'off_spread')} | {pct(row, 'on_spread')} | {row['check']} |")
    ratios = [r["ratio"] for r in rows if "ratio" in r and r["check"] == "ok"]
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        lines.append(f"| **geometric mean** | | | **{geo:.2f}x** | | | {len(ratios)} of "
                     f"{len(rows)} workloads |")
    return "\n".join(lines)


def describe(args, info, started):
    cmd = shlex.join([sys.executable] + sys.argv)
    pyrite_version = info.get("pyrite", "not importable")
    lines = []
    if args.self_test:
        lines.append("**SELF-TEST: a dummy pyrite that compiles nothing; both columns are stock.**")
        lines.append("")
    lines += [
        f"- Date: {started:%Y-%m-%d %H:%M} (local time)",
        f"- Machine: {platform.platform()}; {cpu_model()}; nproc {os.cpu_count()}",
        f"- Interpreter: {info['impl']} {info['version']} (`{info['executable']}`), "
        f"pyrite {pyrite_version}",
        f"- Command: `{cmd}`",
        f"- Settings: {args.rounds} rounds x (stock, pyrite) fresh processes, {args.warmup} "
        f"warmup + {args.reps} timed calls each; threshold "
        f"{args.threshold if args.threshold is not None else 'default'}",
    ]
    return "\n".join(lines)


def write_markdown(path, text):
    block = f"{MARK_START}\n\n{text}\n\n{MARK_END}"
    try:
        with open(path) as f:
            old = f.read()
    except FileNotFoundError:
        old = ""
    start, end = old.find(MARK_START), old.find(MARK_END)
    if start != -1 and end > start:
        new = old[:start] + block + old[end + len(MARK_END):]
    else:
        new = old + ("\n" if old and not old.endswith("\n") else "") + block + "\n"
    with open(path, "w") as f:
        f.write(new)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = datetime.datetime.now()
    with tempfile.TemporaryDirectory(prefix="bench-dummy-") as tmp:
        extra_path = None
        if args.self_test:
            os.makedirs(os.path.join(tmp, "pyrite"))
            with open(os.path.join(tmp, "pyrite", "__init__.py"), "w") as f:
                f.write(DUMMY_PYRITE)
            extra_path = tmp
        info = interpreter_info(args.python, extra_path, args.self_test)
        print(f"# {info['impl']} {info['version']} at {info['executable']}, pyrite "
              f"{info.get('pyrite', '-')}; {len(args.workloads)} workloads x {args.rounds} "
              f"rounds", file=sys.stderr)

        results = []
        # Rounds outside, workloads inside: each round is a full pass, so a noisy minute on
        # the machine spreads over all workloads instead of spoiling one.
        for rnd in range(args.rounds):
            order = ("off", "on") if rnd % 2 == 0 else ("on", "off")
            for name in args.workloads:
                for mode in order:
                    res = run_child(args, name, mode, extra_path)
                    res.update(workload=name, mode=mode, round=rnd)
                    results.append(res)
                    status = (f"{res['median'] * 1000:8.1f} ms" if "error" not in res
                              else "ERROR " + res["error"])
                    print(f"  round {rnd + 1}/{args.rounds} {name:<14} {mode:>3}: {status}",
                          file=sys.stderr, flush=True)
                    if "error" in res and res.get("stderr"):
                        print("    " + res["stderr"].replace("\n", "\n    "), file=sys.stderr)

    rows = summarize(results, args.workloads)
    table = format_table(rows)
    text = describe(args, info, started) + "\n\n" + table
    print()
    print(text)

    json_path = args.json or os.path.join(HERE, "results", f"run-{started:%Y%m%d-%H%M%S}.json")
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)
    with open(json_path, "w") as f:
        json.dump({"command": sys.argv, "info": info, "rows": rows, "results": results}, f,
                  indent=1, default=str)
    print(f"\nraw results: {json_path}", file=sys.stderr)
    if args.markdown:
        write_markdown(args.markdown, text)
        print(f"table written to {args.markdown}", file=sys.stderr)
    return 0 if all(r["check"] == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
