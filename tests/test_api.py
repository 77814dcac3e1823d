"""Unit tests of pyrite's public API. Each test runs in a fresh interpreter so the
frame-evaluation hook installed by one test never leaks into another."""

import json

import pytest

from conftest import api_check, api_clean_env, api_run_python

pytestmark = pytest.mark.usefixtures("pyrite_importable")

STATS_TYPES = {
    "functions_compiled": int,
    "functions_refused": int,
    "refused_by_reason": dict,
    "code_bytes": int,
    "compile_time_s": (int, float),
    "jit_entries": int,
    "exits_by_reason": dict,
}


def run_json(code, **env):
    """Run code that ends by printing one JSON document on stdout's last line."""
    proc = api_check(api_run_python(code, env=api_clean_env(**env)))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_version_is_string():
    out = run_json("""
        import json, pyrite
        print(json.dumps([isinstance(pyrite.__version__, str), pyrite.__version__]))
    """)
    assert out[0] is True and out[1]


def test_enable_disable_round_trip():
    out = run_json("""
        import json, pyrite
        seen = [pyrite.is_enabled()]
        pyrite.enable()
        seen.append(pyrite.is_enabled())
        pyrite.disable()
        seen.append(pyrite.is_enabled())
        pyrite.enable(threshold=0)
        seen.append(pyrite.is_enabled())
        pyrite.disable()
        seen.append(pyrite.is_enabled())
        print(json.dumps(seen))
    """)
    assert out == [False, True, False, True, False]


def test_stats_keys_and_types_before_enable():
    out = run_json("""
        import json, pyrite
        s = pyrite.stats()
        assert isinstance(s, dict), type(s)
        print(json.dumps({k: type(v).__name__ for k, v in s.items()}))
    """)
    for key, types in STATS_TYPES.items():
        assert key in out, f"stats() lacks {key!r}: {sorted(out)}"
        names = {t.__name__ for t in (types if isinstance(types, tuple) else (types,))}
        assert out[key] in names, f"stats()[{key!r}] is {out[key]}, expected {names}"


def test_stats_change_after_hot_function():
    out = run_json("""
        import json, pyrite

        def before():
            s = pyrite.stats()
            return {k: s[k] for k in ("functions_compiled", "jit_entries", "code_bytes",
                                      "compile_time_s")}

        def add(a, b):
            return a + b

        start = before()
        pyrite.enable(threshold=0)
        total = 0
        for i in range(1000):
            total = add(total, i)
        end = pyrite.stats()
        pyrite.disable()
        assert total == sum(range(1000)), total
        types = {k: type(v).__name__ for k, v in end.items()}
        print(json.dumps({"start": start, "end": end, "types": types}, default=repr))
    """)
    start, end = out["start"], out["end"]
    assert start["functions_compiled"] == 0
    assert start["jit_entries"] == 0
    assert end["functions_compiled"] > 0, end
    assert end["jit_entries"] > 0, end
    assert end["code_bytes"] > 0, end
    assert end["compile_time_s"] >= 0, end
    for key, types in STATS_TYPES.items():
        assert key in end, key
    for reason, count in list(end["refused_by_reason"].items()) + list(end["exits_by_reason"].items()):
        assert isinstance(reason, str) and isinstance(count, int), (reason, count)


@pytest.mark.parametrize("bad", [-1, -100])
def test_negative_threshold_raises_value_error(bad):
    proc = api_check(api_run_python(f"""
        import pyrite
        try:
            pyrite.enable(threshold={bad})
        except ValueError as e:
            print("ValueError", e)
        else:
            print("no error")
        print("enabled", pyrite.is_enabled())
    """))
    assert "ValueError" in proc.stdout
    assert "enabled False" in proc.stdout


@pytest.mark.parametrize("bad", ["1.5", "ten", True])
def test_non_integer_threshold_raises_value_error(bad):
    proc = api_check(api_run_python(f"""
        import pyrite
        try:
            pyrite.enable(threshold={bad!r})
        except (ValueError, TypeError) as e:
            print("rejected", type(e).__name__)
        else:
            print("accepted")
    """))
    # bool is an int subclass; accepting True (=1) is tolerable, strings/floats are not
    if bad is True:
        return
    assert "rejected" in proc.stdout, proc.stdout


def test_env_threshold_garbage_gives_clear_value_error():
    proc = api_run_python("""
        import pyrite
        pyrite.enable()
    """, env=api_clean_env(PYRITE_THRESHOLD="abc"))
    assert proc.returncode == 1, proc
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("ValueError"), proc.stderr
    assert "PYRITE_THRESHOLD" in last and "abc" in last, last


