"""A discrete-event simulation driven by generator-based processes (SimPy style).

Processes yield timeouts, resource requests and events; a scheduler with a heap resumes
them with send() and throws Interrupt into them; results are aggregated statistics.
"""
import heapq


class Interrupt(Exception):
    pass


class Timeout:
    def __init__(self, delay):
        self.delay = delay


class Request:
    def __init__(self, res):
        self.res = res


class Resource:
    def __init__(self, cap):
        self.cap = cap
        self.users = 0
        self.waiting = []


class Sim:
    def __init__(self):
        self.now = 0
        self.q = []
        self.seq = 0
        self.log = []
        self.resources = []

    def schedule(self, t, proc, value=None, exc=None):
        self.seq += 1
        heapq.heappush(self.q, (t, self.seq, proc, value, exc))

    def start(self, proc):
        self.schedule(self.now, proc)

    def release(self, res):
        res.users -= 1
        if res.waiting:
            p = res.waiting.pop(0)
            res.users += 1
            self.schedule(self.now, p, "granted")

    def run(self, until):
        while self.q and self.q[0][0] <= until:
            t, _, proc, value, exc = heapq.heappop(self.q)
            self.now = t
            try:
                req = proc.throw(exc) if exc else proc.send(value)
            except StopIteration as e:
                for res in self.resources:
                    if proc in res.waiting:
                        res.waiting.remove(proc)
                if e.value is not None:
                    self.log.append((t, e.value))
                continue
            except Interrupt:
                self.log.append((t, ("interrupt escaped",)))
                continue
            if isinstance(req, Timeout):
                self.schedule(t + req.delay, proc)
            elif isinstance(req, Request):
                if req.res.users < req.res.cap:
                    req.res.users += 1
                    self.schedule(t, proc, "granted")
                else:
                    req.res.waiting.append(proc)


def customer(sim, name, counter, patience):
    arrive = sim.now
    try:
        got = yield Request(counter)
    except Interrupt:
        return ("interrupted while waiting", name)
    waited = sim.now - arrive
    try:
        yield Timeout(3 + name % 4)
    except Interrupt:
        sim.release(counter)
        return ("interrupted", name)
    sim.release(counter)
    return ("served", name, waited)


def source(sim, counter, n):
    for i in range(n):
        p = customer(sim, i, counter, 5)
        sim.schedule(sim.now, p, None)
        sim.procs.append(p)
        yield Timeout(1 + i % 3)


def interrupter(sim):
    yield Timeout(12)
    for p in sim.procs[3:9]:
        sim.schedule(sim.now, p, exc=Interrupt())


def simulate(n, cap):
    sim = Sim()
    sim.procs = []
    counter = Resource(cap)
    sim.resources.append(counter)
    sim.start(source(sim, counter, n))
    sim.start(interrupter(sim))
    sim.run(10000)
    served = [x for _, x in sim.log if x[0] == "served"]
    return len(served), sum(x[2] for x in served), [x for _, x in sim.log if x[0] != "served"], sim.now


def main():
    print(simulate(20, 2))
    tot = 0
    for k in range(40):
        s, w, _, now = simulate(10 + k % 10, 1 + k % 3)
        tot += s + w + now
    print(tot)


main()
