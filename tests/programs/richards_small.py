# A small object-oriented scheduler workload in the spirit of Richards.

IDLE, WORKER, HANDLER_A, HANDLER_B = range(4)


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, lst):
        self.link = None
        if lst is None:
            return self
        p = lst
        while p.link is not None:
            p = p.link
        p.link = self
        return lst


class Task:
    def __init__(self, ident, prio, work):
        self.ident = ident
        self.prio = prio
        self.queue = None
        self.work = work
        self.runs = 0
        self.held = False

    def add_packet(self, pkt):
        self.queue = pkt.append_to(self.queue)

    def take(self):
        p = self.queue
        if p is not None:
            self.queue = p.link
            p.link = None
        return p

    def step(self, sched):
        self.runs += 1
        return self.work(self, sched)


class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.counter = 0
        self.log = []

    def add(self, task):
        self.tasks[task.ident] = task

    def send(self, pkt, dest):
        self.tasks[dest].add_packet(pkt)

    def run(self, rounds):
        order = sorted(self.tasks.values(), key=lambda t: -t.prio)
        for r in range(rounds):
            for t in order:
                if not t.held:
                    t.step(self)
        return self.counter


def idle_work(task, sched):
    sched.counter += 1
    if sched.counter % 7 == 0:
        sched.send(Packet(None, IDLE, sched.counter % 3), WORKER)


def worker_work(task, sched):
    p = task.take()
    if p is None:
        return
    for i in range(4):
        p.data[i] = (p.data[i] + sched.counter + i) % 26
    p.datum += 1
    dest = HANDLER_A if p.kind % 2 == 0 else HANDLER_B
    sched.send(p, dest)


def handler_work(task, sched):
    p = task.take()
    if p is None:
        task.held = sched.counter % 11 == 0
        return
    sched.log.append((task.ident, sum(p.data), p.datum))
    if p.datum < 3:
        sched.send(p, WORKER)


def main():
    s = Scheduler()
    s.add(Task(IDLE, 0, idle_work))
    s.add(Task(WORKER, 1000, worker_work))
    s.add(Task(HANDLER_A, 2000, handler_work))
    s.add(Task(HANDLER_B, 3000, handler_work))
    c = s.run(3000)
    for t in s.tasks.values():
        t.held = False
    c = s.run(500)
    print("counter", c)
    print("runs", [(t.ident, t.runs) for t in s.tasks.values()])
    print("log", len(s.log), s.log[:5], s.log[-3:])
    print("checksum", sum(a * 7 + b * 3 + c for a, b, c in s.log) % 100003)


main()
