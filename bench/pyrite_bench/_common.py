"""Helpers shared by the child processes (child_pyperf.py, web_server.py). Plain Python 3.9:
these run on CPython 3.11, pyston-lite's 3.10 and PyPy 3.9."""

import hashlib
import os
import re
import sys

RESULT_PREFIX = "@@bench-result@@ "
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def digest(value):
    """Hash of repr(value) (of value itself for str/bytes), without object addresses."""
    if isinstance(value, bytes):
        data = value
    else:
        text = value if isinstance(value, str) else repr(value)
        data = _ADDRESS.sub(" at 0x?", text).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def setup_mode(mode, threshold=None):
    """Turn the JIT of this side on (Pyrite) and check that each side is what it claims.

    "off" never imports pyrite: the stock side is the plain interpreter. "on" fails loudly
    when pyrite cannot be imported or enabled, rather than quietly measuring stock.
    """
    info = {}
    if mode == "on":
        if os.environ.get("PYRITE_DISABLE", "") not in ("", "0"):
            sys.exit("bench child: --mode on with PYRITE_DISABLE set")
        try:
            import pyrite
        except ImportError as exc:
            sys.exit("bench child: cannot import pyrite in %s: %r" % (sys.executable, exc))
        if pyrite.is_enabled() and threshold is not None:
            pyrite.disable()
        if not pyrite.is_enabled():
            if threshold is None:
                pyrite.enable()
            else:
                pyrite.enable(threshold=threshold)
        if not pyrite.is_enabled():
            sys.exit("bench child: pyrite.enable() returned but the JIT is not enabled")
        info["pyrite_version"] = getattr(pyrite, "__version__", "?")
        info["pyrite_file"] = getattr(pyrite, "__file__", "?")
    elif mode == "off":
        mod = sys.modules.get("pyrite")
        if mod is not None and mod.is_enabled():
            sys.exit("bench child: pyrite is enabled on the stock side")
    elif mode == "pyston":
        if "pyston_lite" not in sys.modules:
            sys.exit("bench child: pyston-lite is not loaded (pyston_lite_autoload missing?)")
    elif mode == "pyston-off":
        if "pyston_lite" in sys.modules:
            sys.exit("bench child: pyston-lite is loaded although DISABLE_PYSTON is set")
    elif mode == "pypy":
        if sys.implementation.name != "pypy":
            sys.exit("bench child: --mode pypy on %s" % sys.implementation.name)
    else:
        sys.exit("bench child: unknown mode %r" % mode)
    return info


def pyrite_stats():
    try:
        import pyrite
        stats = pyrite.stats()
        stats["enabled_at_end"] = pyrite.is_enabled()
        return stats
    except Exception as exc:  # statistics are a bonus; never lose the measurement over them
        return "unavailable: %r" % (exc,)
