"""Martin Richards' operating-system simulation: a scheduler switching between six tasks that
pass packets around. Object-oriented, attribute- and method-call heavy, integer only."""

DEFAULT_N = 8

I_IDLE, I_WORK, I_HANDLER_A, I_HANDLER_B, I_DEV_A, I_DEV_B = 1, 2, 3, 4, 5, 6
K_DEV, K_WORK = 1000, 1001
BUFSIZE = 4
IDLE_COUNT = 10000
# Known answer of the classic benchmark with IDLE_COUNT = 10000.
EXPECTED = (23246, 9297)


class Packet:
    __slots__ = ("link", "ident", "kind", "datum", "data")

    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        """Append self at the tail of the list `queue`; return the new head."""
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue, pending, waiting):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.input = queue
        self.pending = pending      # a packet is queued for this task
        self.waiting = waiting      # the task waits for a packet
        self.holding = False        # the task is suspended by hold()
        self.link = sched.task_list  # tasks are kept in decreasing priority order
        sched.task_list = self
        sched.table[ident] = self

    def blocked(self):
        return self.holding or (not self.pending and self.waiting)

    def run_task(self):
        if self.pending and self.waiting and not self.holding:
            msg = self.input
            self.input = msg.link
            self.pending = self.input is not None
            self.waiting = False
        else:
            msg = None
        return self.step(msg)

    def add_packet(self, pkt, old):
        """Queue pkt for this task; return the task that should run next."""
        if self.input is None:
            self.input = pkt
            self.pending = True
            if self.priority > old.priority:
                return self
        else:
            self.input = pkt.append_to(self.input)
        return old

    # Scheduler requests made by the running task.
    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        t = self.sched.table[ident]
        t.holding = False
        return t if t.priority > self.priority else self

    def qpkt(self, pkt):
        sched = self.sched
        sched.qpkt_count += 1
        target = sched.table[pkt.ident]
        pkt.link = None
        pkt.ident = self.ident
        return target.add_packet(pkt, self)


class IdleTask(Task):
    def __init__(self, sched):
        super().__init__(sched, I_IDLE, 0, None, False, False)
        self.control = 1
        self.count = IDLE_COUNT

    def step(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.release(I_DEV_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(I_DEV_B)


class WorkTask(Task):
    def __init__(self, sched, queue):
        super().__init__(sched, I_WORK, 1000, queue, True, True)
        self.destination = I_HANDLER_A
        self.count = 0

    def step(self, pkt):
        if pkt is None:
            return self.wait()
        dest = I_HANDLER_A if self.destination == I_HANDLER_B else I_HANDLER_B
        self.destination = dest
        pkt.ident = dest
        pkt.datum = 0
        data = pkt.data
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            data[i] = 64 + self.count  # 'A'..'Z'
        return self.qpkt(pkt)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue, True, True)
        self.work_in = None
        self.device_in = None

    def step(self, pkt):
        if pkt is not None:
            if pkt.kind == K_WORK:
                self.work_in = pkt.append_to(self.work_in)
            else:
                self.device_in = pkt.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            count = work.datum
            if count >= BUFSIZE:
                self.work_in = work.link
                return self.qpkt(work)
            dev = self.device_in
            if dev is not None:
                self.device_in = dev.link
                dev.datum = work.data[count]
                work.datum = count + 1
                return self.qpkt(dev)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        super().__init__(sched, ident, priority, None, False, True)
        self.pending_pkt = None

    def step(self, pkt):
        if pkt is None:
            pkt = self.pending_pkt
            if pkt is None:
                return self.wait()
            self.pending_pkt = None
            return self.qpkt(pkt)
        self.pending_pkt = pkt
        return self.hold()


class Scheduler:
    def __init__(self):
        self.table = [None] * 7
        self.task_list = None
        self.qpkt_count = 0
        self.hold_count = 0

    def setup(self):
        IdleTask(self)
        queue = Packet(Packet(None, 0, K_WORK), 0, K_WORK)
        WorkTask(self, queue)
        for ident, dev, prio in ((I_HANDLER_A, I_DEV_A, 2000), (I_HANDLER_B, I_DEV_B, 3000)):
            queue = None
            for _ in range(3):
                queue = Packet(queue, dev, K_DEV)
            HandlerTask(self, ident, prio, queue)
        DeviceTask(self, I_DEV_A, 4000)
        DeviceTask(self, I_DEV_B, 5000)

    def schedule(self):
        t = self.task_list
        while t is not None:
            if t.blocked():
                t = t.link
            else:
                t = t.run_task()


def run(n=DEFAULT_N):
    results = []
    for _ in range(n):
        sched = Scheduler()
        sched.setup()
        sched.schedule()
        result = (sched.qpkt_count, sched.hold_count)
        if result != EXPECTED:
            raise AssertionError(f"richards: got {result}, expected {EXPECTED}")
        results.append(result)
    return results[-1], len(results)
