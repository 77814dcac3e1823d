"""Virtual environments for the suite, one per interpreter and purpose, under a cache folder.

Nothing here is committed: every folder is (re)built on demand from PyPI by the ordinary pip of
each interpreter, and rebuilt when its requirement list or base interpreter changes.

    <cache>/pyperformance-<version>/benchmarks/   pyperformance's benchmark scripts and data
    <cache>/venvs/<target>-<purpose>/              one venv per interpreter and purpose
    <cache>/pyrite-path/pyrite -> <pyrite package> Pyrite for the CPython venvs (PYTHONPATH)
    <cache>/calibration.json                       loops per benchmark (see suite.py)
"""

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile

from . import rows as rows_mod

PYSTON_BASE = "/root/.pyenv/versions/3.10.13/bin/python3.10"
PYSTON_PACKAGE = "pyston_lite_autoload==2.3.5"

# The web benchmark's frameworks, the same versions on every interpreter (all run on 3.9+).
WEB_REQUIREMENTS = [
    "flask==3.0.3", "werkzeug==3.0.6", "jinja2==3.1.4", "markupsafe==2.1.5",
    "itsdangerous==2.2.0", "click==8.1.7", "blinker==1.8.2",
    "django==4.2.16", "asgiref==3.8.1", "sqlparse==0.5.1",
]


