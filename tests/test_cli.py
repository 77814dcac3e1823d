"""``python -m pyrite`` must run programs exactly as ``python`` does."""

import json
import sys
import textwrap

import pytest

from conftest import api_check, api_clean_env, api_run_cmd

pytestmark = pytest.mark.usefixtures("pyrite_importable")

PY = sys.executable


def write(path, text):
    path.write_text(textwrap.dedent(text))
    return path


def both(args, cwd, env=None):
    """(plain python, python -m pyrite) CompletedProcesses for the same arguments."""
    env = api_clean_env() if env is None else env
    plain = api_run_cmd([PY, *args], env=env, cwd=cwd)
    jit = api_run_cmd([PY, "-m", "pyrite", *args], env=env, cwd=cwd)
    return plain, jit


SHOW = """
    import json, os, sys
    print(json.dumps({
        "argv": sys.argv,
        "name": __name__,
        "file": __file__,
        "path0": sys.path[0],
        "main_is_me": sys.modules["__main__"].__dict__ is globals(),
        "spec": None if __spec__ is None else [__spec__.name, __spec__.origin, __spec__.parent],
    }))
"""


def test_script_argv_name_file(tmp_path):
    script = write(tmp_path / "show.py", SHOW)
    plain, jit = both(["show.py", "a", "b", "--flag", "-m", "x"], cwd=tmp_path)
    api_check(plain)
    api_check(jit)
    p, j = json.loads(plain.stdout), json.loads(jit.stdout)
    assert j == p
    assert j["argv"] == ["show.py", "a", "b", "--flag", "-m", "x"]
    assert j["name"] == "__main__"
    assert j["file"] == str(tmp_path / "show.py")
    assert j["main_is_me"] is True
    assert jit.stderr == plain.stderr == ""


def test_script_absolute_path(tmp_path):
    script = write(tmp_path / "show.py", SHOW)
    plain, jit = both([str(script), "x"], cwd="/")
    p, j = json.loads(api_check(plain).stdout), json.loads(api_check(jit).stdout)
    assert j == p
    assert j["file"] == str(script)
    assert j["path0"] == str(tmp_path)


def test_script_is_jitted(tmp_path):
    write(tmp_path / "hot.py", """
        import pyrite
        def f(x):
            return x + 1
        for i in range(10000):
            f(i)
        print(pyrite.is_enabled(), pyrite.stats()["functions_compiled"] > 0)
    """)
    proc = api_check(api_run_cmd([PY, "-m", "pyrite", "hot.py"], cwd=tmp_path,
                                 env=api_clean_env(PYRITE_THRESHOLD="0")))
    assert proc.stdout.split() == ["True", "True"]


@pytest.mark.parametrize("code,status", [(0, 0), (3, 3), ("'message'", 1), (None, 0)])
def test_sys_exit_status(tmp_path, code, status):
    write(tmp_path / "ex.py", f"""
        import sys
        print("before")
        sys.exit({code})
    """)
    plain, jit = both(["ex.py"], cwd=tmp_path)
    assert plain.returncode == status
    assert jit.returncode == plain.returncode
    assert jit.stdout == plain.stdout == "before\n"
    assert jit.stderr == plain.stderr


def test_uncaught_exception_same_stderr(tmp_path):
    write(tmp_path / "boom.py", """
        def inner(x):
            return 1 / x

        def outer():
            try:
                {}["missing"]
            except KeyError:
                inner(0)

        print("start")
        outer()
    """)
    plain, jit = both(["boom.py", "arg"], cwd=tmp_path)
    assert plain.returncode == 1
    assert jit.returncode == 1
    assert jit.stdout == plain.stdout == "start\n"
    assert "ZeroDivisionError" in plain.stderr
    assert jit.stderr == plain.stderr


def test_uncaught_exception_in_imported_module(tmp_path):
    write(tmp_path / "helper.py", """
        def fail():
            raise ValueError("from helper")
    """)
    write(tmp_path / "main.py", """
        import helper
        helper.fail()
    """)
    plain, jit = both(["main.py"], cwd=tmp_path)
    assert plain.returncode == jit.returncode == 1
    assert jit.stderr == plain.stderr


def test_syntax_error_in_script(tmp_path):
    write(tmp_path / "bad.py", "x = (\n")
    plain, jit = both(["bad.py"], cwd=tmp_path)
    assert plain.returncode == 1
    assert jit.returncode == plain.returncode
    assert "SyntaxError" in jit.stderr
    # CPython reports the error without a traceback; the launcher should too.
    assert jit.stderr == plain.stderr


def test_missing_script(tmp_path):
    plain, jit = both(["does_not_exist.py", "a"], cwd=tmp_path)
    assert plain.returncode == 2
    assert jit.returncode == 2
    assert jit.stderr == plain.stderr
    assert jit.stdout == ""


