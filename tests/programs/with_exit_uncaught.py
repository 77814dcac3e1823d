"""An exception raised by __exit__ while another exception propagates, left uncaught.

The traceback printed at exit shows the body's exception, then 'During handling of the
above exception' and the __exit__ frame.
"""


class Closer:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is not None and self.name == "strict":
            raise RuntimeError("cleanup of %s failed after %s" % (self.name, et.__name__))
        return et is KeyError


def step(i, name):
    with Closer(name):
        if i % 5 == 0:
            raise KeyError(i)
        return i


def main():
    t = 0
    for i in range(300):
        t += step(i, "lenient") or 0
    print(t)
    step(10, "strict")


main()
