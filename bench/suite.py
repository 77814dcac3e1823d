"""Pyrite's benchmark suite: pyperformance bodies, web serving and compile speed, Pyrite on vs off
on the same interpreter binary, with pyston-lite and PyPy as reference columns.

    python bench/suite.py --quick                        # day-to-day: a few minutes
    python bench/suite.py --markdown docs/benchmarks.md  # the full run (long)
    python bench/suite.py --only nbody,go --rounds 5 --no-web

docs/benchmarks.md ("Benchmark suite") explains what runs where and how it is measured. In
short: every measurement is a fresh child process; within a round, Pyrite off and on run back to
back in alternating order, then the reference interpreters; rounds are the outer loop; the
report takes medians over rounds and prints ratios (speed-ups over stock 3.11: above 1 is
faster) with their geometric means. Benchmark bodies are timed in process CPU time.
"""

import argparse
import datetime
import json
import math
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pyrite_bench import envs, web  # noqa: E402
from pyrite_bench import rows as rows_mod  # noqa: E402
from pyrite_bench._common import RESULT_PREFIX  # noqa: E402

CHILD = os.path.join(HERE, "pyrite_bench", "child_pyperf.py")
MARK_START = "<!-- suite:start -->"
MARK_END = "<!-- suite:end -->"
APPS = ["flask", "django"]
SIDE_LABEL = {"off": "Stock", "on": "Pyrite", "pyston": "pyston-lite",
              "pyston-off": "CPython 3.10", "pypy": "PyPy"}

# quick / full settings: rounds, warmup samples, timed samples, CPU s per sample (calibration),
# PyPy's minimum warmup CPU time, web rounds, web warmup and timed requests.
PRESETS = {
    "quick": dict(rounds=1, warmup=2, samples=3, target=0.1, pypy_warmup_time=2.0,
                  web_rounds=1, web_warmup=100, web_requests=600, refs="none"),
    "full": dict(rounds=5, warmup=3, samples=6, target=0.1, pypy_warmup_time=5.0,
                 web_rounds=5, web_warmup=500, web_requests=3000, refs="pyston,pypy"),
}


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="1 round of the quick subset of benchmarks, short web run, no "
                         "reference interpreters (under 5 minutes once the venvs exist)")
    ap.add_argument("--python", default=sys.executable,
                    help="CPython 3.11 where pyrite is importable (default: this one); the "
                         "suite's venv is made from its base binary")
    ap.add_argument("--pyrite-wheel", help="measure this wheel instead of the pyrite that "
                                           "--python imports")
    ap.add_argument("--only", help="comma-separated benchmarks (rows of rows.py) or apps "
                                   "(flask, django)")
    ap.add_argument("--skip", help="comma-separated benchmarks to leave out")
    ap.add_argument("--all", action="store_true", help="with --quick: every benchmark")
    ap.add_argument("--no-pyperf", action="store_true", help="skip the pyperformance part")
    ap.add_argument("--no-web", action="store_true", help="skip the web part")
    ap.add_argument("--refs", help="reference interpreters: pyston,pypy or none "
                                   "(default: quick none, full pyston,pypy)")
    ap.add_argument("--pyston-off", action="store_true",
                    help="also run pyston-lite's CPython 3.10 with DISABLE_PYSTON=1")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--warmup", type=int, help="untimed samples per process")
    ap.add_argument("--samples", type=int, help="timed samples per process")
    ap.add_argument("--target", type=float, help="CPU seconds per sample (calibration)")
    ap.add_argument("--web-rounds", type=int)
    ap.add_argument("--web-warmup", type=int, help="requests before the timed ones")
    ap.add_argument("--web-requests", type=int, help="timed requests per server process")
    ap.add_argument("--threshold", type=int, help="pass threshold=N to pyrite.enable()")
    ap.add_argument("--recalibrate", action="store_true",
                    help="forget the cached loops per benchmark and calibrate again")
    ap.add_argument("--cache", default=envs.default_cache(),
                    help="venvs, pyperformance and calibration (default %(default)s)")
    ap.add_argument("--setup-only", action="store_true", help="create the venvs and stop")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per child process")
    ap.add_argument("--markdown", metavar="FILE",
                    help="write the report between %s and %s in FILE" % (MARK_START, MARK_END))
    ap.add_argument("--json", metavar="FILE",
                    help="raw results (default: bench/results/suite-<time>.json)")
    ap.add_argument("--note", default="", help="a sentence added to the report (machine load)")
    ap.add_argument("--from-json", metavar="FILE",
                    help="only print (and with --markdown write) the report of a saved run's "
                         "JSON, also of a run stopped before its end")
    args = ap.parse_args(argv)
    preset = PRESETS["quick" if args.quick else "full"]
    for key, value in preset.items():
        if getattr(args, key, None) is None:
            setattr(args, key, value)
    args.refs = [] if args.refs in ("none", "") else [r.strip() for r in args.refs.split(",")]
    unknown = [r for r in args.refs if r not in ("pyston", "pypy")]
    if unknown:
        ap.error("unknown reference(s) %s; known: pyston, pypy" % ", ".join(unknown))
    names = [r["name"] for r in rows_mod.ROWS]
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        bad = [n for n in wanted if n not in names and n not in APPS]
        if bad:
            ap.error("unknown benchmark(s) %s; known: %s, %s"
                     % (", ".join(bad), ", ".join(names), ", ".join(APPS)))
        args.rows = [r for r in rows_mod.ROWS if r["name"] in wanted]
        args.apps = [a for a in APPS if a in wanted]
    else:
        args.rows = [r for r in rows_mod.ROWS if r["quick"] or not args.quick or args.all]
        args.apps = list(APPS)
    if args.skip:
        skip = {n.strip() for n in args.skip.split(",")}
        args.rows = [r for r in args.rows if r["name"] not in skip]
        args.apps = [a for a in args.apps if a not in skip]
    if args.no_pyperf:
        args.rows = []
    if args.no_web:
        args.apps = []
    if min(args.rounds, args.samples, args.web_rounds) < 1 or args.warmup < 0:
        ap.error("--rounds, --samples, --web-rounds must be >= 1 and --warmup >= 0")
    return args


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# machine load, recorded so that the report can say what the machine was doing


