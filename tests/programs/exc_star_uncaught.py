"""An ExceptionGroup only partly handled by except*; the remainder is uncaught.

The interpreter prints the nested-group traceback format (with '+-+---' boxes) on stderr.
The handled part runs in a hot function first.
"""


def work(i):
    errors = []
    if i % 2:
        errors.append(ValueError("odd %d" % i))
    if i % 3 == 0:
        errors.append(KeyError(i))
    if i % 5 == 0:
        errors.append(ExceptionGroup("inner %d" % i, [OSError("disk"), TypeError("t")]))
    if errors:
        raise ExceptionGroup("batch %d" % i, errors)
    return i


def handled(i):
    r = 0
    try:
        r = work(i)
    except* ValueError as eg:
        r -= len(eg.exceptions)
    except* KeyError:
        r -= 100
    return r


def main():
    t = 0
    for i in range(300):
        try:
            r = handled(i)
            t += r if r is not None else 0
        except ExceptionGroup as eg:
            t += 1000 + len(eg.exceptions)
    print(t)
    try:
        work(15)
    except* ValueError as eg:
        print("handled", [str(e) for e in eg.exceptions])


main()
