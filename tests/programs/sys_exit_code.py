# sys.exit with a status code from deep inside a compiled loop; finally blocks still run.
import sys
import atexit


def on_exit():
    print("atexit handler ran")


def check(i):
    if i == 777:
        sys.exit(3)
    return i % 5


def worker(n):
    total = 0
    try:
        for i in range(n):
            total += check(i)
    finally:
        print("finally in worker, total =", total)
    return total


def main():
    atexit.register(on_exit)
    print(worker(500))
    try:
        worker(1000)
    except SystemExit as e:
        print("caught SystemExit", e.code)
    sys.stdout.flush()
    print("to stderr", file=sys.stderr)
    worker(1000)
    print("not reached")


main()