class LoadMonitor(object):
    def __init__(self):
        self.loadavg = []
        self.t0 = time.time()
        self.stat0 = self.cpu_stat()
        self.children0 = resource.getrusage(resource.RUSAGE_CHILDREN)

    @staticmethod
    def cpu_stat():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + fields[4]
        steal = fields[7] if len(fields) > 7 else 0
        return sum(fields[:8]), idle, steal

    def sample(self):
        try:
            with open("/proc/loadavg") as f:
                self.loadavg.append(float(f.read().split()[0]))
        except OSError:
            pass

    def summary(self):
        total1, idle1, steal1 = self.cpu_stat()
        total0, idle0, steal0 = self.stat0
        wall = max(time.time() - self.t0, 1e-9)
        dt = max(total1 - total0, 1)
        ncpu = os.cpu_count() or 1
        busy_cores = (dt - (idle1 - idle0)) / dt * ncpu
        ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        ours = ((ch1.ru_utime + ch1.ru_stime) - (self.children0.ru_utime + self.children0.ru_stime)
                + (time.process_time())) / wall
        la = sorted(self.loadavg) or [0.0]
        return {
            "wall_s": wall, "ncpu": ncpu, "busy_cores": busy_cores, "suite_cores": ours,
            "other_cores": max(0.0, busy_cores - ours),
            "steal_pct": (steal1 - steal0) / dt * 100,
            "loadavg_min": la[0], "loadavg_median": statistics.median(la), "loadavg_max": la[-1],
        }


# ---------------------------------------------------------------------------------------------
# child processes


def side_env(side, link_dir):
    env = envs.clean_env()
    env["PYTHONHASHSEED"] = "0"  # the same dict/set layouts in every process
    if side in ("off", "on"):
        # The same variables, with values of the same size, on both sides: the environment's
        # size shifts the initial stack, which alone can move timings by a few percent.
        env["PYRITE_DISABLE"] = "1" if side == "off" else "0"
        env["PYTHONPATH"] = link_dir
    elif side == "pyston-off":
        env["DISABLE_PYSTON"] = "1"
    return env


