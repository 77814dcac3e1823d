"""Web serving benchmark, driver side: start a server process (web_server.py), send it a bounded
number of sequential requests on 127.0.0.1, measure each request's latency, the server's CPU
time and peak RSS, then stop it.

Latency is wall-clock time by nature (perf_counter around connect + request + full response);
it is the noisiest number of the suite on a shared machine, so every round runs both sides
back to back and the report takes medians over rounds. The server's CPU time per request
(from /proc, over the timed requests) is reported next to it: it moves much less with the
machine's load.
"""

import hashlib
import http.client
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "web_server.py")
sys.path.insert(0, os.path.join(HERE, "web_apps"))
from blog_data import PATHS  # noqa: E402

del sys.path[0]

CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc_cpu_s(pid):
    """utime + stime of a process, from /proc/PID/stat."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_status_kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def percentile(sorted_values, q):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(math.ceil(q / 100.0 * len(sorted_values))) - 1))
    return sorted_values[k]


def warmup_time(starts, latencies, window=50, level=0.95):
    """Time from the first request until the server reaches `level` of its peak speed.

    Peak speed: the inverse of the mean latency over the last half of all requests (the
    steady state). The answer is the end time (relative to the first request) of the first
    window of `window` consecutive requests whose mean latency is at most peak / level, and the
    number of requests sent by then. None if no window gets there.
    """
    n = len(latencies)
    if n < 2 * window:
        return None, None
    steady = sum(latencies[n // 2:]) / (n - n // 2)
    limit = steady / level
    acc = sum(latencies[:window])
    for end in range(window, n + 1):
        if end > window:
            acc += latencies[end - 1] - latencies[end - 1 - window]
        if acc / window <= limit:
            return starts[end - 1] + latencies[end - 1] - starts[0], end
    return None, None


def request(port, path, timeout):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, body
    finally:
        conn.close()


def run_server_round(python, env, app, mode, n_warmup, n_timed, threshold=None,
                     time_limit=600.0, rss_limit_mb=3072):
    """One server process: returns a dict of measurements, or {"error": ...}."""
    tmp = tempfile.mkdtemp(prefix="pyrite-web-")
    ready_file = os.path.join(tmp, "ready.json")
    stats_file = os.path.join(tmp, "stats.json")
    log_path = os.path.join(tmp, "server.log")
    cmd = [python, SERVER, "--app", app, "--mode", mode, "--ready-file", ready_file,
           "--stats-file", stats_file]
    if threshold is not None and mode == "on":
        cmd += ["--threshold", str(threshold)]
    t_spawn = time.perf_counter()
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, cwd=tmp)
    result = {"app": app, "mode": mode}

    def fail(why):
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
        with open(log_path, errors="replace") as f:
            tail = "\n".join(f.read().strip().splitlines()[-15:])
        result.update(error=why, stderr=tail)
        return result

    try:
        deadline = time.perf_counter() + 120
        while not os.path.exists(ready_file):
            if proc.poll() is not None:
                return fail("server exited with status %s before listening" % proc.returncode)
            if time.perf_counter() > deadline:
                return fail("server not listening after 120 s")
            time.sleep(0.01)
        with open(ready_file) as f:
            ready = json.load(f)
        port = ready["port"]
        result["startup_s"] = time.perf_counter() - t_spawn
        starts, lats, digests = [], [], {}
        cpu_before = None
        stop_at = time.perf_counter() + time_limit
        total = n_warmup + n_timed
        for i in range(total):
            if i == n_warmup:
                cpu_before = proc_cpu_s(proc.pid)
                t_timed = time.perf_counter()
            path = PATHS[i % len(PATHS)]
            t0 = time.perf_counter()
            try:
                status, body = request(port, path, timeout=60)
            except (OSError, http.client.HTTPException) as exc:
                return fail("request %d (%s) failed: %r" % (i, path, exc))
            t1 = time.perf_counter()
            if status != 200:
                return fail("request %d (%s): HTTP status %d" % (i, path, status))
            d = hashlib.sha256(body).hexdigest()[:16]
            if digests.setdefault(path, d) != d:
                return fail("the response to %s changed between requests" % path)
            starts.append(t0)
            lats.append(t1 - t0)
            # A bound on the server's memory: PyPy's RSS grows by megabytes per request on
            # werkzeug's server, and this machine is shared.
            if i % 25 == 24 and (proc_status_kb(proc.pid, "VmRSS") or 0) > rss_limit_mb * 1024:
                return fail("server RSS above %d MB after %d requests" % (rss_limit_mb, i + 1))
            if t1 > stop_at:
                return fail("time limit of %.0f s reached after %d requests" % (time_limit, i + 1))
        wall_timed = time.perf_counter() - t_timed
        cpu_after = proc_cpu_s(proc.pid)
        vmhwm = proc_status_kb(proc.pid, "VmHWM")
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            return fail("server did not stop within 30 s of SIGTERM")
        if proc.returncode != 0:
            return fail("server exited with status %s" % proc.returncode)
        stats = {}
        if os.path.exists(stats_file):
            with open(stats_file) as f:
                stats = json.load(f)
        timed = sorted(lats[n_warmup:])
        t95, n95 = warmup_time(starts, lats)
        result.update(
            requests=total, timed=n_timed,
            mean=sum(timed) / len(timed), p50=percentile(timed, 50), p90=percentile(timed, 90),
            p99=percentile(timed, 99), max=timed[-1],
            first_request=lats[0],
            server_cpu_per_request=(cpu_after - cpu_before) / n_timed,
            throughput=n_timed / wall_timed,
            warmup95_s=t95, warmup95_requests=n95,
            vmhwm_kb=vmhwm, digests=digests,
            server_stats=stats,
            latencies_ms=[round(x * 1000, 3) for x in lats],
        )
        log.close()
        return result
    except BaseException:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        raise
    finally:
        if not log.closed:
            log.close()
