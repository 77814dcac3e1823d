"""Fidelity of debugging tools that need more than a stdout comparison: coverage.py.

coverage.py measures through the trace hook (its C tracer calls PyEval_SetTrace, the Python
tracer sys.settrace), so under Pyrite every measured frame must run interpreted, frames that
were compiled before measurement started must deopt, and the lines and branches recorded must
be exactly those recorded on stock CPython.

- ``test_coverage_run``: ``python -m coverage run [--branch]`` of a program (loops, branches
  taken one way or both, exceptions, generators, comprehensions, threads, hot functions)
  against the same with Pyrite enabled inside the measured process (a wrapper that calls
  ``pyrite.enable()`` and runs the program with runpy), at PYRITE_THRESHOLD=0 and at the
  default threshold, with the C tracer and the Python tracer. The ``coverage json`` reports
  (executed/missing lines, executed/missing branches) must be identical.
- ``test_coverage_api_started_when_hot``: a program that makes its functions hot (compiled)
  first and then starts ``coverage.Coverage()`` - from main, and from inside a running compiled
  loop - prints the measured lines and arcs; ``python -m pyrite`` must print what ``python``
  prints.

coverage is installed by scripts/test; a missing coverage is a failure, not a skip.
"""

import json
import sys
import textwrap

import pytest

from conftest import api_check, api_clean_env, api_run_cmd

pytestmark = pytest.mark.usefixtures("pyrite_importable")

PY = sys.executable

TARGET = '''
"""A program with something for coverage to tell apart."""
import threading


def classify(x):
    if x < 0:
        return "neg"
    elif x == 0:
        return "zero"
    if x % 2:
        kind = "odd"
    else:
        kind = "even"
    return kind


def never_called(x):
    y = x + 1
    return y


def partial_branches(n):
    out = 0
    for i in range(n):
        if i >= 0:
            out += i
        if i > 10 ** 6:
            out -= 1
    while out > 100:
        out //= 2
        if out == 7:
            break
    else:
        out += 1
    return out


def with_exceptions(n):
    caught = 0
    for i in range(n):
        try:
            if i % 3 == 0:
                raise ValueError(i)
            caught += 0
        except ValueError:
            caught += 1
        except KeyError:
            caught -= 100
        finally:
            caught += 0
    return caught


def gen(n):
    for i in range(n):
        if i % 2:
            yield i
    return


def comprehensions(n):
    a = [x * 2 for x in range(n) if x % 3]
    b = {x: x for x in a if x > 4}
    c = sum(x for x in b.values() if x)
    return len(a), len(b), c, [v for v in gen(n)]


def early_return(x):
    if x:
        return 1
    y = 2
    return y


class Box:
    def __init__(self, v):
        self.v = v

    def get(self):
        if self.v is None:
            return 0
        return self.v

    def unused(self):
        return -1


def threaded(n):
    results = []

    def worker(k):
        total = 0
        for i in range(k):
            total += classify(i) == "odd"
        results.append(total)

    ts = [threading.Thread(target=worker, args=(n + j,)) for j in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sorted(results)


def hot_loop(n):
    acc = 0
    for i in range(n):
        acc += len(classify(i - 2)) + early_return(i % 2) + Box(i).get()
    return acc


def main():
    print(hot_loop(400))
    print(partial_branches(5), with_exceptions(7), comprehensions(9))
    print(threaded(50), Box(None).get())
    print([classify(v) for v in (-1, 0, 1, 2)])


if __name__ == "__main__":
    main()
'''

WRAPPER = '''
import runpy
import sys

import pyrite

pyrite.enable()
assert pyrite.is_enabled()
target = sys.argv[1]
sys.argv[:] = sys.argv[1:]
runpy.run_path(target, run_name="__main__")
'''

