"""Shared pytest fixtures and helpers."""

# --- helpers for test_api / test_cli / test_unsupported / test_autoload / test_regrtest_slice ---
import os as _api_os
import subprocess as _api_subprocess
import sys as _api_sys
import textwrap as _api_textwrap
from pathlib import Path as _ApiPath

import pytest as _api_pytest

API_REPO_ROOT = _ApiPath(__file__).resolve().parent.parent
API_PYTHON_SRC = API_REPO_ROOT / "python"
API_AUTOLOAD_DIR = API_REPO_ROOT / "autoload"
API_PTH_FILE = API_AUTOLOAD_DIR / "pyrite_autoload.pth"


def api_clean_env(**overrides):
    """os.environ without PYRITE_* and PYTHON* variables that change behaviour, plus overrides
    (a value of None removes the variable)."""
    env = {
        k: v
        for k, v in _api_os.environ.items()
        if not k.startswith("PYRITE_")
        and k not in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONHOME",
                      "PYTHONWARNINGS", "PYTHONDEVMODE")
    }
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def api_run_python(code, *args, python=None, env=None, cwd=None, timeout=180):
    """Run ``python -c code args`` (code dedented) and return the CompletedProcess (text)."""
    cmd = [python or _api_sys.executable, "-c", _api_textwrap.dedent(code), *args]
    return _api_subprocess.run(
        cmd,
        env=api_clean_env() if env is None else env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def api_run_cmd(cmd, env=None, cwd=None, timeout=180):
    return _api_subprocess.run(
        [str(c) for c in cmd],
        env=api_clean_env() if env is None else env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def api_check(proc, returncode=0):
    """Assert a CompletedProcess' exit status, showing its output when it is wrong."""
    assert proc.returncode == returncode, (
        f"exit status {proc.returncode} (expected {returncode})\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )
    return proc


def _api_pyrite_import_error():
    proc = api_run_python("import pyrite")
    return None if proc.returncode == 0 else proc.stderr.strip().splitlines()[-1:]


@_api_pytest.fixture(scope="session")
def pyrite_importable():
    """Fails (not skips: a missing pyrite is a broken build) when ``sys.executable`` cannot
    import pyrite."""
    err = _api_pyrite_import_error()
    if err is not None:
        _api_pytest.fail(f"pyrite is not importable by {_api_sys.executable}: {err}", pytrace=False)
    return True


def api_pyrite_location(python=None):
    """The directory holding the ``pyrite`` package of ``python`` (default sys.executable)."""
    proc = api_check(api_run_python(
        "import os, pyrite; print(os.path.dirname(os.path.dirname(os.path.abspath(pyrite.__file__))))",
        python=python,
    ))
    return _ApiPath(proc.stdout.strip())