def run_child(python, args, row, side, loops, link_dir, bench_dir):
    cmd = [python, CHILD, "--bench-dir", bench_dir, "--row", row["name"], "--mode", side,
           "--loops", str(loops), "--warmup", str(args.warmup), "--samples", str(args.samples),
           "--target", str(args.target)]
    if side == "pypy":
        cmd += ["--min-warmup-time", str(args.pypy_warmup_time)]
    if side == "on" and args.threshold is not None:
        cmd += ["--threshold", str(args.threshold)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=side_env(side, link_dir), capture_output=True, text=True,
                              timeout=args.timeout, cwd=os.path.join(bench_dir, row["dir"]))
    except subprocess.TimeoutExpired:
        return {"error": "timeout after %.0f s" % args.timeout, "cmd": shlex.join(cmd)}
    wall = time.perf_counter() - t0
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX) and proc.returncode == 0:
            res = json.loads(line[len(RESULT_PREFIX):])
            res["wall_s"] = wall
            return res
    rc = proc.returncode
    why = ("killed by signal %d" % -rc) if rc < 0 else ("exit status %d" % rc)
    if rc == 0:
        why = "no result line in its output"
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-20:])
    return {"error": why, "stderr": tail, "cmd": shlex.join(cmd)}


def calibrate(args, cpy, rows, link_dir, bench_dir):
    path = os.path.join(args.cache, "calibration.json")
    try:
        with open(path) as f:
            cache = json.load(f)
    except (OSError, ValueError):
        cache = {}
    loops, errors = {}, {}
    for row in rows:
        key = "%s|%s|%s" % (row["name"], args.target, cpy.key)
        if key in cache and not args.recalibrate:
            loops[row["name"]] = cache[key]
            continue
        res = run_child(cpy.venvs["bench"], args, row, "off", 0, link_dir, bench_dir)
        if "error" in res:
            errors[row["name"]] = res
            log("  calibration of %s failed: %s\n    %s" % (
                row["name"], res["error"], res.get("stderr", "").replace("\n", "\n    ")))
            continue
        loops[row["name"]] = cache[key] = res["loops"]
        log("  calibrated %-22s loops=%d" % (row["name"], res["loops"]))
        with open(path, "w") as f:
            json.dump(cache, f, indent=1, sort_keys=True)
    return loops, errors


# ---------------------------------------------------------------------------------------------
# summaries


def fmt_time(s):
    if s is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale or unit == "ns":
            v = s / scale
            return ("%.3g %s" % (v, unit)) if v < 100 else ("%.0f %s" % (v, unit))


def fmt_ratio(r):
    return "-" if r is None else "%.2fx" % r


def geomean(values):
    values = [v for v in values if v]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def side_summary(runs):
    ok = [r for r in runs if "error" not in r]
    out = {"runs": len(runs), "ok": len(ok), "errors": [r for r in runs if "error" in r]}
    medians = [r["median"] for r in ok]
    if medians:
        med = statistics.median(medians)
        out["median"] = med
        out["spread"] = (max(medians) - min(medians)) / med if med else 0.0
    return out


def verdict(off_runs, on_runs):
    """Correctness of the Pyrite side against the stock side."""
    errs = [("off", r) for r in off_runs if "error" in r] + [("on", r) for r in on_runs
                                                                if "error" in r]
    if errs:
        side, r = errs[0]
        return "FAILED (%s: %s)" % ("pyrite" if side == "on" else "stock", r["error"])
    if not off_runs or not on_runs:
        return "-"
    problems = []
    for key, label in (("check_digest", "check"), ("return_digest", "return value"),
                       ("stdout_digest", "output")):
        values = {r.get(key) for r in off_runs + on_runs}
        if len(values) > 1:
            offs = {r.get(key) for r in off_runs}
            problems.append(("UNSTABLE %s (stock differs between runs)" % label)
                            if len(offs) > 1 else "MISMATCH (%s)" % label)
    if any(r.get("return_stable") is False for r in off_runs + on_runs):
        problems.append("UNSTABLE (return value differs between calls)")
    if any(isinstance(r.get("pyrite_stats"), dict)
           and r["pyrite_stats"].get("enabled_at_end") is False for r in on_runs):
        problems.append("JIT disabled during the run")
    if problems:
        return ", ".join(problems)
    checked = []
    if off_runs[0].get("check_digest"):
        checked.append("check")
    if off_runs[0].get("return_digest"):
        checked.append("return")
    return "ok (" + "+".join(checked or ["output"]) + ")"