def test_env_threshold_negative_rejected():
    proc = api_run_python("import pyrite; pyrite.enable()", env=api_clean_env(PYRITE_THRESHOLD="-3"))
    assert proc.returncode == 1
    assert "PYRITE_THRESHOLD" in proc.stderr.strip().splitlines()[-1]


def test_env_threshold_zero_compiles_at_first_call():
    out = run_json("""
        import json, pyrite
        def f(x):
            return x * 2
        pyrite.enable()
        c0 = pyrite.stats()["functions_compiled"]
        f(1)
        c1 = pyrite.stats()["functions_compiled"]
        pyrite.disable()
        print(json.dumps([c0, c1]))
    """, PYRITE_THRESHOLD="0")
    assert out[1] > out[0], out


def test_stats_env_prints_report_at_exit():
    proc = api_check(api_run_python("""
        import pyrite
        pyrite.enable(threshold=0)
        def f(x):
            return x + 1
        for i in range(100):
            f(i)
        print("done")
    """, env=api_clean_env(PYRITE_STATS="1")))
    assert proc.stdout.strip() == "done"
    assert "functions_compiled" in proc.stderr, proc.stderr


def test_stats_file_gets_one_json_line_per_process(tmp_path):
    import json

    path = tmp_path / "stats.jsonl"
    program = """
        import pyrite
        pyrite.enable(threshold=0)
        def f(x):
            return x + 1
        for i in range(100):
            f(i)
        print("done")
    """
    for _ in range(2):
        proc = api_check(api_run_python(program, env=api_clean_env(PYRITE_STATS_FILE=str(path))))
        assert proc.stdout.strip() == "done"
        assert "functions_compiled" not in proc.stderr
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == 2
    assert lines[0]["pid"] != lines[1]["pid"]
    assert all(line["functions_compiled"] >= 2 and line["refused_by_reason"] == {} for line in lines)


@pytest.mark.parametrize("variable", ["PYRITE_STATS", "PYRITE_STATS_FILE"])
def test_statistics_at_exit_keep_the_sigint_exit_status(tmp_path, variable):
    """An unhandled KeyboardInterrupt ends the process by SIGINT, as stock does, even though
    an exit handler reports the statistics (an import at exit would turn that into status 1)."""
    value = str(tmp_path / "stats.jsonl") if variable == "PYRITE_STATS_FILE" else "1"
    code = """
        import pyrite
        pyrite.enable()
        raise KeyboardInterrupt
    """
    api_check(api_run_python(code, env=api_clean_env(**{variable: value})), returncode=-2)


def test_no_report_without_stats_env():
    proc = api_check(api_run_python("""
        import pyrite
        pyrite.enable(threshold=0)
        def f(x):
            return x + 1
        for i in range(100):
            f(i)
    """))
    assert "functions_compiled" not in proc.stderr


def test_format_stats_mentions_every_key():
    proc = api_check(api_run_python("""
        import pyrite
        text = pyrite.format_stats()
        for key in pyrite.stats():
            assert key in text, key
        print("ok")
    """))
    assert proc.stdout.strip() == "ok"


def test_threshold_semantics():
    out = run_json("""
        import json, pyrite

        def hot(x):
            return x + 1

        pyrite.enable(threshold=5)
        base = pyrite.stats()["functions_compiled"]
        for i in range(4):
            hot(i)
        after4 = pyrite.stats()["functions_compiled"]
        for i in range(50):
            hot(i)
        after54 = pyrite.stats()["functions_compiled"]
        pyrite.disable()
        print(json.dumps([base, after4, after54]))
    """)
    base, after4, after54 = out
    assert after4 == base, f"compiled after 4 calls with threshold=5: {out}"
    assert after54 > after4, f"not compiled after 54 calls with threshold=5: {out}"