def default_cache():
    return os.environ.get("PYRITE_BENCH_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "pyrite-bench")


def log(msg):
    print("# " + msg, file=sys.stderr, flush=True)


def clean_env():
    """Environment for pip and venv creation: no PYTHONPATH or PYRITE_* leaking in."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYRITE_") and k not in ("PYTHONPATH", "DISABLE_PYSTON")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), **kw)
    if proc.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s" % (
            proc.returncode, " ".join(cmd), (proc.stdout + proc.stderr)[-3000:]))
    return proc.stdout


def probe(python, code):
    return json.loads(run([python, "-c", code]))


class Target(object):
    """One interpreter the suite runs on: its base binary and the sides it measures."""

    def __init__(self, key, base, sides, extra=()):
        self.key, self.base, self.sides, self.extra = key, base, sides, list(extra)
        self.venvs = {}  # purpose -> python of that venv
        self.failed_reqs = {}  # purpose -> {requirement: error}


def cpython_target(python):
    """The measured interpreter (Pyrite off and on): the base binary behind `python`."""
    info = probe(python, (
        "import sys, os, json\n"
        "base = getattr(sys, '_base_executable', sys.executable)\n"
        "print(json.dumps({'base': os.path.realpath(base), 'real': os.path.realpath(sys.executable),"
        " 'version': sys.version.split()[0], 'impl': sys.implementation.name}))"))
    if info["impl"] != "cpython" or not info["version"].startswith("3.11"):
        raise SystemExit("suite: %s is %s %s; Pyrite needs CPython 3.11"
                         % (python, info["impl"], info["version"]))
    if info["base"] != info["real"]:
        raise SystemExit("suite: cannot find the base interpreter of %s" % python)
    tag = hashlib.sha256(info["base"].encode()).hexdigest()[:6]
    return Target("cpython-%s-%s" % (info["version"], tag), info["base"], ["off", "on"])


def reference_targets(names, with_pyston_off):
    out = []
    if "pyston" in names:
        if os.path.exists(PYSTON_BASE):
            sides = ["pyston"] + (["pyston-off"] if with_pyston_off else [])
            out.append(Target("pyston-3.10.13", PYSTON_BASE, sides, [PYSTON_PACKAGE]))
        else:
            log("pyston-lite column skipped: %s not found" % PYSTON_BASE)
    if "pypy" in names:
        pypy = shutil.which("pypy3")
        if pypy:
            out.append(Target("pypy3", os.path.realpath(pypy), ["pypy"]))
        else:
            log("PyPy column skipped: no pypy3 on PATH (apt-get install -y pypy3 pypy3-venv)")
    return out


def venv_python(path):
    return os.path.join(path, "bin", "python")


def ensure_venv(cache, target, purpose, requirements, groups=None):
    """Create or update <cache>/venvs/<key>-<purpose> with `requirements` installed.

    `groups` maps a name (a benchmark) to its requirement list: when installing everything at
    once fails (a package that does not build on PyPy, say), each group is installed on its
    own and the failures are recorded, so only the benchmarks that need them are left out.
    """
    path = os.path.join(cache, "venvs", "%s-%s" % (target.key, purpose))
    stamp_path = os.path.join(path, "pyrite-bench-stamp.json")
    wanted = {"base": target.base, "requirements": sorted(set(requirements))}
    try:
        with open(stamp_path) as f:
            stamp = json.load(f)
    except (OSError, ValueError):
        stamp = None
    python = venv_python(path)
    fresh = stamp is None or stamp.get("base") != target.base or not os.path.exists(python)
    if not fresh and set(wanted["requirements"]) <= set(stamp.get("requirements", [])):
        # Everything asked for is installed (a run of a subset keeps the rest).
        target.venvs[purpose] = python
        target.failed_reqs[purpose] = stamp.get("failed", {})
        return python
    if fresh:
        log("creating venv %s" % path)
        shutil.rmtree(path, ignore_errors=True)
        run([target.base, "-m", "venv", path])
    else:
        wanted["requirements"] = sorted(set(wanted["requirements"])
                                        | set(stamp.get("requirements", [])))
    failed = {}
    if wanted["requirements"]:
        log("installing into %s: %s" % (path, " ".join(wanted["requirements"])))
        try:
            run([python, "-m", "pip", "install", "-q"] + wanted["requirements"])
        except RuntimeError as exc:
            if not groups:
                raise
            log("installing everything at once failed; trying benchmark by benchmark")
            for name, reqs in sorted(groups.items()):
                if not reqs:
                    continue
                try:
                    run([python, "-m", "pip", "install", "-q"] + list(reqs))
                except RuntimeError as exc2:
                    failed[name] = str(exc2)[-500:]
                    log("  %s: cannot install %s on %s" % (name, " ".join(reqs), target.key))
            del exc
    wanted["failed"] = failed
    with open(stamp_path, "w") as f:
        json.dump(wanted, f, indent=1)
    target.venvs[purpose] = python
    target.failed_reqs[purpose] = failed
    return python


def ensure_pyperformance(cache, helper_python):
    """pyperformance's benchmark folder, from its wheel on PyPI (pip download, not installed)."""
    version = rows_mod.PYPERFORMANCE_VERSION
    root = os.path.join(cache, "pyperformance-%s" % version)
    bench_dir = os.path.join(root, "benchmarks")
    if os.path.exists(os.path.join(bench_dir, "MANIFEST")):
        return bench_dir
    dl = os.path.join(cache, "downloads")
    os.makedirs(dl, exist_ok=True)
    log("downloading pyperformance==%s" % version)
    run([helper_python, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
         "-d", dl, "pyperformance==%s" % version])
    wheels = glob.glob(os.path.join(dl, "pyperformance-%s-*.whl" % version))
    if not wheels:
        raise RuntimeError("pip download produced no pyperformance wheel in %s" % dl)
    prefix = "pyperformance/data-files/benchmarks/"
    tmp = bench_dir + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(wheels[0]) as zf:
        for member in zf.namelist():
            if member.startswith(prefix) and not member.endswith("/"):
                dest = os.path.join(tmp, member[len(prefix):])
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with zf.open(member) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out)
    shutil.rmtree(bench_dir, ignore_errors=True)
    os.rename(tmp, bench_dir)
    return bench_dir


