"""Another PEP 523 hook installed while compiled code runs (as a debugger's frame evaluator
would be) must see every Python frame from then on, including calls made by compiled callers
(found by test_capi's Test_Pep523API)."""
try:
    import _testinternalcapi
except ImportError:
    _testinternalcapi = None


class C:
    def __getitem__(self, other):
        return None


def func():
    C()[42]


def main():
    calls = []
    for i in range(200):
        if i == 100:
            _testinternalcapi.set_eval_frame_record(calls)
        func()
    _testinternalcapi.set_eval_frame_default()
    # Only the calls of func are compared: whether __getitem__ frames reach a hook depends on
    # the interpreter's quickening of BINARY_SUBSCR (3.11.2 lets BINARY_SUBSCR_GETITEM bypass
    # hooks, gh-104405), and compiled code never quickens the bytecode it runs.
    print(calls.count("func"))


if _testinternalcapi is not None:
    main()
else:
    print("no _testinternalcapi")
