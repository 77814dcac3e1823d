"""break/continue/else interacting with try blocks inside loops, in hot functions.

Covers for/else and while/else with break inside try/except/finally, continue in except,
break inside except, nested loops with try at several levels, and loops over iterators that
raise mid-way.
"""


def search(items, target):
    for i, x in enumerate(items):
        try:
            if 10 // x == target:
                break
        except ZeroDivisionError:
            continue
        finally:
            pass
    else:
        return "not found"
    return "found at %d" % i


def while_else(n):
    i = 0
    while i < n:
        i += 1
        try:
            if i == 7:
                raise StopIteration
        except StopIteration:
            break
    else:
        return "completed %d" % i
    return "stopped %d" % i


def nested(n):
    out = []
    for i in range(n):
        for j in range(n):
            try:
                try:
                    if (i * j) % 5 == 4:
                        raise KeyError(j)
                    if j > i:
                        break
                except KeyError:
                    out.append((i, j))
                    continue
                finally:
                    out.append(0)
            except Exception:
                pass
        else:
            out.append("else%d" % i)
    return out


class Flaky:
    def __init__(self, n, bad):
        self.i, self.n, self.bad = 0, n, bad

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i == self.bad:
            raise OSError("flaky at %d" % self.i)
        if self.i > self.n:
            raise StopIteration
        return self.i


def consume(n, bad):
    total = 0
    try:
        for x in Flaky(n, bad):
            total += x
    except OSError as e:
        return total, str(e)
    return total, None


def main():
    res = {}
    for k in range(300):
        items = [0, 5, 2, 0, 1, 3][: k % 7]
        r = search(items, k % 6)
        res[r] = res.get(r, 0) + 1
    print(sorted(res.items()))
    print([while_else(n) for n in (3, 10)])
    print(nested(6))
    tot = 0
    for k in range(300):
        t, err = consume(k % 13, k % 11)
        tot += t + (len(err) if err else 0)
    print(tot, consume(5, 3), consume(5, 0))


main()
