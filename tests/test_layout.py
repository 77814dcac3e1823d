"""Every struct offset Pyrite hard-codes must match the installed CPython 3.11 headers."""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import pyrite._pyrite as native

ROOT = Path(__file__).resolve().parent.parent


def _include_dirs():
    dirs = [sysconfig.get_paths()["include"]]
    platinclude = sysconfig.get_paths().get("platinclude")
    if platinclude and platinclude not in dirs:
        dirs.append(platinclude)
    # Debian splits pyconfig.h into a multiarch directory.
    multiarch = sysconfig.get_config_var("MULTIARCH")
    if multiarch:
        dirs.append(f"/usr/include/{multiarch}/python3.11")
    return dirs


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")
def test_offsets_match_installed_headers(tmp_path):
    probe = tmp_path / "probe"
    cmd = ["gcc", str(ROOT / "csrc" / "layout_probe.c"), "-o", str(probe)]
    for d in _include_dirs():
        cmd += ["-I", d, "-I", str(Path(d) / "internal")]
    subprocess.run(cmd, check=True)
    out = subprocess.run([str(probe)], check=True, capture_output=True, text=True).stdout
    from_headers = {name: int(off) for name, off in (line.split() for line in out.splitlines())}
    ours = native._layout()
    assert set(ours) <= set(from_headers), f"not probed: {set(ours) - set(from_headers)}"
    mismatched = {k: (v, from_headers[k]) for k, v in ours.items() if from_headers[k] != v}
    assert not mismatched, f"(pyrite, headers): {mismatched}"
    assert len(ours) >= 55


def test_runtime_abi_guard_values():
    import types

    assert sys.version_info[:2] == (3, 11)
    assert types.CodeType.__basicsize__ == 184
    assert types.FrameType.__basicsize__ == 120


def test_opcode_tables_match_dis():
    """Pyrite numbers specialised opcodes itself (importing dis at start-up is too costly):
    the names and base opcodes must be exactly dis's."""
    import dis
    import opcode

    names, deopt = native._opcode_tables()
    for number, name in enumerate(dis._all_opname):
        if not name.startswith("<"):
            assert names[number] == name, (number, names[number], name)
    for base, variants in opcode._specializations.items():
        for variant in variants:
            assert deopt[dis._all_opmap[variant]] == opcode.opmap[base], variant
    for name, number in opcode.opmap.items():
        assert deopt[number] == number, name


def _all_code_objects():
    import types
    import dis, inspect, tokenize, typing, unittest.mock, email.message, decimal  # noqa: F401

    seen = []
    stack = [m.__dict__ for m in list(sys.modules.values()) if getattr(m, "__dict__", None)]
    visited = set()

    def add_code(c):
        if id(c) in visited:
            return
        visited.add(id(c))
        seen.append(c)
        for k in c.co_consts:
            if isinstance(k, types.CodeType):
                add_code(k)

    for d in stack:
        for v in list(d.values()):
            f = getattr(v, "__func__", v)
            if isinstance(f, types.FunctionType):
                add_code(f.__code__)
            elif isinstance(v, type):
                for a in vars(v).values():
                    a = getattr(a, "__func__", a)
                    if isinstance(a, types.FunctionType):
                        add_code(a.__code__)
    return seen


def test_line_table_decoder_matches_co_lines():
    """The compiler decodes co_linetable itself (PyCode_Addr2Line per instruction is quadratic):
    every code unit must get the line co_lines() gives it."""
    codes = _all_code_objects()
    assert len(codes) > 2000
    for code in codes:
        expected = [-1] * (len(code.co_code) // 2)
        for start, end, line in code.co_lines():
            for unit in range(start // 2, end // 2):
                expected[unit] = -1 if line is None else line
        assert native._unit_lines(code) == expected, code
