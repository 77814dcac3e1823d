"""Nested try/except/else/finally, bare re-raise, raising inside handlers, handler ordering.

Covers re-raise with `raise` in nested handlers (which exception is re-raised), exceptions
raised in else clauses, handler tuples, exception type matching through inheritance, and
the state seen by finally blocks at each nesting level.
"""


class Base(Exception):
    pass


class Mid(Base):
    pass


class Leaf(Mid):
    pass


def classify(exc):
    log = []
    try:
        try:
            raise exc
        except Leaf:
            log.append("leaf")
            raise
        except (Mid, KeyError) as e:
            log.append("mid-or-key:" + type(e).__name__)
            try:
                raise ValueError("inner")
            except ValueError:
                log.append("inner handled")
            raise
        except Base:
            log.append("base")
        else:
            log.append("else")
        finally:
            log.append("f1")
    except Base as e:
        log.append("outer " + type(e).__name__)
    except LookupError as e:
        log.append("lookup " + type(e).__name__)
    finally:
        log.append("f2")
    return log


def else_raises(n):
    try:
        x = 10 // n
    except ZeroDivisionError:
        return "zero"
    else:
        if x > 3:
            raise OverflowError(x)
        return x
    finally:
        pass


def reraise_other():
    try:
        raise KeyError("a")
    except KeyError:
        try:
            raise ValueError("b")
        except ValueError:
            pass
        raise


def handler_raises(i):
    try:
        try:
            [][i]
        except IndexError as e:
            raise TypeError("from handler %d" % i)
    except TypeError as e:
        return str(e), type(e.__context__).__name__, e.__cause__, e.__suppress_context__


def deep(n):
    if n == 0:
        raise Leaf("bottom")
    try:
        deep(n - 1)
    except Leaf:
        if n % 2:
            raise
        raise Mid("level %d" % n)


def main():
    counts = {}
    excs = [Leaf(), Mid(), Base(), KeyError(), IndexError(), None]
    for i in range(600):
        e = excs[i % len(excs)]
        if e is None:
            key = "none"
        else:
            key = tuple(classify(e))
        counts[key] = counts.get(key, 0) + 1
    for k in sorted(counts, key=str):
        print(k, counts[k])
    res = []
    for i in range(300):
        try:
            res.append(else_raises(i % 6))
        except OverflowError as e:
            res.append("overflow %s" % e)
    print(res[:6])
    try:
        reraise_other()
    except Exception as e:
        print("re-raised", repr(e))
    print([handler_raises(i) for i in range(2)])
    for i in range(200):
        handler_raises(i)
    for n in range(4):
        try:
            deep(n)
        except Base as e:
            print(n, repr(e), repr(e.__context__))


main()
