"""One of the web benchmark's apps served in process through werkzeug's test client (no sockets):
memory and code size after a number of requests, and a steady loop for callgrind.

Run it with the suite's web venv (it has Flask and Django) and pyrite on PYTHONPATH:

    PY=~/.cache/pyrite-bench/venvs/cpython-3.11.7-*-web/bin/python
    PYTHONPATH=python $PY bench/web_inprocess.py --mode on --warmup 0 --requests 3500
    # instructions per request: the difference of two runs, divided by 200
    PYTHONPATH=python valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        $PY bench/web_inprocess.py --mode on --warmup 300 --requests 200   # and 400

Prints one JSON line: VmRSS/VmHWM at the end (kB), CPU time per timed request, and with
--mode on the code and table sizes from pyrite.stats().
"""

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def proc_status():
    with open("/proc/self/status") as f:
        return {line.split(":")[0]: line.split(":")[1].strip() for line in f}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", choices=("flask", "django"), default="flask")
    ap.add_argument("--mode", choices=("on", "off"), required=True)
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--requests", type=int, default=3500)
    opts = ap.parse_args()
    if opts.mode == "on":
        import pyrite
        pyrite.enable()
    sys.path.insert(0, os.path.join(HERE, "pyrite_bench", "web_apps"))
    if opts.app == "flask":
        import flask_app as app
    else:
        import django_app as app
    from werkzeug.test import Client
    client = Client(app.application)
    for _ in range(opts.warmup):
        client.get("/")
    t0 = time.process_time()
    for _ in range(opts.requests):
        client.get("/")
    cpu = time.process_time() - t0
    status = proc_status()
    out = {"mode": opts.mode, "app": opts.app, "requests": opts.requests,
           "cpu_us_per_request": round(cpu / max(opts.requests, 1) * 1e6, 1),
           "vmrss": status["VmRSS"], "vmhwm": status["VmHWM"]}
    if opts.mode == "on":
        s = pyrite.stats()
        out.update({k: s.get(k) for k in ("functions_compiled", "recompilations", "early_code_dropped",
                                      "code_bytes", "code_hot_bytes", "metadata_bytes",
                                      "code_memory_mapped_bytes", "code_memory_released_bytes")})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
