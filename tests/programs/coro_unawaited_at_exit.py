"""An uncaught exception whose traceback keeps an un-awaited coroutine alive until exit.

Stock CPython keeps the exception in sys.last_value, so the coroutine is destroyed during
interpreter finalisation and the 'never awaited' RuntimeWarning is printed in its shutdown
form. The uncaught-exception output and that warning are compared on stderr.
"""


async def user(n):
    return n


def schedule(coros):
    total = 0
    for c in coros:
        try:
            c.send(None)
        except StopIteration as e:
            total += e.value
    return total


def main():
    t = 0
    for i in range(200):
        t += schedule([user(i), user(1)])
    print(t)
    pending = [user(5)]
    pending[0].send("not None")


main()
