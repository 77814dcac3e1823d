"""One benchmark body run SAMPLES times after WARMUP runs, for counting instructions per sample
under valgrind (two runs with different SAMPLES; the difference divided by theirs is one
sample, without start-up, imports and most compilation).

    BENCH=~/.cache/pyrite-bench/venvs/cpython-3.11.7-*-bench/bin/python   # the suite's venv
    PYTHONHASHSEED=0 PYTHONPATH=python setarch -R valgrind --tool=cachegrind --cache-sim=no \\
        --cachegrind-out-file=/tmp/a.cg $BENCH bench/ir_driver.py 100 sympy_integrate 3
    # ... and again with 9; (Ir(9) - Ir(3)) / 6 is one sample ("summary:" line of the .cg file)

MODE is `off` (pyrite not imported) or a threshold (`pyrite.enable(threshold=MODE)`). NAME is
sympy_integrate, sympy_sum, sympy_str, sympy_expand (sympy's pyperformance bodies, with its
cache cleared before each run as the benchmark does), or raytrace, richards, go, deltablue
(pyperformance's scripts, loaded from the suite's cache). PYTHONHASHSEED=0 matters for sympy:
its work depends on set and dict order.
"""

import importlib.util
import os
import sys
import types


def sympy_body(which):
    from sympy import expand, integrate, summation, symbols, tan
    from sympy.core.cache import clear_cache

    def integrate_():
        x, y = symbols("x y")
        return integrate((1 / tan(x)) ** 10, x)

    def sum_():
        x, i = symbols("x i")
        summation(x ** i / i, (i, 1, 400))

    def str_():
        x, y, z = symbols("x y z")
        str(expand((x + 2 * y + 3 * z) ** 30))

    def expand_():
        x, y, z = symbols("x y z")
        expand((1 + x + y + z) ** 20)

    body = {"integrate": integrate_, "sum": sum_, "str": str_, "expand": expand_}[which]

    def run():
        clear_cache()
        body()

    return run


def pyperformance_body(name):
    # The scripts import pyperf only for their runner, which is not used here.
    pyperf = types.ModuleType("pyperf")
    pyperf.perf_counter = __import__("time").perf_counter
    sys.modules.setdefault("pyperf", pyperf)
    root = os.path.expanduser("~/.cache/pyrite-bench/pyperformance-1.14.0/benchmarks")
    spec = importlib.util.spec_from_file_location("bm", f"{root}/bm_{name}/run_benchmark.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    if name == "raytrace":
        return lambda: m.bench_raytrace(1, 100, 100, None)
    if name == "richards":
        r = m.Richards()
        return lambda: r.run(1)
    if name == "go":
        return m.versus_cpu
    if name == "deltablue":
        return lambda: m.delta_blue(10000)
    raise SystemExit(f"unknown benchmark {name}")


def main():
    mode, name, samples = sys.argv[1], sys.argv[2], int(sys.argv[3])
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    if mode != "off":
        import pyrite

        pyrite.enable(threshold=int(mode))
    run = sympy_body(name[len("sympy_"):]) if name.startswith("sympy_") else pyperformance_body(name)
    for _ in range(warmup + samples):
        run()


if __name__ == "__main__":
    main()
