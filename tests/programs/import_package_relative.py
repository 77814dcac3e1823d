"""A package with relative imports, circular imports and __init__ side effects, built in a
temporary directory at run time and imported through sys.path.

Covers `from . import x`, `from .sub import y`, `from .. import z` in a subpackage, a
circular import seeing a partially initialised module, __all__ and __path__, relative
import beyond the top-level package (ImportError), and functions of the package called hot.
No file paths are printed.
"""
import os
import shutil
import sys
import tempfile

FILES = {
    "pkg/__init__.py": "from . import core\nfrom .core import compute\nORDER = ['pkg']\n",
    "pkg/core.py": "from . import util\nORDER_AT_IMPORT = []\ndef compute(x):\n    return util.double(x) + util.BASE\n",
    "pkg/util.py": "BASE = 7\ndef double(x):\n    return 2 * x\n",
    "pkg/sub/__init__.py": "from .. import util as parent_util\nfrom ..core import compute as parent_compute\nfrom .leaf import leaf_value\n",
    "pkg/sub/leaf.py": "from ..util import BASE\ndef leaf_value(x):\n    return BASE * x\n",
    "circ/__init__.py": "",
    "circ/a.py": "from . import b\nA = 'a'\ndef get_b():\n    return b.B\nSEEN = b.SEEN_A\n",
    "circ/b.py": "from . import a\nSEEN_A = hasattr(a, 'A')\nB = 'b'\n",
    "bad/__init__.py": "",
    "bad/beyond.py": "from ... import nothing\n",
}


def main():
    sys.dont_write_bytecode = True
    root = tempfile.mkdtemp(prefix="pyrite_pkg_")
    try:
        for rel, src in FILES.items():
            p = os.path.join(root, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(src)
        sys.path.insert(0, root)
        import pkg
        import pkg.sub
        from pkg.sub import leaf
        t = 0
        for i in range(400):
            t += pkg.compute(i) + pkg.sub.leaf_value(i) + pkg.sub.parent_compute(1)
        print(t, pkg.ORDER, pkg.sub.parent_util is pkg.util, leaf.__name__, leaf.__package__)
        print(sorted(k for k in vars(pkg) if not k.startswith("__")))
        print(pkg.__name__, pkg.__package__, len(pkg.__path__), pkg.sub.__spec__.parent)
        import circ.a
        print(circ.a.SEEN, circ.a.get_b(), circ.b.SEEN_A)
        try:
            import bad.beyond
        except ImportError as e:
            print("ImportError:", e)
        from pkg import util as u1
        import pkg.util as u2
        print(u1 is u2, u1.double(21))
    finally:
        sys.path.remove(root)
        shutil.rmtree(root)


main()
