# try/except/else with various exception types.


class MyError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


def risky(i):
    if i % 5 == 0:
        raise ValueError("five %d" % i)
    if i % 7 == 0:
        raise MyError(i)
    if i % 11 == 0:
        return 1 // 0
    if i % 13 == 0:
        return {}[i]
    return i


def main():
    counts = {}
    total = 0
    for i in range(1, 1000):
        try:
            total += risky(i)
        except ValueError as e:
            counts["value"] = counts.get("value", 0) + 1
            last_value = str(e)
        except MyError as e:
            counts["my"] = counts.get("my", 0) + e.code
        except (ZeroDivisionError, KeyError) as e:
            k = type(e).__name__
            counts[k] = counts.get(k, 0) + 1
        else:
            counts["ok"] = counts.get("ok", 0) + 1
    print(total, sorted(counts.items()), last_value)
    try:
        e
    except NameError as ex:
        print("NameError:", ex)
    try:
        try:
            raise TypeError("inner")
        except ValueError:
            print("not here")
    except TypeError as ex:
        print("outer caught", ex, ex.args)
    try:
        raise MyError(3)
    except Exception as ex:
        print(isinstance(ex, MyError), ex.code, repr(ex))
    for exc in (StopIteration, LookupError, ArithmeticError):
        try:
            raise exc("x")
        except BaseException as ex:
            print(type(ex).__name__, ex.args)
    try:
        raise KeyError
    except KeyError as ex:
        print("bare class", repr(ex))
    def reraiser():
        try:
            int("zz")
        except ValueError:
            raise
    try:
        reraiser()
    except ValueError as ex:
        print("reraised:", ex)


main()