def compile_summary(on_runs):
    stats = [r["pyrite_stats"] for r in on_runs
             if "error" not in r and isinstance(r.get("pyrite_stats"), dict)]
    if not stats:
        return {}
    instr = [s.get("bytecode_instructions_compiled", 0) for s in stats]
    secs = [s.get("compile_time_s", 0.0) for s in stats]
    return {
        "instructions": statistics.median(instr),
        "functions": statistics.median([s.get("functions_compiled", 0) for s in stats]),
        "refused": statistics.median([s.get("functions_refused", 0) for s in stats]),
        "compile_s": statistics.median(secs),
        "us_per_instr": (sum(secs) / sum(instr) * 1e6) if sum(instr) else None,
        "total_instr": sum(instr), "total_s": sum(secs),
    }


def summarize_pyperf(results, rows, sides):
    out = []
    for row in rows:
        runs = {s: [r for r in results if r["row"] == row["name"] and r["side"] == s]
                for s in sides}
        item = {"row": row["name"], "sides": {s: side_summary(runs[s]) for s in sides}}
        item["check"] = verdict(runs.get("off", []), runs.get("on", []))
        item["compile"] = compile_summary(runs.get("on", []))
        stock = item["sides"].get("off", {}).get("median")
        item["ratios"] = {}
        for s in sides:
            if s != "off" and stock and item["sides"][s].get("median"):
                item["ratios"][s] = stock / item["sides"][s]["median"]
        out.append(item)
    return out


def summarize_web(results, apps, sides):
    out = []
    keys = ("mean", "p50", "p90", "p99", "vmhwm_kb", "server_cpu_per_request", "startup_s",
            "warmup95_s", "warmup95_requests", "first_request", "throughput")
    for app in apps:
        item = {"app": app, "sides": {}}
        for s in sides:
            runs = [r for r in results if r["app"] == app and r["side"] == s]
            ok = [r for r in runs if "error" not in r]
            d = {"runs": len(runs), "ok": len(ok), "errors": [r for r in runs if "error" in r]}
            for k in keys:
                vals = [r[k] for r in ok if r.get(k) is not None]
                if vals:
                    d[k] = statistics.median(vals)
            if s == "on":
                d["compile"] = compile_summary(
                    [{"pyrite_stats": r.get("server_stats", {}).get("pyrite_stats")} for r in ok])
            item["sides"][s] = d
        off_ok = [r for r in results if r["app"] == app and r["side"] == "off" and "error" not in r]
        on_ok = [r for r in results if r["app"] == app and r["side"] == "on" and "error" not in r]
        errs = item["sides"].get("off", {}).get("errors", []) + \
            item["sides"].get("on", {}).get("errors", [])
        if errs:
            item["check"] = "FAILED (%s: %s)" % (
                "pyrite" if errs[0]["side"] == "on" else "stock", errs[0]["error"])
        elif off_ok and on_ok:
            dig = {json.dumps(r["digests"], sort_keys=True) for r in off_ok + on_ok}
            item["check"] = "ok (responses)" if len(dig) == 1 else "MISMATCH (responses)"
        else:
            item["check"] = "-"
        out.append(item)
    return out


# ---------------------------------------------------------------------------------------------
# report


