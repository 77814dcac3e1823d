"""Generators and coroutines resumed from different threads, one thread at a time.

A generator is advanced alternately by the main thread and worker threads (joined before
the next step), so its frame's f_back and the thread state change between resumptions;
exceptions thrown in from a worker thread and sys._getframe inside the generator are
checked. Output does not depend on scheduling.
"""
import sys
import threading


def stepper(log):
    total = 0
    while True:
        try:
            v = yield total
        except KeyError as e:
            log.append(("caught", str(e), threading.current_thread().name))
            v = 0
        caller = sys._getframe(1).f_code.co_name
        log.append((threading.current_thread().name, caller))
        total += v or 0


def resume_from_thread(g, value, name, box):
    def run():
        box.append(g.send(value))
    t = threading.Thread(target=run, name=name)
    t.start()
    t.join()


def throw_from_thread(g, box):
    def run():
        box.append(g.throw(KeyError("from thread")))
    t = threading.Thread(target=run, name="thrower")
    t.start()
    t.join()


class Step:
    def __await__(self):
        v = yield "step"
        return v


async def coro():
    a = await Step()
    b = await Step()
    return a + b, threading.current_thread().name


def main():
    log = []
    g = stepper(log)
    next(g)
    box = []
    for i in range(40):
        if i % 2:
            resume_from_thread(g, i, "w%d" % (i % 3), box)
        else:
            box.append(g.send(i))
    throw_from_thread(g, box)
    box.append(g.send(1))
    print(box[-5:], len(log))
    print(sorted(set(log)))
    c = coro()
    c.send(None)
    res = []
    t = threading.Thread(target=lambda: res.append(c.send(5)), name="cw")
    t.start()
    t.join()
    try:
        c.send(6)
    except StopIteration as e:
        print(res, e.value)
    total = 0
    for i in range(200):
        g2 = stepper([])
        next(g2)
        b2 = []
        resume_from_thread(g2, i, "x", b2)
        total += b2[0] + g2.send(1)
    print(total)


main()