def test_loop_function_compiled_early_then_with_feedback():
    """A function with a loop runs compiled from its first call; the next calls run in the
    interpreter until it has quickened the code, then it is compiled again with that feedback.
    With threshold=0 nothing is compiled early, so nothing is recompiled."""
    code = """
        import json, sys, pyrite
        from pyrite import _pyrite

        def kernel(n):
            s = 0.0
            for i in range(n):
                s += i * 0.5
            return s

        if sys.argv[1] == "default":
            pyrite.enable()
        else:
            pyrite.enable(threshold=0)
        seen = []
        for _ in range(6):
            before = pyrite.stats()
            r = kernel(100)
            after = pyrite.stats()
            seen.append([r, _pyrite._code_status(kernel),
                         after["feedback_calls"] - before["feedback_calls"],
                         after["recompilations"] - before["recompilations"]])
        print(json.dumps(seen))
    """
    seen = run_json(code.replace("sys.argv[1]", '"default"'))
    assert all(r == 2475.0 and status == "compiled" for r, status, _, _ in seen), seen
    feedback = [f for _, _, f, _ in seen]
    recompiled = [c for _, _, _, c in seen]
    assert feedback[0] == 0, seen
    assert 1 <= sum(feedback) <= 3, seen
    assert sum(recompiled) == 1, seen
    assert feedback[recompiled.index(1) + 1:] == [0] * (5 - recompiled.index(1)), seen
    seen0 = run_json(code.replace("sys.argv[1]", '"zero"'))
    assert sum(f for _, _, f, _ in seen0) == 0 and sum(c for _, _, _, c in seen0) == 0, seen0
    # Calls that loop long quicken the code in one interpreted call: one feedback call only.
    long_calls = run_json(code.replace("sys.argv[1]", '"default"').replace("r = kernel(100)", "r = kernel(5000)"))
    assert all(r == 6248750.0 for r, _, _, _ in long_calls), long_calls
    assert [f for _, _, f, _ in long_calls] == [0, 1, 0, 0, 0, 0], long_calls
    assert [c for _, _, _, c in long_calls] == [0, 0, 1, 0, 0, 0], long_calls


def test_loop_function_whose_first_call_loops_little_waits_for_the_threshold():
    """The early code of a function with a loop is dropped when its first call entered its
    loops fewer than 100 times: the function then counts calls like any other and is compiled
    once, with feedback, at the ordinary threshold. A long first call keeps its code, and a
    generator's first call (which only creates it) never drops it."""
    out = run_json("""
        import json, pyrite
        from pyrite import _pyrite

        def short(n):
            s = 0
            for i in range(n):
                s += i
            return s

        def long(n):
            s = 0
            while n > 0:
                s += n
                n -= 1
            return s

        def gen(n):
            for i in range(n):
                yield i

        pyrite.enable(threshold=20)
        pyrite.stats()  # its own first call (it loops) is over before `before` is taken
        before = pyrite.stats()
        results = [short(10), long(1000), sum(gen(3))]
        dropped = pyrite.stats()["early_code_dropped"] - before["early_code_dropped"]
        after_first = [_pyrite._code_status(f) for f in (short, long, gen)]
        statuses = []
        for i in range(25):
            results.append(short(10))
            statuses.append(_pyrite._code_status(short))
        print(json.dumps([results, after_first, dropped, statuses]))
    """)
    results, after_first, dropped, statuses = out
    assert results == [45, 500500, 3] + [45] * 25, out
    assert after_first == ["counting", "compiled", "compiled"], out
    assert dropped == 1, out
    # Call 1 was the early one; calls 2..19 are interpreted, call 20 compiles.
    assert statuses.index("compiled") == 18 and statuses[18:] == ["compiled"] * 7, out


def test_long_loop_body_counts_as_looping():
    """A `for` loop whose body is longer than 255 code units has an `EXTENDED_ARG` before its
    `FOR_ITER`, and its backward jump goes to that prefix: the loop must still count as
    entered, so a first call that loops long keeps its early code (it was dropped as short,
    leaving the next 100 calls in the interpreter)."""
    out = run_json("""
        import dis, json, pyrite
        from pyrite import _pyrite

        body = "\\n".join(f"        a{k}, b{k}, c{k}, d{k} = t" for k in range(40))
        ns = {}
        exec("def unpacks(n, t):\\n    for _ in range(n):\\n" + body + "\\n    return a0 + d39\\n", ns)
        unpacks = ns["unpacks"]
        prefixed = any(i.opname == "EXTENDED_ARG" and i.arg is not None
                       for i in dis.get_instructions(unpacks))
        pyrite.enable()
        before = pyrite.stats()
        # (Not in a comprehension: its own loop would loop little and be dropped.)
        results = [unpacks(500, (1, 2, 3, 4)), unpacks(500, (1, 2, 3, 4)), unpacks(500, (1, 2, 3, 4))]
        after = pyrite.stats()
        print(json.dumps([prefixed, results, _pyrite._code_status(unpacks),
                          after["early_code_dropped"] - before["early_code_dropped"],
                          after["jit_entries"] - before["jit_entries"]]))
    """)
    prefixed, results, status, dropped, entries = out
    assert prefixed, "the test function needs an EXTENDED_ARG"
    assert results == [5, 5, 5], out
    assert status == "compiled" and dropped == 0, out
    # The first call runs early code, the next one or two the interpreter (feedback), the
    # rest code compiled with feedback.
    assert entries >= 2, out


