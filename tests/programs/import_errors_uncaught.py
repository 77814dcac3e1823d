"""ImportError paths inside hot functions, then an uncaught `from x import y` failure.

Covers fallback imports (try: import fast_impl except ImportError: import slow_impl) in a
function called many times, ImportError raised by module code itself propagating through
import, and a final uncaught ImportError whose message names the module (no file path:
the module is built in memory).
"""
import importlib.abc
import importlib.util
import sys


class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    SRC = {
        "raises_on_import": "x = 1\nraise ImportError('module refused to load', name='raises_on_import')\n",
        "partial_mod": "alpha = 1\n",
    }

    def find_spec(self, name, path=None, target=None):
        if name in self.SRC:
            return importlib.util.spec_from_loader(name, self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self.SRC[module.__name__], module.__dict__)


sys.meta_path.insert(0, Finder())


def fallback(i):
    try:
        import ujson_not_installed_here as js
    except ImportError:
        import json as js
    return len(js.dumps([i]))


def refuses():
    try:
        import raises_on_import
    except ImportError as e:
        return str(e), e.name, "raises_on_import" in sys.modules


def main():
    print(sum(fallback(i) for i in range(500)))
    print(refuses())
    print(refuses())
    from partial_mod import alpha
    print(alpha)
    from partial_mod import beta


main()
