"""Benchmark workloads for bench/run.py.

Every module defines ``run(n=DEFAULT_N)``: a fixed, deterministic amount of work whose return
value depends on the whole computation, so bench/run.py can compare the JIT's result with the
interpreter's. ``DEFAULT_N`` is sized for ~0.2-1.0 s per call on stock CPython 3.11.7 here.
"""
