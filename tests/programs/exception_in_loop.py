# Exceptions raised and caught inside hot loops.


def parse_all(tokens):
    good, bad = 0, 0
    for t in tokens:
        try:
            good += int(t)
        except ValueError:
            bad += 1
    return good, bad


def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None


def get_or_default(d, keys):
    out = []
    for k in keys:
        try:
            out.append(d[k])
        except KeyError:
            out.append(-1)
    return out


def iterate_with_stop(n):
    it = iter(range(n))
    s = 0
    while True:
        try:
            s += next(it)
        except StopIteration:
            break
    return s


def main():
    toks = [str(i) if i % 4 else "x%d" % i for i in range(2000)]
    print(parse_all(toks))
    r = [safe_div(i, i % 5) for i in range(100)]
    print(r.count(None), sum(x for x in r if x is not None))
    d = {i: i * i for i in range(0, 100, 2)}
    print(sum(get_or_default(d, range(100))))
    print(iterate_with_stop(1000))
    errors = []
    for i in range(300):
        try:
            if i % 3 == 0:
                raise IndexError(i)
            elif i % 3 == 1:
                [][i]
            else:
                pass
        except IndexError as e:
            errors.append(str(e))
    print(len(errors), errors[:3])
    caught = 0
    for i in range(1000):
        try:
            try:
                raise KeyError(i)
            finally:
                caught += 1
        except KeyError:
            caught += 1
    print(caught)


main()
