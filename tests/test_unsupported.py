"""Pyrite on interpreters it cannot serve: it must say so cleanly and let the program run."""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from conftest import API_PTH_FILE, API_PYTHON_SRC, api_check, api_clean_env, api_run_python

PYTHON312 = Path("/root/.pyenv/versions/3.12.1/bin/python3")

OTHER_HOOK_C = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A trivial PEP 523 frame-evaluation hook that just runs the default interpreter. */
static unsigned long long calls = 0;

static PyObject *
passthrough(PyThreadState *tstate, struct _PyInterpreterFrame *frame, int throwflag)
{
    calls++;
    return _PyEval_EvalFrameDefault(tstate, frame, throwflag);
}

static PyObject *
install(PyObject *self, PyObject *noargs)
{
    _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), passthrough);
    Py_RETURN_NONE;
}

static PyObject *
uninstall(PyObject *self, PyObject *noargs)
{
    _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), _PyEval_EvalFrameDefault);
    Py_RETURN_NONE;
}

static PyObject *
is_installed(PyObject *self, PyObject *noargs)
{
    return PyBool_FromLong(
        _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState_Get()) == passthrough);
}

static PyObject *
get_calls(PyObject *self, PyObject *noargs)
{
    return PyLong_FromUnsignedLongLong(calls);
}

