"""Pyrite: a just-in-time compiler for CPython 3.11.

Pyrite installs itself through the PEP 523 frame-evaluation hook: every Python function call
goes through it, hot functions are compiled to machine code, and everything else runs in
CPython's own interpreter.

    import pyrite
    pyrite.enable()          # compile functions from now on
    pyrite.stats()           # what was compiled, refused, and why
    pyrite.disable()

Environment variables: ``PYRITE_THRESHOLD`` (calls before a function is compiled; 0 = at the
first call), ``PYRITE_LOOP_THRESHOLD`` (the same for functions containing a loop; default 1), ``PYRITE_STATS=1`` (print the statistics at exit), ``PYRITE_STATS_FILE=path`` (append them to a file as a JSON line at exit), ``PYRITE_DISABLE=1`` (the
autoload package does nothing).
"""

import os
import sys

from pyrite import _pyrite

__version__ = _pyrite.__version__
__all__ = ["enable", "disable", "is_enabled", "stats", "format_stats", "__version__"]

#: Default for ``PYRITE_THRESHOLD``; docs/benchmarks.md records how it was chosen.
DEFAULT_THRESHOLD = _pyrite.DEFAULT_THRESHOLD
#: Default for ``PYRITE_LOOP_THRESHOLD``: functions that contain a loop are compiled at their
#: first call, since the interpreter would otherwise run the whole loop (a function called once
#: that loops for seconds would never be compiled). Such early code has no type feedback: the
#: next calls (at most 3) run in the interpreter until it has quickened the code, which is then
#: compiled again (``stats()["recompilations"]``). A first call that entered its loops fewer
#: than 100 times was not such a loop: its code is dropped and the function waits for the
#: ordinary threshold (``stats()["early_code_dropped"]``), so that code run once at import time
#: does not stay compiled.
DEFAULT_LOOP_THRESHOLD = 1

_stats_at_exit_registered = False


def _env_threshold(name="PYRITE_THRESHOLD"):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a non-negative integer, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {raw!r}")
    return value


def _prep_reraise_star():
    """A function whose body is the single instruction ``PREP_RERAISE_STAR`` on its two
    arguments: compiled code runs that instruction (the end of an ``except*`` block) through it,
    because the C function behind it is internal to libpython."""
    import opcode

    def prep_reraise_star(orig, excs):
        pass

    op = opcode.opmap
    code = bytes([op["RESUME"], 0, op["LOAD_FAST"], 0, op["LOAD_FAST"], 1,
                  op["PREP_RERAISE_STAR"], 0, op["RETURN_VALUE"], 0])
    co = prep_reraise_star.__code__.replace(co_code=code, co_stacksize=2, co_linetable=b"",
                                            co_exceptiontable=b"")
    return type(prep_reraise_star)(co, {"__builtins__": __builtins__})


def enable(threshold=None, loop_threshold=None):
    """Install the JIT for this interpreter.

    ``threshold`` is the number of calls after which a function is compiled (0: at its first
    call); by default ``PYRITE_THRESHOLD`` or ``DEFAULT_THRESHOLD``. ``loop_threshold`` is the
    same for functions that contain a loop; by default ``PYRITE_LOOP_THRESHOLD`` or
    ``DEFAULT_LOOP_THRESHOLD``, and never more than ``threshold``. Raises ``RuntimeError`` when
    the interpreter is not supported (not CPython 3.11, or another PEP 523 hook is installed);
    the program then simply goes on interpreted.
    """
    if threshold is None:
        threshold = _env_threshold()
    if threshold is None:
        threshold = DEFAULT_THRESHOLD
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 0:
        raise ValueError("threshold must be a non-negative integer")
    if loop_threshold is None:
        loop_threshold = _env_threshold("PYRITE_LOOP_THRESHOLD")
    if loop_threshold is None:
        loop_threshold = DEFAULT_LOOP_THRESHOLD
    if not isinstance(loop_threshold, int) or isinstance(loop_threshold, bool) or loop_threshold < 0:
        raise ValueError("loop_threshold must be a non-negative integer")
    loop_threshold = min(loop_threshold, threshold)
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
        raise RuntimeError(
            "pyrite supports CPython 3.11 only; this is "
            f"{sys.implementation.name} {sys.version.split()[0]}: running interpreted"
        )
    _pyrite.enable(threshold, loop_threshold, _prep_reraise_star())
    if os.environ.get("PYRITE_STATS", "") not in ("", "0"):
        _print_stats_at_exit()
    if os.environ.get("PYRITE_STATS_FILE"):
        _append_stats_at_exit(os.environ["PYRITE_STATS_FILE"])


def disable():
    """Remove the JIT hook; compiled code stays attached to its functions until they die."""
    _pyrite.disable()


def is_enabled():
    """True while Pyrite's frame-evaluation hook is installed."""
    return _pyrite.is_enabled()


def stats():
    """A dict of counters: functions compiled and refused (by reason), code bytes, compile
    time, calls into compiled code, and exits to the interpreter (by opcode and reason)."""
    return _pyrite.stats()


def format_stats(data=None):
    """The statistics as readable text."""
    data = stats() if data is None else data
    lines = ["pyrite statistics"]
    simple = [(k, v) for k, v in data.items() if not isinstance(v, dict)]
    width = max((len(k) for k, _ in simple), default=0)
    for key, value in simple:
        if isinstance(value, float):
            value = f"{value:.6f}"
        lines.append(f"  {key:<{width}}  {value}")
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"  {key}:")
            if not value:
                lines.append("    (none)")
            for sub, count in sorted(value.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"    {sub:<40} {count}")
    return "\n".join(lines)


def _print_stats_at_exit():
    global _stats_at_exit_registered
    if _stats_at_exit_registered:
        return
    _stats_at_exit_registered = True
    import atexit

    atexit.register(lambda: print(format_stats(), file=sys.stderr))


_stats_file_registered = False


def _append_stats_at_exit(path):
    """``PYRITE_STATS_FILE``: append this process's statistics to ``path`` as one JSON line at
    exit (many processes may share the file, e.g. the workers of a test run)."""
    global _stats_file_registered
    if _stats_file_registered:
        return
    _stats_file_registered = True
    import atexit
    # Imported now: an import at exit makes an unhandled KeyboardInterrupt exit with status 1
    # instead of dying by SIGINT (it resets CPython's unhandled-interrupt flag).
    import json

    def append():
        line = json.dumps({"pid": os.getpid(), "argv": sys.argv[:3], **stats()}) + "\n"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line.encode())
            finally:
                os.close(fd)
        except OSError as e:
            print(f"pyrite: cannot write PYRITE_STATS_FILE {path!r}: {e}", file=sys.stderr)

    atexit.register(append)


_autoload_warned = False


def _autoload():
    """Entry point of the pyrite-autoload ``.pth`` line: enable, or warn once and go on."""
    global _autoload_warned
    if os.environ.get("PYRITE_DISABLE", "") not in ("", "0"):
        return
    if is_enabled():
        # CPython 3.11's site.py runs the .pth files of a venv twice (site.venv() and
        # site.main() both call addsitepackages), and sitecustomize may call us as well.
        return
    try:
        enable()
    except Exception as exc:  # never stop the interpreter from starting
        if not _autoload_warned:
            _autoload_warned = True
            sys.stderr.write(f"pyrite: JIT not enabled: {exc}\n")
