"""Run one pyperformance benchmark body in this (fresh) process and print one JSON result line.

Started by bench/suite.py, on CPython 3.11 with Pyrite off or on, on pyston-lite's 3.10 and on
PyPy 3.9 (so: plain Python 3.9, standard library only). By hand:

    PYRITE_DISABLE=1 python child_pyperf.py --bench-dir DIR --row nbody --mode off --loops 3
    python child_pyperf.py --bench-dir DIR --row nbody --mode on --loops 3

How it measures: the benchmark script runs unchanged as `__main__`, but `import pyperf` gives it
the stand-in below instead of pyperf. Its `Runner.bench_time_func(name, f, *args)` calls
`f(loops, *args)` and takes the time `f` returns, measured with `pyperf.perf_counter`, which the
stand-in makes `time.process_time` (process CPU time: the benchmark's own body, without its
setup, and without the time the process spends descheduled on this shared machine).
`Runner.bench_func(name, f, *args)` calls `f(*args)` `loops` times between two
`time.process_time()` readings. One sample = one such measurement; it is divided by
loops * inner_loops, as pyperf does, so the numbers are comparable with pyperformance's.
Every process runs the same number of untimed warmup samples, then the timed samples, all with
the same `loops` (decided once per benchmark by a calibration run, `--loops 0`).

Nothing is swallowed: an exception in the benchmark ends the process with a traceback and a
non-zero status, which the driver reports as FAILED.
"""

import argparse
import io
import json
import os
import random
import resource
import runpy
import statistics
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import rows as rows_mod  # noqa: E402  (this directory, not the benchmark's)
from _common import RESULT_PREFIX, digest, pyrite_stats, setup_mode  # noqa: E402

del sys.path[0]


class Measurement(object):
    """What the stand-in Runner records for the selected benchmark."""

    def __init__(self, opts, row):
        self.opts = opts
        self.row = row
        self.done = False
        self.seen = []
        self.result = {}
        self.func = None
        self.args = ()


def make_pyperf(state):
    """A module that stands in for pyperf: the part of its API the benchmark scripts use."""
    mod = types.ModuleType("pyperf")
    mod.__file__ = __file__
    mod.perf_counter = time.process_time
    mod.__version__ = "0+pyrite-bench-shim"

    def python_implementation():
        return sys.implementation.name.lower()

    def python_has_jit():
        return sys.implementation.name.lower() == "pypy" or state.opts.mode in ("on", "pyston")

    mod.python_implementation = python_implementation
    mod.python_has_jit = python_has_jit

    class Runner(object):
        def __init__(self, *args, **kwargs):
            self.metadata = {}
            self.argparser = argparse.ArgumentParser(prog=state.row["name"])
            self.args = None

        def parse_args(self, args=None):
            self.args = self.argparser.parse_args(state.row["opts"])
            return self.args

        def _run(self, name, sample, inner_loops):
            state.seen.append(name)
            if name != state.row["name"]:
                return None  # another value of the same script: not this row
            if state.done:
                raise RuntimeError("benchmark %r measured twice" % name)
            state.done = True
            measure(state, sample, inner_loops or 1)
            return None

        def bench_time_func(self, name, time_func, *args, **kwargs):
            if name == state.row["name"]:
                state.func, state.args = time_func, args

            def sample(loops):
                return time_func(loops, *args)

            return self._run(name, sample, kwargs.get("inner_loops"))

        def bench_func(self, name, func, *args, **kwargs):
            if name == state.row["name"]:
                state.func, state.args = func, args
            returns = state.result.setdefault("return_digests", [])

            def sample(loops):
                t0 = time.process_time()
                for _ in range(loops):
                    value = func(*args)
                dt = time.process_time() - t0
                returns.append(digest(value))
                return dt

            return self._run(name, sample, kwargs.get("inner_loops"))

        def bench_async_func(self, name, func, *args, **kwargs):
            import asyncio
            if name == state.row["name"]:
                state.func, state.args = func, args

            def sample(loops):
                async def main():
                    t0 = time.process_time()
                    for _ in range(loops):
                        await func(*args)
                    return time.process_time() - t0

                return asyncio.run(main())

            return self._run(name, sample, kwargs.get("inner_loops"))

        def bench_command(self, name, command):
            raise NotImplementedError("bench_command benchmarks are not supported by the suite")

    mod.Runner = Runner
    return mod


