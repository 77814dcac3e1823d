"""The pyperformance benchmarks the suite runs, and how each one's result is checked.

Imported by the driver (bench/suite.py) and by the child processes (child_pyperf.py), which run
on CPython 3.11 (Pyrite off and on), on pyston-lite's CPython 3.10 and on PyPy 3.9: keep it
plain Python 3.9.

Each row is one value of pyperformance (a script in `data-files/benchmarks/<dir>`, run with
`opts` as its command line, measuring the `runner.bench_*` call named `name`).

`check` is Python code run in the benchmark's module namespace after the timed samples, with
`args` (the arguments given to the benchmark function) and `func` (the function) defined; it
sets `result`, whose repr is hashed and compared between Pyrite and stock. The code runs the
benchmark's own functions (compiled by then on the JIT side) on a small input, or reads state
that the timed runs left behind (both sides run exactly the same number of calls). Besides it,
the child always hashes what the script prints and, for `bench_func` benchmarks, what the
function returns. `None`: the benchmark has nothing to check besides those (its own internal
assertions, if any, still raise).
"""

# The pyperformance release whose benchmark scripts are used (from PyPI).
PYPERFORMANCE_VERSION = "1.14.0"

_TMPFILE = (
    "import os, tempfile\n"
    "_fd, _path = tempfile.mkstemp(suffix='.ppm')\n"
    "os.close(_fd)\n"
)

_DEEPCOPY = (
    "import copy\n"
    "_l = [1, 2.5, 'x', (3, 4)]\n"
    "_d = {'a': (_l, _l), 'b': [_l] * 3, 'c': A('s', [1, 2], True)}\n"
    "_c = copy.deepcopy(_d)\n"
    "result = (repr(_c), _c['a'][0] is _c['a'][1], _c['b'][0] is _c['a'][0])\n"
)

_SYMPY = (
    "from sympy import symbols, expand\n"
    "clear_cache()\n"
    "_x, _y, _z = symbols('x y z')\n"
    "result = (str(expand((1 + _x + _y + _z) ** 6)), str(expand((_x + 2 * _y + 3 * _z) ** 5)))\n"
)

_PICKLE = "result = [args[0].dumps(o, args[1].protocol) for o in (DICT, TUPLE, DICT_GROUP)]\n"
_UNPICKLE = ("result = [repr(args[0].loads(args[0].dumps(o, args[1].protocol)))"
             " for o in (DICT, TUPLE, DICT_GROUP)]\n")

_LOGGING = "result = stream.getvalue()\n"


def row(name, bm_dir, opts=(), check=None, quick=False):
    return {"name": name, "dir": "bm_" + bm_dir, "opts": list(opts), "check": check,
            "quick": quick}