def test_blocks_that_never_ran_are_compiled_as_exits():
    """A function compiled after many interpreted calls leaves out the blocks those calls never
    ran; entering one continues in the interpreter with the right result, and a few entries
    get the function compiled again in full. PYRITE_SKIP_UNEXECUTED=0 compiles everything."""
    code = """
        import json, pyrite

        def pick(flag, x):
            if flag:
                y = x * 2
                return len(str(y)) + y
            return x + 1

        pyrite.enable()
        for i in range(300):
            pick(False, i)
        s = pyrite.stats()
        warm = [s["unexecuted_blocks_skipped"], s["unexecuted_recompilations"]]
        results = [pick(True, i) for i in (5, 50, 500, 5000, 7)]
        s = pyrite.stats()
        exits = sum(v for k, v in s["exits_by_reason"].items() if k.endswith("_unexecuted"))
        print(json.dumps([warm, results, s["unexecuted_recompilations"], exits]))
    """
    warm, results, recompiled, exits = run_json(code)
    assert results == [12, 103, 1004, 10005, 16], results
    assert warm == [1, 0], warm
    # Four entries, then the full code (which has no such exit) takes the fifth call.
    assert recompiled == 1 and exits == 4, (recompiled, exits)
    off = run_json(code, PYRITE_SKIP_UNEXECUTED="0")
    assert off[0] == [0, 0] and off[1] == results and off[2:] == [0, 0], off


def test_results_unchanged_under_jit():
    code = """
        import json, sys
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def work():
            acc = []
            for i in range(200):
                acc.append((i * 3) % 7 + len(str(i)))
            return [fib(15), sum(acc), sorted({i % 5 for i in acc})]
        if len(sys.argv) > 1:
            import pyrite
            pyrite.enable(threshold=0)
        print(json.dumps(work()))
    """
    plain = api_check(api_run_python(code)).stdout
    jit = api_check(api_run_python(code, "jit")).stdout
    assert plain == jit


def test_autoload_function_respects_disable_env():
    proc = api_check(api_run_python("""
        import pyrite
        pyrite._autoload()
        print(pyrite.is_enabled())
    """, env=api_clean_env(PYRITE_DISABLE="1")))
    assert proc.stdout.strip() == "False"
    assert proc.stderr == ""


def test_autoload_function_enables():
    proc = api_check(api_run_python("""
        import pyrite
        pyrite._autoload()
        print(pyrite.is_enabled())
    """))
    assert proc.stdout.strip() == "True"
    assert proc.stderr == ""


def test_hot_python_calls_enter_callee_fast_entries():
    # A compiled caller whose call site the interpreter saw calling a Python function enters
    # the callee's fast entry directly: one fast entry made, and every call still counted as an
    # entry into compiled code; disabling the JIT turns the direct calls off again.
    out = run_json("""
        import json, pyrite

        def add(a, b):
            return a + b

        def caller(n):
            t = 0
            for i in range(n):
                t = add(t, i)
            return t

        pyrite.enable()
        for _ in range(5):
            assert caller(300) == sum(range(300))
        mid = pyrite.stats()
        assert caller(10000) == sum(range(10000))
        end = pyrite.stats()
        pyrite.disable()
        assert caller(10000) == sum(range(10000))
        after = pyrite.stats()
        print(json.dumps([mid["fast_entries"], end["fast_entries"],
                          end["jit_entries"] - mid["jit_entries"],
                          after["jit_entries"] - end["jit_entries"]]))
    """)
    fast_mid, fast_end, entries, entries_disabled = out
    assert fast_end == fast_mid >= 1, out
    assert entries >= 10000, out
    assert entries_disabled == 0, out


def test_rarely_called_loop_function_gets_feedback_from_its_feedback_call():
    # A loop closed by a conditional backward jump (`while node is not None`) does not warm the
    # code up in the interpreter; the feedback call must still quicken it, so the recompiled
    # code has the interpreter's type feedback.
    out = run_json("""
        import dis, json, pyrite

        class Node:
            def __init__(self, nxt):
                self.nxt = nxt
            def value(self):
                return 1

        def walk(node):
            total = 0
            while node is not None:
                total += node.value()
                node = node.nxt
            return total

        head = None
        for _ in range(1000):
            head = Node(head)
        pyrite.enable()
        before = pyrite.stats()["recompilations"]
        results = [walk(head) for _ in range(3)]
        first = next(dis.get_instructions(walk, adaptive=True)).opname
        print(json.dumps([results, first, pyrite.stats()["recompilations"] - before]))
    """)
    results, first, recompiled = out
    assert results == [1000, 1000, 1000]
    assert first == "RESUME_QUICK", out
    assert recompiled == 1, out