def pyperf_table(summary, sides):
    refs = [s for s in sides if s not in ("off", "on")]
    head = ["Benchmark", "Stock", "Pyrite", "Stock/Pyrite", "Spread stock/pyrite", "Result",
            "µs/instr"]
    for s in refs:
        head += [SIDE_LABEL[s], "Stock/" + SIDE_LABEL[s]]
    lines = ["| " + " | ".join(head) + " |",
             "|---|" + "--:|" * 4 + "---|--:|" + "--:|--:|" * len(refs)]
    for it in summary:
        sd = it["sides"]

        def spread(s):
            v = sd.get(s, {}).get("spread")
            if v is None or sd[s].get("ok", 0) < 2:
                return "-"
            return "%.0f%%" % (v * 100)

        us = it["compile"].get("us_per_instr")
        cells = [it["row"], fmt_time(sd.get("off", {}).get("median")),
                 fmt_time(sd.get("on", {}).get("median")), fmt_ratio(it["ratios"].get("on")),
                 "%s / %s" % (spread("off"), spread("on")), it["check"],
                 "-" if us is None else "%.2f" % us]
        for s in refs:
            cells += [fmt_time(sd[s].get("median")), fmt_ratio(it["ratios"].get(s))]
        lines.append("| " + " | ".join(cells) + " |")
    ok = [it for it in summary if it["check"].startswith("ok")]
    geo = ["**geometric mean**", "", "", "**%s**" % fmt_ratio(geomean(
        [it["ratios"].get("on") for it in ok])), "", "%d of %d ok" % (len(ok), len(summary)), ""]
    for s in refs:
        vals = [it["ratios"][s] for it in summary if s in it["ratios"]]
        geo += ["", "**%s** (%d)" % (fmt_ratio(geomean(vals)), len(vals))]
    lines.append("| " + " | ".join(geo) + " |")
    return "\n".join(lines)


def web_table(summary, sides):
    head = ["App", "Side", "Mean", "p50", "p99", "Peak RSS", "Server CPU/req",
            "Warmup to 95%", "Result"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "--:|" * 6 + "---|"]
    for it in summary:
        off = it["sides"].get("off", {})
        for s in sides:
            d = it["sides"].get(s, {})
            if not d.get("ok"):
                err = d.get("errors", [{}])
                cells = [it["app"], SIDE_LABEL[s]] + ["-"] * 6 + [
                    "FAILED (%s)" % err[0].get("error") if err and err[0] else "-"]
                lines.append("| " + " | ".join(cells) + " |")
                continue

            def with_ratio(key, fmt):
                v = d.get(key)
                if v is None:
                    return "-"
                text = fmt(v)
                if s != "off" and off.get(key):
                    if key == "vmhwm_kb":
                        text += " (%+.0f%%)" % ((v / off[key] - 1) * 100)
                    else:
                        text += " (%.2fx)" % (off[key] / v)
                return text

            w95 = d.get("warmup95_s")
            warm = "-" if w95 is None else "%s (%d req)" % (fmt_time(w95),
                                                            d.get("warmup95_requests", 0))
            cells = [it["app"], SIDE_LABEL[s],
                     with_ratio("mean", fmt_time), with_ratio("p50", fmt_time),
                     with_ratio("p99", fmt_time),
                     with_ratio("vmhwm_kb", lambda kb: "%.1f MB" % (kb / 1024.0)),
                     with_ratio("server_cpu_per_request", fmt_time), warm,
                     it["check"] if s == "on" else ""]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def compile_lines(pyperf_summary, web_summary):
    secs = sum(it["compile"].get("total_s", 0.0) for it in pyperf_summary)
    instr = sum(it["compile"].get("total_instr", 0) for it in pyperf_summary)
    lines = []
    if instr:
        lines.append("- Compile speed, pyperformance processes: %.2f µs per compiled bytecode "
                     "instruction (%.0f ms for %d instructions over all Pyrite processes)"
                     % (secs / instr * 1e6, secs * 1e3, instr))
    for it in web_summary:
        c = it["sides"].get("on", {}).get("compile", {})
        if c.get("us_per_instr") is not None:
            lines.append("- Compile speed, %s server: %.2f µs per instruction (%d instructions, "
                         "%d functions per server process)"
                         % (it["app"], c["us_per_instr"], c["instructions"], c["functions"]))
    return lines