def _make_package(tmp_path):
    pkg = tmp_path / "mypkg"
    pkg.mkdir()
    write(pkg / "__init__.py", "")
    write(pkg / "__main__.py", SHOW)
    write(pkg / "tool.py", textwrap.dedent(SHOW) + textwrap.dedent("""
        if len(sys.argv) > 1 and sys.argv[1] == "fail":
            raise RuntimeError("tool failed")
        if len(sys.argv) > 1 and sys.argv[1] == "exit":
            sys.exit(5)
    """))
    write(tmp_path / "plainmod.py", SHOW)
    return pkg


@pytest.mark.parametrize("module", ["plainmod", "mypkg", "mypkg.tool"])
def test_dash_m_module(tmp_path, module):
    _make_package(tmp_path)
    plain, jit = both(["-m", module, "x", "-y", "z"], cwd=tmp_path)
    p, j = json.loads(api_check(plain).stdout), json.loads(api_check(jit).stdout)
    assert j == p
    assert j["name"] == "__main__"
    assert j["argv"][1:] == ["x", "-y", "z"]
    assert jit.stderr == plain.stderr == ""


def test_dash_m_attached_form(tmp_path):
    _make_package(tmp_path)
    plain = api_run_cmd([PY, "-mplainmod", "q"], cwd=tmp_path)
    jit = api_run_cmd([PY, "-m", "pyrite", "-mplainmod", "q"], cwd=tmp_path)
    assert json.loads(api_check(jit).stdout) == json.loads(api_check(plain).stdout)


def test_dash_m_exit_and_exception(tmp_path):
    _make_package(tmp_path)
    plain, jit = both(["-m", "mypkg.tool", "exit"], cwd=tmp_path)
    assert plain.returncode == jit.returncode == 5
    plain, jit = both(["-m", "mypkg.tool", "fail"], cwd=tmp_path)
    assert plain.returncode == jit.returncode == 1
    assert "RuntimeError: tool failed" in plain.stderr
    assert jit.stderr == plain.stderr


def test_dash_m_missing_module(tmp_path):
    plain, jit = both(["-m", "no_such_module_xyz"], cwd=tmp_path)
    assert plain.returncode == 1
    assert jit.returncode == plain.returncode
    assert "No module named no_such_module_xyz" in jit.stderr


def test_stats_flag_prints_report(tmp_path):
    write(tmp_path / "s.py", """
        def f(x):
            return x * 2
        for i in range(1000):
            f(i)
        print("ran")
    """)
    proc = api_check(api_run_cmd([PY, "-m", "pyrite", "--stats", "s.py"], cwd=tmp_path,
                                 env=api_clean_env(PYRITE_THRESHOLD="0")))
    assert proc.stdout == "ran\n"
    assert "functions_compiled" in proc.stderr


def test_stats_flag_with_module(tmp_path):
    _make_package(tmp_path)
    proc = api_check(api_run_cmd([PY, "-m", "pyrite", "--stats", "-m", "plainmod"], cwd=tmp_path))
    assert "functions_compiled" in proc.stderr


def test_no_stats_without_flag(tmp_path):
    write(tmp_path / "s.py", "print('ran')\n")
    proc = api_check(api_run_cmd([PY, "-m", "pyrite", "s.py"], cwd=tmp_path))
    assert proc.stderr == ""


def test_no_arguments_is_usage_error(tmp_path):
    proc = api_run_cmd([PY, "-m", "pyrite"], cwd=tmp_path)
    assert proc.returncode != 0
    assert "usage" in proc.stderr.lower()


def test_version_flag(tmp_path):
    proc = api_check(api_run_cmd([PY, "-m", "pyrite", "--version"], cwd=tmp_path))
    assert proc.stdout.startswith("pyrite ")


def test_stdin_and_stdout_pass_through(tmp_path):
    write(tmp_path / "cat.py", """
        import sys
        data = sys.stdin.read()
        sys.stdout.write(data.upper())
    """)
    import subprocess
    out = subprocess.run([PY, "-m", "pyrite", "cat.py"], cwd=tmp_path, input="hello\n",
                         capture_output=True, text=True, env=api_clean_env(), timeout=60)
    assert out.returncode == 0 and out.stdout == "HELLO\n"


def test_program_globals_do_not_clobber_launcher(tmp_path):
    # a program defining names the launcher itself uses (main, sys, os, __file__) and failing
    src = """
        main = None
        sys = None
        os = None
        _strip_own_frames = None
        def boom():
            raise KeyError("k")
        boom()
    """
    write(tmp_path / "clob.py", src)
    write(tmp_path / "clobmod.py", src)
    for args in (["clob.py"], ["-m", "clobmod"]):
        plain, jit = both(args, cwd=tmp_path)
        assert plain.returncode == jit.returncode == 1
        assert jit.stderr == plain.stderr, args


def test_module_globals_like_python(tmp_path):
    code = "print(sorted(k for k in globals() if not k.startswith('_') or k.startswith('__')))\n"
    (tmp_path / "g.py").write_text(code)
    for args in (["g.py"], ["-m", "g"]):
        plain, jit = both(args, cwd=tmp_path)
        assert jit.stdout == api_check(plain).stdout, args
