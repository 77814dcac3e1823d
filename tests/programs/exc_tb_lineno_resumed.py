"""Line numbers in tracebacks of exceptions raised in generators and coroutines after
several resumptions, and in functions whose handlers re-raise from different lines.
"""
import traceback


def gen(k):
    yield 1
    x = 10
    yield 2
    if k == 0:
        raise ValueError("after second yield")
    yield 3
    y = [x][k]
    yield y


def run(k):
    g = gen(k)
    try:
        for _ in g:
            pass
    except (ValueError, IndexError) as e:
        return [(fs.name, fs.lineno - gen.__code__.co_firstlineno if fs.name == "gen" else None)
                for fs in traceback.extract_tb(e.__traceback__)], type(e).__name__


def reraiser(i):
    try:
        if i % 2:
            {}[i]
        else:
            [][i]
    except KeyError:
        raise
    except IndexError as e:
        raise e


def run2(i):
    try:
        reraiser(i)
    except LookupError as e:
        base = reraiser.__code__.co_firstlineno
        return [fs.lineno - base for fs in traceback.extract_tb(e.__traceback__) if fs.name == "reraiser"]


async def coro(k):
    await Nothing()
    await Nothing()
    return 1 // k


class Nothing:
    def __await__(self):
        yield


def run3(k):
    c = coro(k)
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value
    except ZeroDivisionError as e:
        return [(fs.name, fs.lineno - coro.__code__.co_firstlineno) for fs in traceback.extract_tb(e.__traceback__) if fs.name == "coro"]


def main():
    r = None
    for i in range(300):
        r = (run(0), run(1), run2(i), run2(i + 1), run3(i % 2))
    for x in r:
        print(x)
    print(run3(1), run3(0))


main()