def targets_lines(pyperf_summary, web_summary, refs):
    """The issue's targets, as measured by this run (read with the noise caveats)."""
    lines = []
    ok = [it for it in pyperf_summary if it["check"].startswith("ok") and "on" in it["ratios"]]
    if ok:
        ratios = [it["ratios"]["on"] for it in ok]
        g = geomean(ratios)
        worst = min(ok, key=lambda it: it["ratios"]["on"])
        twox = [it["row"] for it in ok if it["ratios"]["on"] >= 2.0]
        lines.append("- geomean >= 1.5x: %s (%.2fx)" % ("met" if g >= 1.5 else "not met", g))
        lines.append("- no benchmark < 0.98x: %s (lowest: %s %.2fx; %d below)" % (
            "met" if worst["ratios"]["on"] >= 0.98 else "not met", worst["row"],
            worst["ratios"]["on"], sum(1 for r in ratios if r < 0.98)))
        lines.append("- several >= 2x: %d (%s)" % (len(twox), ", ".join(twox) or "none"))
        if "pyston" in refs:
            common = [it for it in ok if "pyston" in it["ratios"]]
            if common:
                gp = geomean([it["ratios"]["on"] for it in common])
                gs = geomean([it["ratios"]["pyston"] for it in common])
                lines.append("- faster than pyston-lite: %s (geometric means over the %d "
                             "benchmarks both ran: Pyrite %.3fx, pyston-lite %.3fx of stock "
                             "3.11; Pyrite faster on %d of them)"
                             % ("met" if gp > gs else "not met", len(common), gp, gs,
                                sum(1 for it in common
                                    if it["ratios"]["on"] > it["ratios"]["pyston"])))
    for it in web_summary:
        off, on = it["sides"].get("off", {}), it["sides"].get("on", {})
        if off.get("mean") and on.get("mean"):
            m, p = off["mean"] / on["mean"], off["p99"] / on["p99"]
            rss = on["vmhwm_kb"] / off["vmhwm_kb"] - 1
            lines.append("- %s: mean %.2fx, p99 %.2fx (target >= 1.25x: %s); peak RSS %+.0f%% "
                         "(target <= +10%%: %s)" % (
                             it["app"], m, p, "met" if min(m, p) >= 1.25 else "not met",
                             rss * 100, "met" if rss <= 0.10 else "not met"))
    secs = sum(it["compile"].get("total_s", 0.0) for it in pyperf_summary)
    instr = sum(it["compile"].get("total_instr", 0) for it in pyperf_summary)
    if instr:
        us = secs / instr * 1e6
        lines.append("- compile speed <= 1 µs/instruction: %s (%.2f)" % (
            "met" if us <= 1.0 else "not met", us))
    return lines


def describe(args, info, started, load, elapsed, sides, command, done_rounds=None):
    if load:
        load_text = (
            "on average %.2f of %d cores busy with other work (the suite itself used %.2f); "
            "load average %.1f-%.1f (median %.1f); steal %.1f%%" % (
                load["other_cores"], load["ncpu"], load["suite_cores"], load["loadavg_min"],
                load["loadavg_max"], load["loadavg_median"], load["steal_pct"]))
    else:
        load_text = "not recorded"
    rounds = "%d rounds" % args.rounds
    if done_rounds is not None and done_rounds < args.rounds:
        rounds = "%d rounds (the run was stopped in round %d of the %d asked for)" % (
            done_rounds, done_rounds, args.rounds)
    lines = [
        "- Date: %s (local time)%s" % (
            started, "; duration %.0f min" % (elapsed / 60) if elapsed else ""),
        "- Command: `%s` (python: `%s`)" % (command, args.python),
        "- Machine: %s; %s; nproc %d" % (platform.platform(), cpu_model(), os.cpu_count() or 0),
        "- Load while it ran: %s%s" % (load_text, (". " + args.note) if args.note else ""),
        "- Interpreters: " + "; ".join(info),
        "- Settings: %s x (%s) fresh processes per benchmark, %d warmup + %d timed "
        "samples of >= %.2f s CPU each (PyPy: warmup >= %.0f s); web: %d rounds, %d warmup + %d "
        "timed requests per server; threshold %s" % (
            rounds, ", ".join(SIDE_LABEL[s] for s in sides), args.warmup, args.samples,
            args.target, args.pypy_warmup_time, args.web_rounds, args.web_warmup,
            args.web_requests, "default" if args.threshold is None else args.threshold),
    ]
    return "\n".join(lines)


