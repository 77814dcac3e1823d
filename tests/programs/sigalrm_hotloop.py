# A SIGALRM handler that raises, interrupting an infinite arithmetic loop.
import signal


class Interrupted(Exception):
    pass


STATE = {"handler_calls": 0}


def handler(signum, frame):
    STATE["handler_calls"] += 1
    signal.setitimer(signal.ITIMER_REAL, 0)
    raise Interrupted("signal %s" % signal.Signals(signum).name)


def spin(seed):
    x = seed
    n = 0
    while True:
        x = (x * 1103515245 + 12345) % 2147483648
        n += 1


def spin_for(seed):
    x = seed
    for i in iter(int, 1):
        x = (x ^ (x << 1)) & 0xFFFF


def run(fn, label):
    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        fn(12345)
        print(label, "not interrupted")
    except Interrupted as e:
        print(label, "interrupted:", e)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def main():
    run(spin, "while")
    run(spin_for, "for")
    run(spin, "while-again")
    print("handler calls", STATE["handler_calls"])


main()
