"""One measurement: run a workload in this (fresh) process, JIT on or off, and print the result
as one JSON line. Started by bench/run.py; not meant to be run by hand, but it can be:

    PYRITE_DISABLE=1 python bench/_child.py --workload nbody --mode off
    python bench/_child.py --workload nbody --mode on

Mode "off" never imports pyrite: the stock side must be the plain interpreter, not pyrite with a
switch turned off. Mode "on" fails loudly when pyrite cannot be imported or enabled; silently
running stock would make "pyrite" numbers that are really stock numbers.
"""

import argparse
import hashlib
import importlib
import json
import os
import statistics
import sys
import time

# The parent looks for this prefix, so anything a workload prints cannot be taken for the result.
RESULT_PREFIX = "@@bench-result@@ "


def digest(value):
    # repr, not hash(): hash() of str is salted per process, and repr shows every float bit.
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def setup_off():
    if os.environ.get("PYRITE_DISABLE", "") in ("", "0"):
        sys.exit("_child: --mode off needs PYRITE_DISABLE=1 in the environment")
    # An autoload .pth may have imported pyrite at start-up; with PYRITE_DISABLE it must not
    # have installed the hook.
    mod = sys.modules.get("pyrite")
    if mod is not None and mod.is_enabled():
        sys.exit("_child: pyrite is enabled although PYRITE_DISABLE=1")
    return {"autoloaded": mod is not None}


def setup_on(threshold):
    if os.environ.get("PYRITE_DISABLE", "") not in ("", "0"):
        sys.exit("_child: --mode on with PYRITE_DISABLE set in the environment")
    autoloaded = "pyrite" in sys.modules
    try:
        import pyrite
    except ImportError as exc:
        sys.exit(f"_child: cannot import pyrite in {sys.executable}: {exc}")
    if pyrite.is_enabled() and threshold is not None:
        # Enabled at start-up by the autoload package with the default threshold; redo it with
        # the requested one.
        pyrite.disable()
    if not pyrite.is_enabled():
        if threshold is None:
            pyrite.enable()
        else:
            pyrite.enable(threshold=threshold)
    if not pyrite.is_enabled():
        sys.exit("_child: pyrite.enable() returned but the JIT is not enabled")
    return {"autoloaded": autoloaded, "pyrite_version": getattr(pyrite, "__version__", "?")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", required=True)
    ap.add_argument("--mode", choices=("on", "off"), required=True)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threshold", type=int, default=None)
    args = ap.parse_args()

    # Enable before importing the workload, as `python -m pyrite` does.
    info = setup_off() if args.mode == "off" else setup_on(args.threshold)

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    module = importlib.import_module(f"workloads.{args.workload}")

    warmup_times, times, digests = [], [], []
    result_repr = None
    for i in range(args.warmup + args.reps):
        t0 = time.process_time()
        result = module.run()
        elapsed = time.process_time() - t0
        (warmup_times if i < args.warmup else times).append(elapsed)
        # Every call's result is checked, warmup included: the first calls run interpreted and
        # later ones compiled, so a difference between them is a miscompile.
        digests.append(digest(result))
        if result_repr is None:
            result_repr = repr(result)[:200]

    out = {
        "workload": args.workload,
        "mode": args.mode,
        "median": statistics.median(times),
        "min": min(times),
        "times": times,
        "warmup_times": warmup_times,
        "digest": digests[0],
        "stable": len(set(digests)) == 1,
        "digests": digests,
        "result": result_repr,
        "python": sys.version.split()[0],
        **info,
    }
    if args.mode == "on":
        try:
            import pyrite

            out["pyrite_stats"] = pyrite.stats()
        except Exception as exc:  # statistics are a bonus; never lose the measurement over them
            out["pyrite_stats"] = f"unavailable: {exc!r}"
    print(RESULT_PREFIX + json.dumps(out, default=str), flush=True)


if __name__ == "__main__":
    main()
