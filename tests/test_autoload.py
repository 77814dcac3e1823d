"""The real ``pyrite-autoload`` wheel, installed into a throw-away venv."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import (
    API_AUTOLOAD_DIR,
    API_PTH_FILE,
    api_check,
    api_clean_env,
    api_pyrite_location,
    api_run_cmd,
    api_run_python,
)


def test_pth_is_one_lean_import_line():
    text = API_PTH_FILE.read_text()
    lines = text.splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    # site.py exec()s only lines that start with "import " (or "import\t")
    assert line.startswith("import ")
    for banned in ("threading", "warnings", "importlib", "subprocess", "atexit", "pathlib"):
        assert banned not in line, banned
    compile(line, API_PTH_FILE.name, "exec")


def _have_module(name):
    return api_run_python(f"import {name}").returncode == 0


@pytest.fixture(scope="module")
def autoload_wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("autoload-wheel")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
           str(API_AUTOLOAD_DIR), "-w", str(out)]
    if _have_module("hatchling"):
        cmd.insert(5, "--no-build-isolation")
    # pip copies the source tree; keep the environment as it is (network for an isolated build)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = list(out.glob("pyrite_autoload-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contents(autoload_wheel):
    import zipfile

    with zipfile.ZipFile(autoload_wheel) as zf:
        names = zf.namelist()
        assert "pyrite_autoload.pth" in names, names
        assert zf.read("pyrite_autoload.pth") == API_PTH_FILE.read_bytes()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(meta).decode()
    assert "Name: pyrite-autoload" in metadata
    assert any(l.startswith("Requires-Dist: pyrite") for l in metadata.splitlines()), metadata
    # nothing but the .pth and the metadata
    assert all(n == "pyrite_autoload.pth" or ".dist-info/" in n for n in names), names


@pytest.fixture(scope="module")
def autoload_venv(tmp_path_factory, autoload_wheel, pyrite_importable):
    venv = tmp_path_factory.mktemp("autoload-venv") / "venv"
    api_check(api_run_cmd([sys.executable, "-m", "venv", "--without-pip", venv]))
    vpy = venv / "bin" / "python"
    site = Path(api_check(api_run_python(
        "import sysconfig; print(sysconfig.get_paths()['purelib'])", python=str(vpy))).stdout.strip())

    def pip_install(*args):
        proc = api_run_cmd([sys.executable, "-m", "pip", "--python", vpy, "install",
                            "--disable-pip-version-check", "--no-deps", "--no-index", *args])
        api_check(proc)

    pyrite_wheel = os.environ.get("PYRITE_WHEEL")
    if pyrite_wheel:
        pip_install(pyrite_wheel)
    else:
        # .pth files run in alphabetical order: this path line comes before the autoload line
        where = api_pyrite_location()
        (site / "00_pyrite_parent.pth").write_text(f"{where}\n")
    pip_install(autoload_wheel)
    assert (site / "pyrite_autoload.pth").exists()
    return vpy


def venv_env(**kw):
    return api_clean_env(PYTHONPATH=None, **kw)


def run_in_venv(vpy, code, *args, **env):
    return api_run_python(code, *args, python=str(vpy), env=venv_env(**env))


def test_enabled_at_startup(autoload_venv):
    proc = api_check(run_in_venv(autoload_venv, """
        import sys
        print("pyrite" in sys.modules)
        import pyrite
        print(pyrite.is_enabled())
    """))
    assert proc.stdout.split() == ["True", "True"]
    assert proc.stderr == ""


def test_disable_env_does_not_import_pyrite(autoload_venv):
    for value in ("1", "yes"):
        proc = api_check(run_in_venv(autoload_venv, """
            import sys
            print("pyrite" in sys.modules)
            import pyrite
            print(pyrite.is_enabled())
        """, PYRITE_DISABLE=value))
        assert proc.stdout.split() == ["False", "False"], value
        assert proc.stderr == ""


def test_disable_zero_means_enabled(autoload_venv):
    proc = api_check(run_in_venv(autoload_venv, "import pyrite; print(pyrite.is_enabled())",
                                 PYRITE_DISABLE="0"))
    assert proc.stdout.strip() == "True"


STARTUP_CODE = ("import sys; print('threading' in sys.modules, 'warnings' in sys.modules); "
                "print(' '.join(sorted(sys.modules)))")


def test_lean_startup(autoload_venv):
    # measuring.md: threading imported at start-up breaks test_threading and hangs
    # test_interpreters; warnings must not be either.
    on = api_check(run_in_venv(autoload_venv, STARTUP_CODE))
    assert on.stdout.splitlines()[0] == "False False", on.stdout.splitlines()[0]


def test_startup_imports_only_pyrite(autoload_venv):
    # Anything else the JIT imports at start-up (dis, collections, ...) costs every process
    # start-up time and changes what programs see in sys.modules.
    on = api_check(run_in_venv(autoload_venv, STARTUP_CODE))
    off = api_check(run_in_venv(autoload_venv, STARTUP_CODE, PYRITE_DISABLE="1"))
    extra = set(on.stdout.splitlines()[1].split()) - set(off.stdout.splitlines()[1].split())
    allowed = {"pyrite", "pyrite._pyrite", "opcode", "_opcode"}
    assert extra <= allowed, f"modules imported at start-up by autoload: {sorted(extra - allowed)}"


def test_threshold_env_applies(autoload_venv):
    proc = api_check(run_in_venv(autoload_venv, """
        import pyrite
        def f(x):
            return x + 1
        c0 = pyrite.stats()["functions_compiled"]
        f(1)
        print(pyrite.stats()["functions_compiled"] > c0)
    """, PYRITE_THRESHOLD="0"))
    assert proc.stdout.strip() == "True"


def test_bad_threshold_env_warns_and_runs(autoload_venv):
    proc = api_check(run_in_venv(autoload_venv, "print('alive')", PYRITE_THRESHOLD="abc"))
    assert proc.stdout.strip() == "alive"
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "PYRITE_THRESHOLD" in lines[0], proc.stderr


def test_stats_env_at_exit(autoload_venv):
    proc = api_check(run_in_venv(autoload_venv, "print(sum(range(10)))", PYRITE_STATS="1"))
    assert proc.stdout.strip() == "45"
    assert "functions_compiled" in proc.stderr


def test_isolated_mode_and_subprocesses_enabled(autoload_venv):
    proc = api_check(api_run_cmd([autoload_venv, "-I", "-c", textwrap.dedent("""
        import subprocess, sys, pyrite
        print(pyrite.is_enabled())
        out = subprocess.run([sys.executable, "-c", "import pyrite; print(pyrite.is_enabled())"],
                             capture_output=True, text=True)
        print(out.stdout.strip())
    """)], env=venv_env()))
    assert proc.stdout.split() == ["True", "True"]


def test_no_site_means_no_jit(autoload_venv):
    proc = api_check(api_run_cmd([autoload_venv, "-S", "-c", "import sys; print('pyrite' in sys.modules)"],
                                 env=venv_env()))
    assert proc.stdout.strip() == "False"


def test_broken_pyrite_still_starts(autoload_venv, tmp_path):
    broken = tmp_path / "broken"
    (broken / "pyrite").mkdir(parents=True)
    (broken / "pyrite" / "__init__.py").write_text("raise RuntimeError('pyrite is broken')\n")
    proc = api_run_cmd([autoload_venv, "-c", "print('alive')"],
                       env=api_clean_env(PYTHONPATH=str(broken)))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "alive"
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert "pyrite" in lines[0] and "broken" in lines[0], lines


def test_pyrite_without_autoload_function_still_starts(autoload_venv, tmp_path):
    old = tmp_path / "old"
    (old / "pyrite").mkdir(parents=True)
    (old / "pyrite" / "__init__.py").write_text("# a pyrite without _autoload\n")
    proc = api_run_cmd([autoload_venv, "-c", "print('alive')"], env=api_clean_env(PYTHONPATH=str(old)))
    assert proc.returncode == 0 and proc.stdout.strip() == "alive", proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr


def test_missing_pyrite_still_starts(autoload_wheel, tmp_path):
    venv = tmp_path / "bare"
    api_check(api_run_cmd([sys.executable, "-m", "venv", "--without-pip", venv]))
    vpy = venv / "bin" / "python"
    api_check(api_run_cmd([sys.executable, "-m", "pip", "--python", vpy, "install", "--no-deps",
                           "--no-index", "--disable-pip-version-check", autoload_wheel]))
    proc = api_run_cmd([vpy, "-c", "print('alive')"], env=venv_env())
    assert proc.returncode == 0 and proc.stdout.strip() == "alive", proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "pyrite" in lines[0], proc.stderr
    proc = api_check(api_run_cmd([vpy, "-c", "print('alive')"], env=venv_env(PYRITE_DISABLE="1")))
    assert proc.stderr == ""