def test_builtins_stay_cached_while_the_module_stores_globals():
    """A module that keeps storing a global (`global n; n += 1`) changes its globals' dict
    version; the builtins its compiled code reads are then proved by the globals' keys version
    (given by the interpreter while it ran the function for feedback) and their entries, as
    the interpreter's LOAD_GLOBAL_BUILTIN does, instead of missing after every store."""
    out = run_json("""
        import json, pyrite
        pyrite.enable()
        N = 0
        def tick(items):
            global N
            N += 1
            return len(items) + abs(-N)
        def main():
            for _ in range(300):  # compiled with the interpreter's feedback
                tick([1, 2])
            before = pyrite.stats()["load_global_cache_misses"]
            t = 0
            for _ in range(1000):
                t += tick([1, 2])
            after = pyrite.stats()["load_global_cache_misses"]
            return [t, after - before]
        # (No new module globals after the warm-up: a new key resets the keys version the
        # interpreter gave, and Pyrite cannot give one; such sites go back to dict versions.)
        print(json.dumps(main()))
    """)
    assert out[0] == sum(2 + n for n in range(301, 1301)), out
    assert out[1] <= 4, f"builtins missed {out[1]} times in 1000 calls: {out}"


def test_stores_to_dict_backed_attributes_hit_the_cache():
    """Instances whose attributes live in a dict of their own (a combined table, once the
    class's shared keys are full): compiled stores replace the entry's
    value in place (STORE_ATTR_WITH_HINT), without a cache miss, and the dict's PEP 509 version
    tag still changes with every store."""
    out = run_json("""
        import ctypes, json, pyrite
        pyrite.enable(threshold=0)
        class Box: pass
        b = Box()
        for k in range(40):  # past the shared keys' size: a combined dict of its own
            setattr(b, "x%d" % k, k)
        b.a = 0
        def store(b, v):
            b.a = v
        for k in range(10):
            store(b, k)
        before = pyrite.stats()["store_attr_cache_misses"]
        tags = set()
        for k in range(50):
            store(b, k)
            tags.add(ctypes.c_uint64.from_address(id(b.__dict__) + 24).value)
        after = pyrite.stats()["store_attr_cache_misses"]
        print(json.dumps([b.a, after - before, len(tags)]))
    """)
    assert out[0] == 49, out
    assert out[1] == 0, f"stores missed: {out}"
    assert out[2] == 50, f"the dict's version tag did not change with every store: {out}"


def test_stats_count_calls_by_path():
    """`stats()["calls_by_path"]` says which way calls made by compiled code went outside the
    direct fast-entry calls: here a bound-method object, a class, a keyword call whose
    keywords are not in the parameters' order and a C function, each called 100 times from
    one compiled function."""
    out = run_json("""
        import json, pyrite
        pyrite.enable(threshold=0)
        class C:
            def __init__(self, x):
                self.x = x
            def m(self, y):
                return y
        def kw(a, b=0):
            return a + b
        def body(bm, n):
            t = 0
            for i in range(n):
                t += bm(i) + C(i).x + kw(b=0, a=i) + abs(-i)
            return t
        before = pyrite.stats()["calls_by_path"]
        r = body(C(0).m, 100)
        after = pyrite.stats()["calls_by_path"]
        print(json.dumps([r, {k: after[k] - before[k] for k in after}]))
    """)
    r, delta = out
    assert r == 4 * sum(range(100)), out
    assert sorted(delta) == sorted(["py_site_miss", "py_dispatcher", "py_keywords", "bound_method",
                                    "constructor", "c_direct", "vectorcall"]), out
    assert delta["bound_method"] >= 100, out
    assert delta["constructor"] >= 100, out
    assert delta["py_keywords"] >= 100, out
    assert delta["c_direct"] >= 100, out


def test_keyword_calls_in_parameter_order_enter_fast_entries():
    """`f(x, b=1)` binds as `f(x, 1)` when the keywords name the parameters after the
    positional arguments, in order (keyword-only ones too, when all are passed): such sites
    call the callee's fast entry, not the dispatcher; other keyword orders still bind
    through it."""
    out = run_json("""
        import json, pyrite
        pyrite.enable()
        def f(a, b=2, c=3):
            return a * 100 + b * 10 + c
        def in_order(n):
            t = 0
            for i in range(n):
                t += f(i, b=1) + f(a=i, b=1, c=1)
            return t
        def other_order(n):
            t = 0
            for i in range(n):
                t += f(i, c=1)
            return t
        def g(src, pos, *, multiline, strict=False):
            return pos + multiline + strict
        def kwonly(n):
            t = 0
            for i in range(n):
                t += g("s", i, multiline=True, strict=True)
            return t
        # 200 iterations: the first calls loop long enough to keep their early code.
        for _ in range(5):
            in_order(200), other_order(200), kwonly(200)
        before = pyrite.stats()["calls_by_path"]
        r = [in_order(1000), other_order(1000), kwonly(1000)]
        after = pyrite.stats()["calls_by_path"]
        print(json.dumps([r, after["py_keywords"] - before["py_keywords"]]))
    """)
    (r_in, r_other, r_kwonly), keyword_dispatches = out
    assert r_in == sum(i * 100 + 13 + i * 100 + 11 for i in range(1000)), out
    assert r_kwonly == sum(i + 2 for i in range(1000)), out
    assert r_other == sum(i * 100 + 21 for i in range(1000)), out
    # Only other_order's 1000 calls bind keywords in the dispatcher.
    assert keyword_dispatches == 1000, out