def calibrate(sample, target):
    """Smallest loops (a power of two) whose sample takes at least `target` s of CPU."""
    loops = 1
    while True:
        dt = sample(loops)
        if dt >= target or loops >= 2 ** 24:
            return loops, dt
        loops *= 2


def measure(state, sample, inner_loops):
    opts, res = state.opts, state.result
    res["inner_loops"] = inner_loops
    if opts.loops == 0:
        res["loops"], res["calibration_sample_s"] = calibrate(sample, opts.target)
        return
    loops = opts.loops
    per = float(loops * inner_loops)
    warmup, times = [], []
    warm_cpu = 0.0
    # The warmup is a fixed number of samples, so that both sides of a comparison run exactly
    # the same calls (the checks compare state the runs leave behind). PyPy also gets a minimum
    # of warmup CPU time (--min-warmup-time): its tracing JIT needs seconds, not samples.
    while len(warmup) < opts.warmup or warm_cpu < opts.min_warmup_time:
        dt = sample(loops)
        warmup.append(dt / per)
        warm_cpu += dt
    for _ in range(opts.samples):
        times.append(sample(loops) / per)
    res.update(loops=loops, warmup_times=warmup, times=times,
               median=statistics.median(times), min=min(times))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench-dir", required=True, help="pyperformance's data-files/benchmarks")
    ap.add_argument("--row", required=True, help="a name from rows.py")
    ap.add_argument("--mode", required=True,
                    choices=("off", "on", "pyston", "pyston-off", "pypy"))
    ap.add_argument("--loops", type=int, required=True, help="0: calibrate and print loops")
    ap.add_argument("--target", type=float, default=0.1, help="calibration: s per sample")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--min-warmup-time", type=float, default=0.0)
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--threshold", type=int)
    ap.add_argument("--no-check", action="store_true")
    opts = ap.parse_args()

    row = rows_mod.BY_NAME[opts.row]
    state = Measurement(opts, row)
    info = setup_mode(opts.mode, opts.threshold)

    script_dir = os.path.join(opts.bench_dir, row["dir"])
    script = os.path.join(script_dir, "run_benchmark.py")
    sys.modules["pyperf"] = make_pyperf(state)
    sys.argv = [script] + row["opts"]
    sys.path.insert(0, script_dir)
    random.seed(0)  # the benchmarks that use random seed it themselves; this is for the rest

    captured = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = captured
    check = None
    try:
        namespace = runpy.run_path(script, run_name="__main__")
        if not state.done:
            sys.exit("child_pyperf: %s never called runner.bench_*(%r, ...); it called %r"
                     % (script, row["name"], state.seen))
        if opts.loops and row["check"] and not opts.no_check:
            scope = dict(namespace)
            scope.update(args=state.args, func=state.func, result=None)
            exec(compile(row["check"], "<check %s>" % row["name"], "exec"), scope)
            check = scope["result"]
    finally:
        sys.stdout = real_stdout

    out = state.result
    printed = captured.getvalue()
    out.update(info)
    out.update(
        row=row["name"], mode=opts.mode,
        python=sys.version.split()[0], implementation=sys.implementation.name,
        executable=sys.executable,
        stdout_digest=digest(printed), stdout_head=printed[:300],
        maxrss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        cpu_total_s=time.process_time(),
    )
    if check is not None:
        out["check_digest"] = digest(check)
        out["check_head"] = repr(check)[:120]
    if "return_digests" in out:
        out["return_digest"] = out["return_digests"][0] if out["return_digests"] else None
        out["return_stable"] = len(set(out["return_digests"])) <= 1
    if opts.mode == "on":
        out["pyrite_stats"] = pyrite_stats()
    real_stdout.write(RESULT_PREFIX + json.dumps(out, default=str) + "\n")
    real_stdout.flush()


if __name__ == "__main__":
    main()
