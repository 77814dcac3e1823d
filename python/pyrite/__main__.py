"""``python -m pyrite [--stats] script.py args…`` / ``python -m pyrite [--stats] -m module args…``

Runs a program with the JIT enabled, exactly as ``python script.py`` / ``python -m module``
would: same ``sys.argv``, ``__main__`` module, exit code and uncaught-exception output.
"""

import os
import sys

from pyrite import _pyrite

USAGE = "usage: python -m pyrite [--stats] (script.py | -m module) [args ...]"


def _parse(argv):
    show_stats = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--stats":
            show_stats = True
        elif arg in ("-h", "--help"):
            print(USAGE)
            sys.exit(0)
        elif arg == "--version":
            import pyrite

            print(f"pyrite {pyrite.__version__}")
            sys.exit(0)
        elif arg == "-m":
            if i + 1 >= len(argv):
                sys.exit(USAGE)
            return show_stats, "module", argv[i + 1], argv[i + 2 :]
        elif arg.startswith("-m") and len(arg) > 2:
            return show_stats, "module", arg[2:], argv[i + 1 :]
        elif arg.startswith("-"):
            sys.exit(f"pyrite: unknown option {arg}\n{USAGE}")
        else:
            return show_stats, "script", arg, argv[i + 1 :]
        i += 1
    sys.exit(USAGE)


def _strip_own_frames(tb):
    """Drop the traceback entries of this launcher, so tracebacks look like plain ``python``."""
    here = __file__
    last_own = None
    walk = tb
    while walk is not None:
        if walk.tb_frame.f_code.co_filename == here:
            last_own = walk
        walk = walk.tb_next
    return tb if last_own is None else last_own.tb_next


def _run_script(path, args):
    import builtins
    import io
    from importlib.machinery import SourceFileLoader

    sys.argv[:] = [path] + args
    # As CPython's _Py_abspath: cwd + "/" + path, not normalised ("./x.py" stays "/cwd/./x.py");
    # __file__, co_filename and error messages use it, sys.argv[0] keeps the path as given.
    filename = path if os.path.isabs(path) else os.path.join(os.getcwd(), path)
    sys.path[0] = os.path.dirname(os.path.realpath(filename))
    try:
        with io.open_code(filename) as f:
            source = f.read()
    except OSError as exc:
        sys.stderr.write(
            f"{sys.executable}: can't open file {filename!r}: "
            f"[Errno {exc.errno}] {exc.strerror}\n"
        )
        sys.exit(2)
    code = compile(source, filename, "exec", dont_inherit=True)
    main = type(sys)("__main__")
    main.__dict__.update(
        __file__=filename,
        __builtins__=builtins,
        __annotations__={},
        __cached__=None,
        __loader__=SourceFileLoader("__main__", filename),
        __spec__=None,
        __package__=None,
    )
    sys.modules["__main__"] = main
    # `exec` adds one level and the module frame another; `python script.py` has only the latter.
    _pyrite._call_at_depth(exec, (code, main.__dict__), -1)


def _run_module(name, args):
    import runpy

    sys.argv[:] = [name] + args
    sys.path[0] = os.getcwd()
    # runpy runs the module in sys.modules["__main__"].__dict__, which is this launcher's
    # own namespace: give the program a fresh __main__ so it cannot clobber our globals
    # (__file__, main, ...) nor see them.
    main = type(sys)("__main__")
    main.__dict__["__annotations__"] = {}
    sys.modules["__main__"] = main
    # `python -m` calls this function from C: its frame is at depth 1.
    _pyrite._call_at_depth(runpy._run_module_as_main, (name, True), 0)


def main():
    show_stats, kind, target, args = _parse(sys.argv[1:])
    import pyrite

    if show_stats:
        os.environ["PYRITE_STATS"] = "1"
    try:
        pyrite.enable()
    except RuntimeError as exc:
        sys.stderr.write(f"pyrite: JIT not enabled: {exc}\n")
    if not sys.warnoptions:
        # `python -m` imported `warnings` (through runpy); `python script.py` has not, and then
        # warnings emitted at shutdown are printed by C code in a different form.
        sys.modules.pop("warnings", None)
    try:
        if kind == "script":
            _run_script(target, args)
        else:
            _run_module(target, args)
    except SystemExit:
        raise
    except BaseException as exc:
        tb = _strip_own_frames(exc.__traceback__)
        exc.__traceback__ = tb
        sys.excepthook(type(exc), exc, tb)
        if isinstance(exc, KeyboardInterrupt):
            # As CPython does: die of SIGINT so the parent sees the right status.
            import signal

            sys.stdout.flush()
            sys.stderr.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        sys.exit(1)


if __name__ == "__main__":
    main()
