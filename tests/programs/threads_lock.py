# Two threads incrementing a shared counter under a lock.
import threading

N = 20000


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def inc(self):
        with self.lock:
            self.value += 1


def worker(counter, n, results, idx):
    local = 0
    for i in range(n):
        counter.inc()
        local += i % 3
    results[idx] = local


def plain_worker(box, lock, n):
    for _ in range(n):
        lock.acquire()
        try:
            box[0] += 2
        finally:
            lock.release()


def main():
    c = Counter()
    results = [None, None]
    ts = [threading.Thread(target=worker, args=(c, N, results, k)) for k in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("total", c.value, results)
    box = [0]
    lock = threading.Lock()
    ts = [threading.Thread(target=plain_worker, args=(box, lock, 5000)) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("box", box[0])
    print("alive", [t.is_alive() for t in ts], threading.active_count())


main()