ROWS = [
    row("nbody", "nbody", quick=True,
        check="result = (report_energy(), [(tuple(b[0]), tuple(b[1])) for b in SYSTEM])"),
    row("float", "float", quick=True),  # bench_func: the returned Point is compared
    row("richards", "richards", quick=True,
        check="result = (taskWorkArea.holdCount, taskWorkArea.qpktCount)"),
    row("chaos", "chaos", quick=True,
        check=_TMPFILE + "func(args[0], args[1], 5000, _path, args[4])\n"
        "result = open(_path, 'rb').read()\nos.unlink(_path)\n"),
    row("raytrace", "raytrace", quick=True,
        check=_TMPFILE + "bench_raytrace(1, 32, 32, _path)\n"
        "result = open(_path, 'rb').read()\nos.unlink(_path)\n"),
    row("spectral_norm", "spectral_norm", quick=True,
        check="_u = [1] * 40\nfor _ in range(4):\n    _v = eval_AtA_times_u(_u)\n"
        "    _u = eval_AtA_times_u(_v)\nresult = (_u, _v)\n"),
    # deltablue prints "... failed" on a wrong result: the captured output is compared.
    row("deltablue", "deltablue", quick=True,
        check="delta_blue(20)\nresult = planner.current_mark\n"),
    row("go", "go", quick=True),  # bench_func: the chosen move is compared
    # hexiom raises AssertionError itself on a wrong solution.
    row("hexiom", "hexiom", quick=True,
        check="import io\n_s = io.StringIO()\n"
        "solve_file(LEVELS[25][0].strip(), Done.FIRST_STRATEGY, DESCENDING, _s)\n"
        "result = _s.getvalue()\n"),
    row("nqueens", "nqueens", quick=True, check="result = list(n_queens(6))"),
    row("fannkuch", "fannkuch", quick=True),  # bench_func: max flips are compared
    row("unpack_sequence", "unpack_sequence", quick=True,
        check="_t = tuple(range(10))\na, b, c, d, e, f, g, h, i, j = _t\n"
        "result = (a, b, c, d, e, f, g, h, i, j)\n"),
    row("json_dumps", "json_dumps", quick=True,
        check="result = [json.dumps(obj) for obj, _ in args[0]]"),
    row("logging_format", "logging", ["format"], check=_LOGGING),
    row("logging_silent", "logging", ["silent"], check=_LOGGING),
    row("logging_simple", "logging", ["simple"], check=_LOGGING, quick=True),
    # pyflate checks the MD5 of what it decompressed itself.
    row("pyflate", "pyflate", quick=True),
    row("regex_effbot", "regex_effbot", quick=True,
        check="result = [(m.span(), m.group()) if m else None"
        " for m in (re.search(r, s) for r, s in bench_regex_effbot.data)]"),
    row("generators", "generators", quick=True,
        check="result = (list(tree(range(300))), [v * 2 for v in tree(range(50))])"),
    row("coroutines", "coroutines", quick=True,
        check="_c = fibonacci(16)\ntry:\n    while True:\n        _c.send(None)\n"
        "except StopIteration as _e:\n    result = _e.value\n"),
    row("deepcopy", "deepcopy", check=_DEEPCOPY, quick=True),
    row("deepcopy_reduce", "deepcopy", check=_DEEPCOPY),
    row("deepcopy_memo", "deepcopy", check=_DEEPCOPY),
    row("pickle_pure_python", "pickle", ["--pure-python", "pickle"], check=_PICKLE, quick=True),
    row("unpickle_pure_python", "pickle", ["--pure-python", "unpickle"], check=_UNPICKLE,
        quick=True),
    row("sqlglot_v2_parse", "sqlglot_v2", ["parse"], quick=True,
        check="result = repr(parse_one(SQL))"),
    row("sqlglot_v2_transpile", "sqlglot_v2", ["transpile"],
        check="result = transpile(SQL, write='spark')"),
    row("sqlglot_v2_optimize", "sqlglot_v2", ["optimize"],
        check="result = optimize(parse_one(SQL), TPCH_SCHEMA).sql()"),
    row("sqlglot_v2_normalize", "sqlglot_v2", ["normalize"],
        check="result = normalize.normalize(parse_one('(A AND B) OR (C AND D) OR (E AND F)')).sql()"),
    row("mako", "mako", quick=True),  # bench_func: the rendered page is compared
    row("django_template", "django_template", quick=True),  # bench_func: the page is compared
    row("sympy_expand", "sympy", ["expand"], check=_SYMPY, quick=True),
    row("sympy_integrate", "sympy", ["integrate"], check=_SYMPY + "result = (result, str(bench_integrate()))\n"),
    row("sympy_sum", "sympy", ["sum"], check=_SYMPY),
    row("sympy_str", "sympy", ["str"], check=_SYMPY),
    row("tomli_loads", "tomli_loads", quick=True,
        check="result = tomli.loads(DATA_FILE.read_text('utf-8'))"),
]

BY_NAME = {r["name"]: r for r in ROWS}

# Requirements that pyperformance lists but that only matter on interpreters we do not run
# (legacy-cgi restores the `cgi` module removed in 3.13).
SKIP_REQUIREMENTS = {"legacy-cgi"}