API_PROGRAM = '''
"""Coverage started with coverage.Coverage() after the measured functions are hot."""
import os
import sys

import coverage

BRANCH = sys.argv[1] == "branch"
ME = os.path.abspath(__file__)


def classify(x):
    if x < 0:
        return "neg"
    if x % 2:
        return "odd"
    return "even"


def loop(n):
    acc = 0
    for i in range(n):
        if classify(i) == "odd":
            acc += 1
        else:
            acc -= 1
    return acc


def raiser(x):
    if x > 2:
        raise ValueError(x)
    return x


def catches(n):
    out = 0
    for i in range(n):
        try:
            out += raiser(i)
        except ValueError:
            out -= 1
    return out


def gen(n):
    for i in range(n):
        if i % 2:
            yield i


def starts_inside(cov, n):
    acc = 0
    for i in range(n):
        acc += loop(3)
        if i == 2:
            cov.start()
        acc += catches(i)
    return acc + sum(gen(5))


def report(title, cov):
    data = cov.get_data()
    print(title, "lines", sorted(data.lines(ME) or []))
    if BRANCH:
        print(title, "arcs", sorted(data.arcs(ME) or []))


def main():
    for _ in range(300):
        loop(5)
        catches(5)
        sum(gen(5))
        starts_inside(None, 2)

    cov = coverage.Coverage(data_file=None, branch=BRANCH, include=[ME])
    cov.start()
    r = (loop(4), catches(4), list(gen(4)))
    cov.stop()
    print("measured", r)
    report("from-main", cov)

    cov = coverage.Coverage(data_file=None, branch=BRANCH, include=[ME])
    r = starts_inside(cov, 5)
    r2 = catches(2)
    cov.stop()
    print("measured", r, r2)
    report("from-loop", cov)


main()
'''


def _coverage_available():
    proc = api_run_cmd([PY, "-c", "import coverage; print(coverage.__version__)"])
    if proc.returncode != 0:
        pytest.fail(
            f"coverage is not installed for {PY} (scripts/test installs it): {proc.stderr.strip()}",
            pytrace=False,
        )
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def coverage_version():
    return _coverage_available()


def _env(core, threshold):
    overrides = {"PYTHONHASHSEED": "0", "COVERAGE_CORE": core, "PYRITE_DISABLE": "1"}
    if threshold is not None:
        overrides["PYRITE_THRESHOLD"] = threshold
    return api_clean_env(**overrides)


def _coverage_json(tmp_path, run_args, env, tag):
    data_file = tmp_path / f".coverage-{tag}"
    out_json = tmp_path / f"cov-{tag}.json"
    proc = api_check(api_run_cmd(
        [PY, "-m", "coverage", "run", f"--data-file={data_file}", "--include=target.py", *run_args],
        env=env, cwd=tmp_path,
    ))
    api_check(api_run_cmd(
        [PY, "-m", "coverage", "json", f"--data-file={data_file}", "-o", str(out_json)],
        env=env, cwd=tmp_path,
    ))
    report = json.loads(out_json.read_text())
    files = {
        name: {
            key: info.get(key)
            for key in ("executed_lines", "missing_lines", "excluded_lines",
                        "executed_branches", "missing_branches")
        }
        for name, info in report["files"].items()
    }
    return proc.stdout, files


@pytest.mark.parametrize("threshold", ["0", None], ids=["threshold0", "default"])
@pytest.mark.parametrize("branch", [False, True], ids=["lines", "branches"])
@pytest.mark.parametrize("core", ["ctrace", "pytrace"])
def test_coverage_run(tmp_path, coverage_version, core, branch, threshold):
    (tmp_path / "target.py").write_text(TARGET)
    (tmp_path / "with_pyrite.py").write_text(WRAPPER)
    flags = ["--branch"] if branch else []
    stock_out, stock_files = _coverage_json(tmp_path, [*flags, "target.py"], _env(core, None), "stock")
    jit_out, jit_files = _coverage_json(
        tmp_path, [*flags, "with_pyrite.py", "target.py"], _env(core, threshold), "pyrite"
    )
    assert list(stock_files) == ["target.py"], stock_files
    assert stock_files["target.py"]["missing_lines"], "the target must leave lines unexecuted"
    if branch:
        assert stock_files["target.py"]["missing_branches"], "the target must leave branches untaken"
    assert jit_out == stock_out
    assert jit_files == stock_files


@pytest.mark.parametrize("threshold", ["0", None], ids=["threshold0", "default"])
@pytest.mark.parametrize("branch", [False, True], ids=["lines", "branches"])
@pytest.mark.parametrize("core", ["ctrace", "pytrace"])
def test_coverage_api_started_when_hot(tmp_path, coverage_version, core, branch, threshold):
    prog = tmp_path / "api_program.py"
    prog.write_text(textwrap.dedent(API_PROGRAM))
    arg = "branch" if branch else "lines"
    stock = api_check(api_run_cmd([PY, "api_program.py", arg], env=_env(core, None), cwd=tmp_path))
    env = _env(core, threshold)
    jit = api_check(api_run_cmd([PY, "-m", "pyrite", "api_program.py", arg], env=env, cwd=tmp_path))
    assert "from-loop lines" in stock.stdout
    assert jit.stderr == stock.stderr
    assert jit.stdout == stock.stdout