def build_report(args, info, started, load_info, elapsed, sides, command, results,
                 web_results):
    pyperf_summary = summarize_pyperf(results, args.rows, sides)
    web_summary = summarize_web(web_results, args.apps, sides)
    done = None
    if results:
        done = max(r.get("round", 0) for r in results) + 1
    parts = [describe(args, info, started, load_info, elapsed, sides, command, done)]
    if pyperf_summary:
        parts.append("#### pyperformance (time per iteration, process CPU time)\n\n"
                     + pyperf_table(pyperf_summary, sides))
    if web_summary:
        parts.append("#### Web serving (latency per request, wall clock)\n\n"
                     + web_table(web_summary, sides))
    comp = compile_lines(pyperf_summary, web_summary)
    if comp:
        parts.append("#### Compile speed\n\n" + "\n".join(comp))
    tl = targets_lines(pyperf_summary, web_summary, args.refs)
    if tl:
        parts.append("#### Against the targets of issue 4 (this run)\n\n" + "\n".join(tl))
    failures = []
    for it in pyperf_summary:
        for s, d in it["sides"].items():
            for e in d["errors"][:1]:
                failures.append("- %s on %s: %s" % (it["row"], SIDE_LABEL[s], e["error"]))
    for it in web_summary:
        for s, d in it["sides"].items():
            for e in d["errors"][:1]:
                failures.append("- web %s on %s: %s" % (it["app"], SIDE_LABEL[s], e["error"]))
    if failures:
        parts.append("#### Did not run\n\n" + "\n".join(failures))
    return "\n\n".join(parts), pyperf_summary, web_summary