def test_bound_method_objects_enter_fast_entries():
    """A site where the interpreter saw a bound-method object called unpacks its function and
    `self` and calls the function's fast entry, instead of the dispatcher's bound-method path."""
    out = run_json("""
        import json, pyrite
        pyrite.enable()
        class Acc:
            def __init__(self):
                self.total = 0
            def add(self, x):
                self.total += x
                return x
        def drive(fn, n):
            t = 0
            for i in range(n):
                t += fn(i)
            return t
        acc = Acc()
        for _ in range(5):
            drive(acc.add, 100)
        before = pyrite.stats()["calls_by_path"]
        r = drive(acc.add, 1000)
        after = pyrite.stats()["calls_by_path"]
        print(json.dumps([r, acc.total, after["bound_method"] - before["bound_method"]]))
    """)
    assert out[0] == sum(range(1000)), out
    assert out[1] == 5 * sum(range(100)) + sum(range(1000)), out
    assert out[2] == 0, f"bound-method calls went through the dispatcher: {out}"


def test_keyword_only_defaults_enter_fast_entries():
    """A callee whose keyword-only parameters the caller leaves to their defaults runs through
    its fast entry, which reads the defaults from a cache of `__kwdefaults__` checked by the
    dict's version tag; a changed dict is seen at the next call."""
    out = run_json("""
        import json, pyrite
        pyrite.enable()
        def nest(key, *, access_lists=True):
            return key if access_lists else -key
        def run(n):
            t = 0
            for i in range(n):
                t += nest(i)
            return t
        for _ in range(5):
            run(50)
        before = pyrite.stats()["calls_by_path"]
        r = run(1000)
        after = pyrite.stats()["calls_by_path"]
        nest.__kwdefaults__["access_lists"] = False
        print(json.dumps([r, run(10), after["py_dispatcher"] - before["py_dispatcher"]]))
    """)
    assert out[0] == sum(range(1000)), out
    assert out[1] == -sum(range(10)), out
    assert out[2] == 0, f"calls went through the dispatcher: {out}"


def test_instance_reads_of_class_attributes_and_data_descriptors_hit():
    """`obj.__class__` (a data descriptor of `object`), `cls.__name__` (one of the metatype)
    and `self.key` for a plain class attribute are served by the site's slow-path entry, not
    looked up generically each time; an instance attribute of the same name still wins at
    once."""
    out = run_json("""
        import json, pyrite
        pyrite.enable()
        class Column:
            key = "column"
            def __init__(self, v):
                self.v = v
        def read(objs):
            out = None
            for o in objs:
                out = (o.key, o.__class__.__name__)
            return out
        objs = [Column(i) for i in range(100)]
        for _ in range(5):
            read(objs)
        before = pyrite.stats()["load_attr_cache_misses"]
        r = read(objs * 10)
        after = pyrite.stats()["load_attr_cache_misses"]
        objs[-1].key = "own"
        print(json.dumps([r, read(objs), after - before]))
    """)
    assert out[0] == ["column", "Column"], out
    assert out[1] == ["own", "Column"], out
    assert out[2] <= 4, f"{out[2]} misses in 1000 reads of each: {out}"


def test_compiled_generators_resumed_directly():
    """`yield from` (SEND) and `for` (FOR_ITER) resume a compiled generator's machine code
    directly: `stats()["generator_direct_resumes"]` counts one per resumption of each level
    of the chain, and none while a profile function is set (then every frame goes through
    the hook and the interpreter's own path)."""
    out = run_json("""
        import json, sys, pyrite
        pyrite.enable(threshold=0)
        def leaf(n):
            for i in range(n):
                yield i
        def mid(n):
            yield from leaf(n)
        def consume(n):
            t = 0
            for x in mid(n):
                t += x
            return t
        consume(1)
        s0 = pyrite.stats()["generator_direct_resumes"]
        r1 = consume(100)
        s1 = pyrite.stats()["generator_direct_resumes"]
        sys.setprofile(lambda *a: None)
        r2 = consume(100)
        sys.setprofile(None)
        s2 = pyrite.stats()["generator_direct_resumes"]
        print(json.dumps([r1, r2, s1 - s0, s2 - s1]))
    """)
    r1, r2, direct, profiled = out
    assert r1 == r2 == sum(range(100)), out
    # 101 resumptions of `mid` by the for loop (the last one finishes it) and 101 of `leaf` by
    # `mid`'s SEND; the first resumption of `mid` may go through the hook.
    assert direct >= 200, out
    assert profiled == 0, out


