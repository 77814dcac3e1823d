"""Exceptions raised inside list/set/dict comprehensions and caught outside or inside.

Covers partial results discarded, the comprehension frame in tracebacks, exceptions inside
nested comprehensions, exception handling inside a function called from a comprehension,
and a comprehension variable not leaking after an exception.
"""
import traceback


def risky(x):
    if x == 7:
        raise ValueError("seven")
    return x * 2


def safe(x):
    try:
        return risky(x)
    except ValueError:
        return -1


def build(n):
    try:
        return [risky(x) for x in range(n)]
    except ValueError as e:
        return "failed: %s" % e


def nested(n):
    try:
        return {i: [risky(j) for j in range(i)] for i in range(n)}
    except ValueError as e:
        names = [fs.name for fs in traceback.extract_tb(e.__traceback__)]
        return names


def main():
    r = []
    for i in range(300):
        r.append(build(i % 10))
    print(r[6], r[9], len([x for x in r if isinstance(x, str)]))
    print([safe(x) for x in range(10)])
    print(nested(5), nested(10))
    try:
        {k: 1 / k for k in range(-2, 3)}
    except ZeroDivisionError as e:
        print("dict comp:", e)
    try:
        {x for x in [1, [2], 3]}
    except TypeError as e:
        print("set comp:", e)
    try:
        [y for y in 5]
    except TypeError as e:
        print("list comp:", e)
    x = "outer"
    try:
        [x for x in range(3) if 1 / (x - 2)]
    except ZeroDivisionError:
        pass
    print("x is still", x)
    print(sum(safe(x) for x in range(1000)))


main()
