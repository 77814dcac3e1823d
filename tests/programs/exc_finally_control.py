"""return/break/continue inside finally, and finally blocks overriding or losing exceptions.

Covers return in finally swallowing an exception, break/continue in finally inside loops
swallowing exceptions, finally overriding a return value, nested finally with return at
several levels, exceptions raised in finally replacing the active one, and the value of a
variable seen by finally after return.
"""


def swallow_return(x):
    try:
        if x:
            raise ValueError(x)
        return "try"
    finally:
        return "finally %s" % x


def override(x):
    try:
        return x
    finally:
        x = x * 100


def break_swallow(n):
    seen = []
    for i in range(n):
        try:
            seen.append(i)
            if i == 2:
                raise KeyError(i)
        finally:
            if i == 2:
                break
    return seen


def continue_swallow(n):
    seen = []
    for i in range(n):
        try:
            if i % 2:
                raise IndexError(i)
            seen.append(i)
        finally:
            continue
    return seen


def nested_returns(k):
    try:
        try:
            try:
                return "inner"
            finally:
                if k > 0:
                    return "mid-finally"
        finally:
            if k > 1:
                return "outer-finally"
    finally:
        if k > 2:
            raise RuntimeError("k=%d" % k)


def finally_replaces(i):
    try:
        try:
            raise ValueError("orig %d" % i)
        finally:
            if i % 2:
                raise KeyError("replacement")
    except (ValueError, KeyError) as e:
        return type(e).__name__, type(e.__context__).__name__ if e.__context__ else None


def while_finally(n):
    i = 0
    total = 0
    while True:
        try:
            i += 1
            if i > n:
                break
            if i % 3 == 0:
                continue
            total += i
        finally:
            total += 1000
    return total


def ret_in_loop_finally(n):
    for i in range(n):
        try:
            if i == n // 2:
                return "returned at %d" % i
        finally:
            if i == n // 2:
                pass
    return "end"


def gen_finally():
    for i in range(5):
        try:
            yield i
        finally:
            if i == 1:
                return


def main():
    out = []
    for i in range(400):
        out.append(swallow_return(i % 3))
        out.append(override(i))
    print(out[:6], len(out))
    print(break_swallow(10), continue_swallow(7))
    res = []
    for k in range(4):
        try:
            res.append(nested_returns(k))
        except RuntimeError as e:
            res.append("raised " + str(e))
    print(res)
    counts = {}
    for i in range(300):
        r = finally_replaces(i)
        counts[r] = counts.get(r, 0) + 1
    print(sorted(counts.items(), key=str))
    print(while_finally(10), ret_in_loop_finally(9), list(gen_finally()))
    t = 0
    for i in range(300):
        t += while_finally(i % 20)
    print(t)


main()