def test_code_memory_of_dead_functions_goes_back_to_the_kernel():
    """When compiled functions die, the pages their machine code alone occupied are given back
    (`code_memory_released_bytes`), or their whole chunk is: the code memory that can still be
    resident (`code_memory_mapped_bytes - code_memory_released_bytes`) shrinks."""
    out = run_json("""
        import gc, json, pyrite
        pyrite.enable(threshold=0)
        def resident(s):
            return s["code_memory_mapped_bytes"] - s["code_memory_released_bytes"]
        keep = []
        def make(i, n):
            body = "\\n".join(f"    x = x + a[{k}] * {i} - b.c" for k in range(n))
            ns = {}
            exec(f"def f{i}(a, b):\\n    x = 0\\n{body}\\n    return x", ns)
            return ns[f"f{i}"]
        class B:
            c = 1
        # Interleave long-lived and short-lived functions in the same chunks.
        doomed = []
        for i in range(40):
            f = make(i, 60)
            f(list(range(60)), B())
            (keep if i % 4 == 0 else doomed).append(f)
        before = pyrite.stats()
        del doomed, f
        gc.collect()
        after = pyrite.stats()
        print(json.dumps([before["code_bytes"], after["code_bytes"], resident(before), resident(after),
                          after["code_memory_released_bytes"], keep[0](list(range(60)), B())]))
    """)
    live_before, live_after, res_before, res_after, released, result = out
    assert live_after < live_before, out
    assert res_after < res_before, out
    assert released > 0, out
    assert result == -60, out


def test_code_memory_is_a_file_of_each_process_own_after_a_fork():
    """Code runs from an in-memory file mapped read+execute and is written through a second,
    read+write mapping of it. A fork leaves that file shared: the first write after it, in
    parent and child alike, copies the code into a file of the process's own
    (`code_memory_copies_after_fork`), and only then compiles or gives pages back."""
    out = run_json("""
        import json, os, pyrite
        pyrite.enable(threshold=0)
        def make(n):
            ns = {}
            exec(f"def f(x):\\n    return x * {n}", ns)
            return ns["f"]
        first = make(3)(2)
        backing = pyrite.stats()["code_memory_backing"]
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            before = pyrite.stats()["code_memory_copies_after_fork"]
            result = make(5)(2)
            os.write(w, json.dumps([before, pyrite.stats()["code_memory_copies_after_fork"], result]).encode())
            os._exit(0)
        os.waitpid(pid, 0)
        child = json.loads(os.read(r, 1000))
        before = pyrite.stats()["code_memory_copies_after_fork"]
        result = make(7)(2)
        print(json.dumps([backing, first, child, before, pyrite.stats()["code_memory_copies_after_fork"], result]))
    """)
    backing, first, child, parent_before, parent_after, result = out
    # This machine's kernel allows executable memfds (elsewhere the anonymous fallback runs).
    assert backing == "double-mapped", out
    assert (first, child, result) == (6, [0, 1, 10], 14), out
    # The parent compiles `os.waitpid`'s and `json.loads`'s callees before it reads the count:
    # one copy, made by the first of its writes.
    assert parent_before in (0, 1) and parent_after == 1, out


def test_float_sites_recompiled_when_they_keep_seeing_other_types():
    """A function compiled while its arithmetic saw floats keeps float results unboxed; called
    with ints from then on, each call would leave compiled code at that site. After a few such
    calls it is compiled again without unboxing (`float_respecialisations`), and stays
    compiled, with the interpreter's results throughout."""
    out = run_json("""
        import json, pyrite
        from pyrite import _pyrite

        def scale(a, b):
            return a * b + a

        pyrite.enable(threshold=20)
        floats = [scale(1.5, 2.0) for _ in range(50)]
        before = pyrite.stats()
        ints = [scale(i, 3) for i in range(200)]
        after = pyrite.stats()
        status = _pyrite._code_status(scale)
        more = [scale(0.5, 4.0), scale(2, 5)]
        print(json.dumps([floats[-1], ints[:3], ints[-1], more, status,
                          after["float_respecialisations"] - before["float_respecialisations"],
                          after["exits_by_reason"].get("BINARY_OP_not_float", 0)
                          - before["exits_by_reason"].get("BINARY_OP_not_float", 0)]))
    """)
    last_float, first_ints, last_int, more, status, respecialised, misses = out
    assert last_float == 4.5 and first_ints == [0, 4, 8] and last_int == 199 * 4, out
    assert more == [2.5, 12] and status == "compiled", out
    assert respecialised == 1, out
    # Only the calls before the recompilation left compiled code at the site.
    assert 1 <= misses <= 40, out