def row_requirements(bench_dir, row):
    path = os.path.join(bench_dir, row["dir"], "requirements.txt")
    reqs = []
    try:
        with open(path) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                name = line.split("=")[0].split("<")[0].split(">")[0].split("[")[0].strip()
                if name.lower() in rows_mod.SKIP_REQUIREMENTS:
                    continue
                reqs.append(line)
    except FileNotFoundError:
        pass
    return reqs


PYRITE_SMOKE = (
    "import pyrite\n"
    "pyrite.enable(threshold=0)\n"
    "def f(n):\n"
    "    s = 0\n"
    "    for i in range(n):\n"
    "        s += i * i\n"
    "    return s\n"
    "assert f(1000) == 332833500, f(1000)\n"
    "assert pyrite.stats()['functions_compiled'] >= 1\n"
    "print(getattr(pyrite, '__version__', '?'))\n"
)


def _tree_digest(root):
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, root).encode() + b"\0")
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()[:12]


def pyrite_path(cache, python, wheel=None, base_python=None, attempts=12):
    """A folder holding only `pyrite`, for PYTHONPATH in the CPython venvs.

    By default: a snapshot (copy) of the package that `python` imports, taken at the start of
    the run, so that a rebuild of the developer's tree during a long run (maturin writes into
    python/pyrite) cannot mix two builds in one table. The snapshot must import, enable and
    compile a small function; a copy taken in the middle of a rebuild fails that and is taken
    again a few seconds later. With `wheel`: that wheel, unpacked under the cache.
    Returns (folder for PYTHONPATH, description of what is measured).
    """
    if wheel:
        digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()[:12]
        unpacked = os.path.join(cache, "pyrite-wheel-" + digest)
        if not os.path.isdir(os.path.join(unpacked, "pyrite")):
            with zipfile.ZipFile(wheel) as zf:
                zf.extractall(unpacked)
        return unpacked, "wheel %s (sha256 %s...)" % (wheel, digest)
    out = subprocess.run(
        [python, "-c", "import os, pyrite; print(os.path.dirname(os.path.abspath(pyrite.__file__)))"],
        capture_output=True, text=True, env=clean_env())
    if out.returncode != 0:
        raise SystemExit("suite: pyrite cannot be imported by %s:\n%s"
                         % (python, out.stderr[-2000:]))
    pkg = out.stdout.strip()
    snapshots = os.path.join(cache, "pyrite-snapshots")
    os.makedirs(snapshots, exist_ok=True)
    last_error = ""
    for attempt in range(attempts):
        tmp = os.path.join(snapshots, "tmp-%d" % os.getpid())
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(pkg, os.path.join(tmp, "pyrite"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        digest = _tree_digest(os.path.join(tmp, "pyrite"))
        env = clean_env()
        env["PYTHONPATH"] = tmp
        check = subprocess.run([base_python or python, "-c", PYRITE_SMOKE], capture_output=True,
                               text=True, env=env, cwd=tmp)
        if check.returncode == 0:
            final = os.path.join(snapshots, digest)
            if os.path.isdir(final):
                shutil.rmtree(tmp)
            else:
                os.rename(tmp, final)
            so = [n for n in os.listdir(os.path.join(final, "pyrite")) if n.endswith(".so")]
            mtimes = [os.path.getmtime(os.path.join(pkg, n)) for n in so
                      if os.path.exists(os.path.join(pkg, n))]
            when = ""
            if mtimes:
                import datetime
                when = ", built %s" % datetime.datetime.fromtimestamp(max(mtimes)).strftime(
                    "%Y-%m-%d %H:%M")
            return final, "a snapshot of `%s`%s (tree sha256 %s...)" % (pkg, when, digest)
        shutil.rmtree(tmp, ignore_errors=True)
        last_error = (check.stderr or check.stdout)[-1500:]
        log("pyrite snapshot %d does not work (a rebuild in progress?); retrying in 10 s"
            % (attempt + 1))
        import time
        time.sleep(10)
    raise SystemExit("suite: no working snapshot of %s after %d attempts:\n%s"
                     % (pkg, attempts, last_error))
