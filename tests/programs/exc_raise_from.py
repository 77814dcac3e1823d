"""raise ... from ..., from None, implicit chaining, __cause__/__context__/__suppress_context__.

Ends with an uncaught chained exception so the interpreter prints both 'direct cause' and
'during handling' sections on stderr.
"""


class AppError(Exception):
    pass


def lookup(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise AppError("missing %s" % k) from e


def hide(d, k):
    try:
        return d[k]
    except KeyError:
        raise AppError("hidden %s" % k) from None


def implicit(d, k):
    try:
        return d[k]
    except KeyError:
        raise AppError("implicit %s" % k)


def cause_not_exception():
    try:
        raise AppError("x") from 5
    except TypeError as e:
        return str(e)


def cause_class():
    try:
        raise AppError("y") from ValueError
    except AppError as e:
        return repr(e.__cause__), e.__suppress_context__


def describe(e):
    return (type(e).__name__, str(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)


def manual_chain():
    e = AppError("manual")
    e.__cause__ = OSError("set by hand")
    try:
        raise e
    except AppError as got:
        return describe(got)


def loop(n):
    d = {i: i for i in range(0, n, 2)}
    out = {}
    for i in range(n):
        for f in (lookup, hide, implicit):
            try:
                f(d, i)
            except AppError as e:
                k = (f.__name__,) + describe(e)[3:]
                k = (k[0], k[1][:8], k[2])
                out[k] = out.get(k, 0) + 1
    return out


def main():
    r = loop(400)
    for k in sorted(r):
        print(k, r[k])
    print(cause_not_exception())
    print(cause_class())
    print(manual_chain())
    try:
        try:
            lookup({}, "a")
        except AppError as e:
            raise RuntimeError("during handling") 
    except RuntimeError as e:
        print(describe(e))
        print(describe(e.__context__))
    try:
        try:
            raise ValueError(1)
        finally:
            raise TypeError(2)
    except TypeError as e:
        print("finally chain", describe(e))
    try:
        int("zz")
    except ValueError:
        lookup({}, "final")
    try:
        lookup({}, "outer")
    except AppError:
        hide({}, "inner-hidden-context")
    except Exception:
        pass


main()
