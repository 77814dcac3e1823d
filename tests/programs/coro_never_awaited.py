"""Coroutine objects created and dropped without being awaited; RuntimeWarning on stderr.

Also covers the coroutine wrapper of an un-started coroutine being closed explicitly (no
warning), and warnings turned into errors with warnings.simplefilter inside a function.
"""
import warnings


async def job(x):
    return x + 1


def make_and_close(n):
    c = job(n)
    c.close()
    return n


def run(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


def main():
    s = 0
    for i in range(300):
        s += make_and_close(i)
        s += run(job(i))
    print(s)
    job(1)
    print("after dropping one coroutine")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        job(2)
        print([str(x.message) for x in w], [x.category.__name__ for x in w])


main()
