"""builtins.__import__ overridden at run time; importlib.import_module and reload.

Covers a logging __import__ hook seeing (name, fromlist, level) for import statements run in
hot functions, an override that redirects one module name, restoring the original,
__import__ in a custom globals '__builtins__' dict for exec, and importlib.reload of an
in-memory module whose source changes.
"""
import builtins
import importlib
import importlib.abc
import importlib.util
import json
import math
import os
import sys

real_import = builtins.__import__
calls = []


def logging_import(name, globals=None, locals=None, fromlist=(), level=0):
    calls.append((name, tuple(fromlist or ()), level))
    if name == "fake_math":
        return real_import("math", globals, locals, fromlist, level)
    return real_import(name, globals, locals, fromlist, level)


def uses_imports(i):
    import json
    from os import path
    import fake_math
    return fake_math.sqrt(i * i) + len(json.dumps(i)) + len(path.sep)


VERSION = {"n": 1}


class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name == "reloadme":
            return importlib.util.spec_from_loader(name, self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        n = VERSION["n"]
        exec("VALUE = %d\ndef get():\n    return VALUE * 10\n" % n, module.__dict__)


def main():
    builtins.__import__ = logging_import
    try:
        t = 0
        for i in range(300):
            t += uses_imports(i)
    finally:
        builtins.__import__ = real_import
    print(t, len(calls), calls[:3])
    calls.clear()
    uses_imports(1) if False else None
    try:
        uses_imports(2)
    except ModuleNotFoundError as e:
        print("after restore:", e)
    print(calls)

    def deny(name, *args, **kw):
        raise ImportError("denied " + name)

    g = {"__builtins__": {"__import__": deny, "len": len}}
    try:
        exec("import os", g)
    except ImportError as e:
        print(e)
    g = {"__builtins__": {}}
    try:
        exec("import os", g)
    except ImportError as e:
        print(e)

    sys.meta_path.insert(0, Finder())
    m = importlib.import_module("reloadme")
    vals = [m.get()]
    for n in range(2, 5):
        VERSION["n"] = n
        m = importlib.reload(m)
        vals.append(m.get())
    print(vals, m is sys.modules["reloadme"])
    print(importlib.import_module("json.decoder").__name__, importlib.import_module(".decoder", "json").__name__)
    try:
        importlib.import_module(".decoder")
    except TypeError as e:
        print("TypeError:", e)


main()