def report_from_json(opts):
    """--from-json: the report of a saved run (also of one stopped before its end)."""
    with open(opts.from_json) as f:
        data = json.load(f)
    args = argparse.Namespace(**data["args"])
    args.rows = [rows_mod.BY_NAME[n] for n in data["rows"]]
    done_rows = {r["row"] for r in data["results"]}
    args.rows = [r for r in args.rows if r["name"] in done_rows]
    done_apps = {r["app"] for r in data["web_results"]}
    args.apps = [a for a in args.apps if a in done_apps]
    if opts.note:
        args.note = opts.note
    command = data.get("command_line") or shlex.join(["python"] + data["command"])
    started = data.get("started", "unknown")
    text, pyperf_summary, web_summary = build_report(
        args, data["info"], started, data.get("load"), data.get("elapsed_s"), data["sides"],
        command, data["results"], data["web_results"])
    print(text)
    if opts.markdown:
        write_markdown(opts.markdown, text)
        log("report written to %s" % opts.markdown)
    return 0


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_markdown(path, text):
    block = "%s\n\n%s\n\n%s" % (MARK_START, text, MARK_END)
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


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.from_json:
        return report_from_json(args)
    started = datetime.datetime.now()
    t_start = time.perf_counter()
    os.makedirs(args.cache, exist_ok=True)

    cpy = envs.cpython_target(args.python)
    refs = envs.reference_targets(args.refs, args.pyston_off)
    targets = [cpy] + refs
    link_dir, pyrite_pkg = envs.pyrite_path(args.cache, args.python, args.pyrite_wheel,
                                            base_python=cpy.base)
    bench_dir = envs.ensure_pyperformance(args.cache, args.python)

    groups = {r["name"]: envs.row_requirements(bench_dir, r) for r in args.rows}
    reqs = sorted({q for g in groups.values() for q in g})
    for t in targets:
        if args.rows:
            envs.ensure_venv(args.cache, t, "bench", reqs + t.extra, groups)
        if args.apps:
            envs.ensure_venv(args.cache, t, "web", envs.WEB_REQUIREMENTS + t.extra)
    sides = [s for t in targets for s in t.sides]
    side_target = {s: t for t in targets for s in t.sides}

    info = []
    for t in targets:
        py = t.venvs.get("bench") or t.venvs.get("web")
        if py:
            v = envs.probe(py, "import sys, json; print(json.dumps(sys.version.split()[0] + ' ' "
                               "+ sys.implementation.name))")
            info.append("%s: %s (`%s`)" % ("/".join(SIDE_LABEL[s] for s in t.sides), v, t.base))
    info.append("pyrite: %s" % pyrite_pkg)
    log("# sides: %s; %d benchmarks, %d apps; cache %s" % (
        ", ".join(sides), len(args.rows), len(args.apps), args.cache))
    for line in info:
        log("#   " + line)
    if args.setup_only:
        return 0

    load = LoadMonitor()
    results, web_results = [], []
    json_path = args.json or os.path.join(HERE, "results",
                                          "suite-%s.json" % started.strftime("%Y%m%d-%H%M%S"))
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)

    def save(final=None):
        data = {"command": sys.argv, "args": {k: v for k, v in vars(args).items()
                                              if k not in ("rows",)},
                "rows": [r["name"] for r in args.rows], "sides": sides, "info": info,
                "started": started.strftime("%Y-%m-%d %H:%M"),
                "command_line": shlex.join(["python"] + [os.path.relpath(sys.argv[0])]
                                           + sys.argv[1:]),
                "elapsed_s": time.perf_counter() - t_start, "load": load.summary(),
                "results": results, "web_results": web_results}
        if final:
            data.update(final)
        with open(json_path, "w") as f:
            json.dump(data, f, indent=1, default=str)

    # ---- pyperformance ----
    loops, cal_errors = {}, {}
    if args.rows:
        log("# calibrating (loops per sample, cached in %s/calibration.json)" % args.cache)
        loops, cal_errors = calibrate(args, cpy, args.rows, link_dir, bench_dir)
        for name, err in cal_errors.items():
            for s in sides:
                results.append(dict(err, row=name, side=s, round=0))
    for rnd in range(args.rounds if args.rows else 0):
        pair = ["off", "on"] if rnd % 2 == 0 else ["on", "off"]
        order = pair + [s for s in sides if s not in ("off", "on")]
        for row in args.rows:
            if row["name"] not in loops:
                continue
            for s in order:
                t = side_target[s]
                if row["name"] in t.failed_reqs.get("bench", {}):
                    if rnd == 0:
                        results.append({"row": row["name"], "side": s, "round": rnd,
                                        "error": "requirements do not install"})
                    continue
                load.sample()
                res = run_child(t.venvs["bench"], args, row, s, loops[row["name"]], link_dir,
                                bench_dir)
                res.update(row=row["name"], side=s, round=rnd)
                results.append(res)
                status = ("%10s" % fmt_time(res["median"])) if "error" not in res \
                    else "ERROR " + res["error"]
                log("  round %d/%d %-22s %-11s %s" % (rnd + 1, args.rounds, row["name"], s,
                                                     status))
                if "error" in res and res.get("stderr"):
                    log("    " + res["stderr"].replace("\n", "\n    "))
            save()

    # ---- web ----
    for rnd in range(args.web_rounds if args.apps else 0):
        pair = ["off", "on"] if rnd % 2 == 0 else ["on", "off"]
        order = pair + [s for s in sides if s not in ("off", "on")]
        for app in args.apps:
            for s in order:
                t = side_target[s]
                load.sample()
                res = web.run_server_round(t.venvs["web"], side_env(s, link_dir), app, s,
                                           args.web_warmup, args.web_requests, args.threshold)
                res.update(app=app, side=s, round=rnd)
                web_results.append(res)
                if "error" in res:
                    log("  web round %d/%d %-7s %-11s ERROR %s\n    %s" % (
                        rnd + 1, args.web_rounds, app, s, res["error"],
                        res.get("stderr", "").replace("\n", "\n    ")))
                else:
                    log("  web round %d/%d %-7s %-11s mean %s p99 %s rss %.1f MB" % (
                        rnd + 1, args.web_rounds, app, s, fmt_time(res["mean"]),
                        fmt_time(res["p99"]), res["vmhwm_kb"] / 1024.0))
            save()

    elapsed = time.perf_counter() - t_start
    load_info = load.summary()
    command = shlex.join(["python"] + [os.path.relpath(sys.argv[0])] + sys.argv[1:])
    text, pyperf_summary, web_summary = build_report(
        args, info, started.strftime("%Y-%m-%d %H:%M"), load_info, elapsed, sides, command,
        results, web_results)
    print(text)
    save({"pyperf_summary": pyperf_summary, "web_summary": web_summary, "load": load_info,
          "report": text})
    log("\nraw results: %s" % json_path)
    if args.markdown:
        write_markdown(args.markdown, text)
        log("report written to %s" % args.markdown)
    bad = [it for it in pyperf_summary + web_summary if not it["check"].startswith("ok")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
