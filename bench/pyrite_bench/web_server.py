"""Serve one of the web benchmark's apps on 127.0.0.1 in this process (JIT per --mode).

Started by bench/suite.py, which sends the requests. Plain Python 3.9 (also runs on pyston-lite's
3.10 and PyPy). By hand:

    python web_server.py --app flask --mode on --ready-file /tmp/r.json --stats-file /tmp/s.json

The servers are the frameworks' own single-threaded development servers, as `flask run
--without-threads` and `manage.py runserver --nothreading` would start them: werkzeug's for
Flask, Django's (wsgiref-based) for Django. Request logging is off on both, and both close the
connection after each response (HTTP/1.0). The port is chosen by the OS and written, with the
pid, to --ready-file once the socket listens. On SIGTERM the server stops after the current request and writes
--stats-file: Pyrite's statistics (compile time and instructions) and its peak RSS.
"""

import argparse
import json
import logging
import os
import signal
import sys
import time

T0 = time.perf_counter()
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from _common import pyrite_stats, setup_mode  # noqa: E402

del sys.path[0]


def proc_status(field):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def write_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, default=str)
    os.rename(tmp, path)  # the driver polls for the file: it must appear complete


def make_server(app_name):
    sys.path.insert(0, os.path.join(HERE, "web_apps"))
    if app_name == "flask":
        import flask_app
        from werkzeug.serving import make_server as werkzeug_server
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        return werkzeug_server("127.0.0.1", 0, flask_app.application, threaded=False)
    if app_name == "django":
        import django_app
        from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
        logging.getLogger("django.server").setLevel(logging.ERROR)
        server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler, ipv6=False)
        server.set_app(django_app.application)
        return server
    raise SystemExit("web_server: unknown app %r" % app_name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True, choices=("flask", "django"))
    ap.add_argument("--mode", required=True,
                    choices=("off", "on", "pyston", "pyston-off", "pypy"))
    ap.add_argument("--threshold", type=int)
    ap.add_argument("--ready-file", required=True)
    ap.add_argument("--stats-file", required=True)
    opts = ap.parse_args()

    info = setup_mode(opts.mode, opts.threshold)
    server = make_server(opts.app)

    def on_term(signum, frame):
        # Ask serve_forever to return after the current request (what BaseServer.shutdown()
        # does, without its wait, which would deadlock in the serving thread). Raising here
        # instead could land inside a request, where the servers' error handling swallows it.
        server._BaseServer__shutdown_request = True

    signal.signal(signal.SIGTERM, on_term)
    write_json(opts.ready_file, {"port": server.server_address[1], "pid": os.getpid(),
                                 "startup_s": time.perf_counter() - T0})
    try:
        server.serve_forever(poll_interval=0.05)
    finally:
        stats = dict(info)
        stats.update(mode=opts.mode, app=opts.app, python=sys.version.split()[0],
                     implementation=sys.implementation.name,
                     vmhwm_kb=proc_status("VmHWM"), vmrss_kb=proc_status("VmRSS"),
                     cpu_s=time.process_time())
        if opts.mode == "on":
            stats["pyrite_stats"] = pyrite_stats()
        write_json(opts.stats_file, stats)


if __name__ == "__main__":
    main()
