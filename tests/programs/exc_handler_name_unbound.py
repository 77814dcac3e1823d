"""`except E as name` unbinds name at the end of the handler.

Covers UnboundLocalError/NameError after the handler, a name that existed before the try
being deleted too, closures capturing the handler name, the name bound at module level and
in a class body, and exceptions stored in other variables surviving the handler.
"""


def after_handler():
    try:
        raise KeyError("x")
    except KeyError as e:
        kept = e
    try:
        return e
    except UnboundLocalError as err:
        return "unbound: " + str(err), repr(kept)


def preexisting():
    e = "was here"
    try:
        1 / 0
    except ZeroDivisionError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return str(err)


def closure():
    fns = []
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError as exc:
            fns.append(lambda exc=exc: exc.args[0])
    return [f() for f in fns]


def cell_variable():
    try:
        raise IndexError("cell")
    except IndexError as err:
        def inner():
            return err
        got = inner()
    try:
        inner()
    except NameError as ne:
        return str(got), type(ne).__name__, str(ne)


def hot(i):
    msg = None
    try:
        if i % 2:
            raise RuntimeError(i)
    except RuntimeError as e:
        msg = e.args[0]
    return msg


class K:
    try:
        raise TypeError("in class")
    except TypeError as class_err:
        saved = str(class_err)
    has_name = "class_err" in dir()


try:
    raise OSError("module level")
except OSError as mod_err:
    module_saved = str(mod_err)


def main():
    print(after_handler())
    print(preexisting())
    print(closure())
    print(cell_variable())
    print(sum(hot(i) or 0 for i in range(1000)))
    print(K.saved, K.has_name, module_saved, "mod_err" in globals())
    print(mod_err)


main()