# Two small functions compiled at their first call, one calling the other (the developer
# tools' tests look at their machine code).
TWO_FUNCTIONS = """
        import json, os, pyrite
        pyrite.enable(threshold=0)
        def g(x):
            return x
        def f(x):
            return g(x) + g(x + 1)
        for i in range(10):
            f(i)
"""


def test_code_sizes_by_opcode_only_when_asked():
    code = TWO_FUNCTIONS + """
        s = pyrite.stats()
        print(json.dumps([s.get("hot_bytes_by_opcode"), s["code_hot_bytes"]]))
    """
    sizes, hot = run_json(code, PYRITE_CODE_SIZES="1")
    # name: [hot bytes, instructions with any]; f's two calls and g's and f's returns.
    assert sizes["CALL"][1] >= 2 and sizes["CALL"][0] > 50 * sizes["CALL"][1], sizes
    assert sizes["RETURN_VALUE"][1] >= 2, sizes
    assert "(function entry)" in sizes, sizes
    # Every compiled function's hot code, prologue included (freed code stays counted).
    assert sum(b for b, _ in sizes.values()) >= hot > 0
    without, _ = run_json(code)
    assert without is None


def test_perf_map_names_compiled_code_only_when_asked():
    """With `PYRITE_PERF_MAP=1` the map names each function's hot, cold and entry code, and the
    code lives in anonymous memory, the only kind `perf` looks up in perf maps."""
    code = TWO_FUNCTIONS + """
        path = f"/tmp/perf-{os.getpid()}.map"
        lines = []
        if os.path.exists(path):
            with open(path) as fp:
                lines = fp.read().splitlines()
            os.unlink(path)
        print(json.dumps([lines, pyrite.stats()["code_memory_backing"]]))
    """
    lines, backing = run_json(code, PYRITE_PERF_MAP="1")
    assert backing == "anonymous"
    ranges = {}
    for line in lines:
        addr, size, name = line.split(" ", 2)
        ranges[name] = (int(addr, 16), int(size, 16))
    names = {n.split(" (")[0] for n in ranges}
    assert {"py::f", "py::f [cold]", "py::g", "py::g [entry/1]"} <= names, lines
    f_hot = next(r for n, r in ranges.items() if n.startswith("py::f ("))
    f_cold = next(r for n, r in ranges.items() if n.startswith("py::f [cold]"))
    assert f_hot[1] > 0 and f_cold[0] == f_hot[0] + f_hot[1], lines
    assert any(n.startswith("py::f (") and n.endswith(":6)") for n in ranges), lines
    assert run_json(code) == [[], "double-mapped"]


def test_operators_and_constructors_enter_the_newest_code():
    """`p - q` on a class defining `__sub__` in Python, and `P(...)` with a Python `__init__`,
    enter the methods' compiled code directly (`python_operator_calls`). Their caches must
    follow a recompilation: methods compiled for float operands and then given ints are compiled
    again without unboxing, after which no call may keep entering the replaced code (each would
    leave it at the site that sees an int)."""
    out = run_json("""
        import json, pyrite

        class P:
            def __init__(self, x):
                self.x = x
                self.y = x * x + x
            def __sub__(self, o):
                return self.x * o.x + self.y

        def run(a, b):
            return (P(a) - P(b)) + (P(b) - P(a))

        pyrite.enable(threshold=20)
        first = [run(1.5, 2.0) for _ in range(50)]
        before = pyrite.stats()
        ints = [run(i, 3) for i in range(400)]
        after = pyrite.stats()
        misses = sum(v - before["exits_by_reason"].get(k, 0)
                     for k, v in after["exits_by_reason"].items() if k.endswith("not_float"))
        print(json.dumps([first[-1], ints[-1], misses,
                          after["python_operator_calls"] - before["python_operator_calls"],
                          after["float_respecialisations"] - before["float_respecialisations"]]))
    """)
    first, last, misses, operator_calls, respecialised = out

    def expected(a, b):
        return (a * b + a * a + a) + (b * a + b * b + b)

    assert first == expected(1.5, 2.0) and last == expected(399, 3), out
    assert operator_calls == 800, out
    assert respecialised >= 1, out
    # Each unboxing site misses until its function is compiled again (32 misses), not 400 times.
    assert misses <= 100, out
