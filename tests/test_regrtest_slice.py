"""CPython's own test suite, CI slice: no test module may behave differently with the JIT
(at threshold 0, so everything it runs is compiled) than on stock CPython.

The modules are scripts/regrtest's CI_SLICE (45 modules; about 80 s for both modes at -j2 on the
2-core machines). PYRITE_REGRTEST_MP=1 adds the multiprocessing (fork, forkserver, spawn) and
concurrent.futures suites (--mp, about 8 min more per mode). A difference is any module whose
verdict differs from stock, or any test case that fails only with the JIT (junit XML).

Slow (minutes): runs only when PYRITE_REGRTEST=1.
"""

import json
import os
import subprocess
import sys

import pytest

from conftest import API_REPO_ROOT

REGRTEST = API_REPO_ROOT / "scripts" / "regrtest"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("PYRITE_REGRTEST") != "1",
                       reason="set PYRITE_REGRTEST=1 to run CPython's test suite"),
]


def test_ci_slice_same_as_stock(tmp_path, pyrite_importable):
    workdir = tmp_path / "regrtest"
    cmd = [sys.executable, str(REGRTEST), "--python", sys.executable,
           "--modes", "stock,jit0", "-j", str(max(2, os.cpu_count() or 2)),
           "--workdir", str(workdir)]
    if os.environ.get("PYRITE_REGRTEST_MP") == "1":
        cmd.append("--mp")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3 * 3600)
    summary_file = workdir / "summary.json"
    assert summary_file.exists(), f"no summary.json\n{proc.stdout}\n{proc.stderr[-5000:]}"
    summary = json.loads(summary_file.read_text())
    assert proc.returncode == 0 and not summary["differing"], (
        f"modules differing from stock: {summary['differing']}\n{proc.stdout}\n"
        f"logs: {workdir}"
    )
    # the suite really ran in both modes
    for mode in ("stock", "jit0"):
        run = summary["runs"][mode]
        assert run["complete"], f"{mode}: regrtest gave no final report, see {run['log']}"