static PyMethodDef methods[] = {
    {"install", install, METH_NOARGS, NULL},
    {"uninstall", uninstall, METH_NOARGS, NULL},
    {"is_installed", is_installed, METH_NOARGS, NULL},
    {"calls", get_calls, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {PyModuleDef_HEAD_INIT, "otherhook", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_otherhook(void)
{
    return PyModule_Create(&moduledef);
}
"""


@pytest.fixture(scope="module")
def otherhook_dir(tmp_path_factory):
    """A directory holding the ``otherhook`` extension, built with gcc for sys.executable."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        pytest.skip("no C compiler to build a competing PEP 523 hook")
    proc = api_run_python("""
        import sysconfig
        print(sysconfig.get_paths()["include"])
        print(sysconfig.get_config_var("EXT_SUFFIX"))
    """)
    include, suffix = api_check(proc).stdout.split()
    if not Path(include, "Python.h").exists():
        pytest.skip(f"no Python.h in {include}")
    out = tmp_path_factory.mktemp("otherhook")
    src = out / "otherhook.c"
    src.write_text(OTHER_HOOK_C)
    build = subprocess.run(
        [gcc, "-shared", "-fPIC", "-O1", f"-I{include}", str(src), "-o", str(out / f"otherhook{suffix}")],
        capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr
    return out


def _mentions_hook(text):
    return re.search(r"hook|PEP 523|frame.?eval|eval.?frame", text, re.IGNORECASE)


@pytest.mark.usefixtures("pyrite_importable")
def test_enable_refuses_when_another_hook_is_installed(otherhook_dir):
    proc = api_check(api_run_python(f"""
        import sys
        sys.path.insert(0, {str(otherhook_dir)!r})
        import otherhook, pyrite
        otherhook.install()
        assert otherhook.is_installed()
        try:
            pyrite.enable()
        except RuntimeError as e:
            print("RuntimeError:", e)
        else:
            print("enabled anyway")
        print("pyrite enabled:", pyrite.is_enabled())
        print("other hook kept:", otherhook.is_installed())
        def f(x):
            return x + 1
        before = otherhook.calls()
        print("sum:", sum(f(i) for i in range(1000)))
        print("other hook ran:", otherhook.calls() > before)
        # once the other hook is gone, pyrite can install itself
        otherhook.uninstall()
        pyrite.enable()
        print("after uninstall:", pyrite.is_enabled())
        pyrite.disable()
    """))
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("RuntimeError:"), proc.stdout
    assert _mentions_hook(lines[0]), f"error does not mention the other hook: {lines[0]}"
    assert "pyrite enabled: False" in lines
    assert "other hook kept: True" in lines
    assert "sum: 500500" in lines
    assert "other hook ran: True" in lines
    assert "after uninstall: True" in lines


@pytest.mark.usefixtures("pyrite_importable")
def test_cli_warns_and_runs_when_another_hook_is_installed(otherhook_dir, tmp_path):
    # `python -m pyrite` under a usercustomize-like early hook: use a .pth dir via site
    script = tmp_path / "prog.py"
    script.write_text("print(sum(range(10)))\n")
    sitedir = tmp_path / "site"
    sitedir.mkdir()
    (sitedir / "00_otherhook.pth").write_text(
        f"{otherhook_dir}\nimport otherhook; otherhook.install()\n")
    proc = api_check(api_run_python(f"""
        import site, sys, runpy
        site.addsitedir({str(sitedir)!r})
        sys.argv = ["pyrite", {str(script)!r}]
        runpy.run_module("pyrite", run_name="__main__", alter_sys=True)
    """))
    assert proc.stdout == "45\n"
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "pyrite" in proc.stderr and _mentions_hook(proc.stderr)


@pytest.mark.usefixtures("pyrite_importable")
def test_autoload_with_another_hook_warns_once(otherhook_dir, tmp_path):
    sitedir = tmp_path / "site"
    sitedir.mkdir()
    # .pth files run in alphabetical order: the other hook goes in first
    (sitedir / "00_otherhook.pth").write_text(
        f"{otherhook_dir}\nimport otherhook; otherhook.install()\n")
    shutil.copy(API_PTH_FILE, sitedir / API_PTH_FILE.name)
    proc = api_check(api_run_python(f"""
        import site, sys
        site.addsitedir({str(sitedir)!r})
        import otherhook, pyrite
        assert otherhook.is_installed()
        pyrite._autoload()          # a second attempt must not warn again
        def f(x):
            return x * 2
        print(sum(f(i) for i in range(100)), pyrite.is_enabled(), otherhook.is_installed())
    """))
    assert proc.stdout.split() == ["9900", "False", "True"]
    warning = proc.stderr.splitlines()
    assert len(warning) == 1, proc.stderr
    assert "pyrite" in warning[0] and _mentions_hook(warning[0]), warning


def _need_312():
    if not PYTHON312.exists():
        pytest.skip(f"{PYTHON312} not present")


def test_other_python_version_enable_is_clean_error():
    _need_312()
    proc = api_run_python("""
        import pyrite
        pyrite.enable()
        print("enabled?!")
    """, python=str(PYTHON312), env=api_clean_env(PYTHONPATH=str(API_PYTHON_SRC)))
    # a Python exception (exit 1 with a traceback), never a signal or a silent success
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "Traceback (most recent call last)" in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert re.match(r"(ImportError|ModuleNotFoundError|RuntimeError)\b", last), last
    assert "enabled?!" not in proc.stdout


def test_other_python_version_autoload_line_is_harmless(tmp_path):
    _need_312()
    sitedir = tmp_path / "site"
    sitedir.mkdir()
    shutil.copy(API_PTH_FILE, sitedir / API_PTH_FILE.name)
    code = f"""
        import site, sys
        site.addsitedir({str(sitedir)!r})
        print("alive", "threading" in sys.modules)
    """
    env = api_clean_env(PYTHONPATH=str(API_PYTHON_SRC))
    proc = api_check(api_run_python(code, python=str(PYTHON312), env=env))
    assert proc.stdout.split() == ["alive", "False"]
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("pyrite"), lines
    assert "Traceback" not in proc.stderr

    # disabled: silent, and pyrite is not even imported
    env["PYRITE_DISABLE"] = "1"
    proc = api_check(api_run_python(code.replace('"threading" in sys.modules', '"pyrite" in sys.modules'),
                                    python=str(PYTHON312), env=env))
    assert proc.stdout.split() == ["alive", "False"]
    assert proc.stderr == ""


def test_other_python_version_cli_is_clean():
    _need_312()
    proc = api_run_python("""
        import runpy, sys
        sys.argv = ["pyrite", "--version"]
        runpy.run_module("pyrite", run_name="__main__", alter_sys=True)
    """, python=str(PYTHON312), env=api_clean_env(PYTHONPATH=str(API_PYTHON_SRC)))
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr)
    if proc.returncode == 1:
        assert "Traceback" in proc.stderr
