"""import statements inside hot functions: plain, dotted, aliased, from-imports, failures.

Covers IMPORT_NAME/IMPORT_FROM with fromlist, `import a.b.c` binding the top package,
`import a.b as c`, from-import of submodules, ImportError/ModuleNotFoundError messages and
attributes (name, path is not printed), importing a name missing from a module, and
sys.modules caching (the same module object every time).
"""
import sys


def plain():
    import math
    import os.path
    return math.floor(2.7) + len(os.path.basename("/x/yy"))


def aliases():
    import xml.etree.ElementTree as ET
    from collections import abc as cabc, OrderedDict as OD
    from json import decoder
    return ET.__name__, cabc.__name__, OD.__name__, decoder.__name__


def dotted():
    import email.mime.text
    return email.__name__, hasattr(email, "mime")


def missing_module(i):
    try:
        import not_a_real_module_xyz
    except ModuleNotFoundError as e:
        return type(e).__name__, e.name, str(e)


def missing_submodule():
    try:
        import json.nope
    except ModuleNotFoundError as e:
        return e.name, str(e)


def missing_name():
    try:
        from json import no_such_thing
    except ImportError as e:
        return type(e).__name__, e.name, str(e).split(" (")[0]


def not_a_package():
    try:
        import math.sub
    except ModuleNotFoundError as e:
        return str(e)


def same_object():
    import collections
    return collections is sys.modules["collections"]


def main():
    t = 0
    for i in range(500):
        t += plain()
        aliases()
        missing_module(i)
        same_object()
    print(t, aliases(), dotted())
    print(missing_module(0))
    print(missing_submodule())
    print(missing_name())
    print(not_a_package())
    print(same_object())
    saved = sys.modules.get("string")
    sys.modules["string"] = None
    try:
        import string
    except ImportError as e:
        print("None in sys.modules:", e)
    finally:
        sys.modules["string"] = saved
    import string
    print(string.ascii_lowercase[:5])


main()
