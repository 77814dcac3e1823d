# Calls from compiled code straight into a callee's fast entry (sites the interpreter saw
# calling Python functions): every odd case must behave as the interpreter's calls do. Each
# caller runs a few hundred times first, so that it is compiled with the interpreter's feedback.
import sys
import threading

WARM = 300


def add(a, b):
    return a + b


def call_add(x):
    return add(x, 1)


for i in range(WARM):
    call_add(i)
print("plain", call_add(41))


# Rebinding the global to another function, then to a function with the same code.
def sub(a, b):
    return a - b


add_saved = add
add = sub
print("rebound", call_add(41))
add = add_saved
print("back", call_add(41))

# `__code__` replaced on the function the site has cached.
add.__code__ = sub.__code__
print("code swapped", call_add(41))
add.__code__ = add_saved.__code__ if False else (lambda a, b: a * b).__code__
print("lambda code", call_add(41))


# Closures: one code object, many functions with their own cells.
def make_adder(k):
    def adder(x):
        return x + k
    return adder


adders = [make_adder(k) for k in range(5)]


def use_adders(x):
    total = 0
    for f in adders:
        total += f(x)
    return total


for i in range(WARM):
    use_adders(i)
print("closures", use_adders(10))


# A callee that raises: the traceback shows every frame with the right lines.
def fails(n):
    if n > WARM:
        raise ValueError("bad n %d" % n)
    return n


def call_fails(n):
    return fails(n) + 1


for i in range(WARM):
    call_fails(i)
try:
    call_fails(WARM + 1)
except ValueError as e:
    tb = e.__traceback__
    lines = []
    while tb is not None:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print("raised", e, lines)


# A callee whose frame object outlives the call, and one that calls locals().
def keeps_frame(x):
    return sys._getframe()


def with_locals(x):
    y = x * 2
    return sorted(locals().items())


def call_frame_users(x):
    f = keeps_frame(x)
    return f.f_code.co_name, f.f_locals["x"], f.f_back.f_code.co_name, with_locals(x)


for i in range(WARM):
    call_frame_users(i)
print("frames", call_frame_users(7))


# Methods: LOAD_METHOD pairs, the method replaced on the class, an instance attribute
# shadowing nothing (methods live on the class).
class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n += k
        return self.n


def bump_many(c, k):
    return c.bump(k)


c = Counter()
for i in range(WARM):
    bump_many(c, 1)
print("method", bump_many(c, 5))
Counter.bump = lambda self, k: ("replaced", k)
print("method replaced", bump_many(c, 5))


# The recursion limit reached through fast entries.
def depth(n):
    return depth(n + 1) if n < 10**9 else n


def call_depth():
    try:
        depth(0)
    except RecursionError as e:
        return "RecursionError: " + str(e)


for i in range(3):
    print("recursion", call_depth())
old = sys.getrecursionlimit()
sys.setrecursionlimit(60)
print("low limit", call_depth())
sys.setrecursionlimit(old)


# Deep but legal recursion: deeper than the native stack would allow without care.
def count_down(n):
    return 0 if n == 0 else 1 + count_down(n - 1)


for i in range(WARM):
    count_down(3)
sys.setrecursionlimit(60000)
print("deep", count_down(50000))
sys.setrecursionlimit(old)


# Tracing switched on while compiled callers call through fast entries.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("add2", "call_add2"):
        events.append((frame.f_code.co_name, event))
    return tracer


def add2(a, b):
    return a + b


def call_add2(x):
    return add2(x, 2)


for i in range(WARM):
    call_add2(i)
sys.settrace(tracer)
r = call_add2(1)
sys.settrace(None)
print("traced", r, events)


# The refcount of an argument seen by the callee, as the interpreter's inlined call moves it.
def refs(o):
    return sys.getrefcount(o)


def call_refs():
    o = object()
    return refs(o), refs(object())


for i in range(WARM):
    call_refs()
print("refcounts", call_refs())


# The callable dropped by the callee while it runs (the frame keeps it alive).
def suicidal(x):
    global suicidal
    del suicidal
    return x + 100


def call_suicidal(x):
    return suicidal(x)


saved = suicidal
for i in range(WARM):
    suicidal = saved
    call_suicidal(i)
suicidal = saved
print("suicidal", call_suicidal(1))


# Threads calling the same compiled functions (each thread has its own native stack).
def work(k):
    total = 0
    for i in range(2000):
        total += call_add(i) + count_down(5)
    results[k] = total


results = [None] * 4
threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threads", results)


# Generators and functions with defaults or keyword-only parameters at a hot site.
def gen(n):
    yield n


def defaults(a, b=2):
    return a + b


def kwonly(a, *, b=3):
    return a + b


def mixed(x):
    return next(gen(x)), defaults(x), kwonly(x)


for i in range(WARM):
    mixed(i)
print("mixed", mixed(1))


# Code objects created and dropped while hot sites call them: a new code object may reuse a
# dead one's address, and must never run the dead one's machine code. A recursive function's
# code must still die (the call caches do not keep codes alive).
import gc
import weakref


def call_it(f, x):
    return f(x)


seen = []
dead = []
for round_ in range(40):
    ns = {}
    exec("def g(x):\n    return x + %d if x < 1 else g(x - 1)\n" % round_, ns)
    g = ns["g"]
    for i in range(120):
        call_it(g, i % 3)
    seen.append(call_it(g, 2))
    code_ref = weakref.ref(g.__code__)
    del ns, g
    gc.collect()
    dead.append(code_ref() is None)
print("dynamic codes", seen, all(dead))


# Instances constructed from compiled code run `__init__` through its fast entry: its errors,
# a non-None return, `__init__` replaced on the class, and argument refcounts.
class Point:
    def __init__(self, x, y):
        if x is None:
            raise TypeError("x is None")
        self.x = x
        self.y = y


def make_point(x, y):
    return Point(x, y)


for i in range(WARM):
    make_point(i, i)
p = make_point(1, 2)
print("point", p.x, p.y)
try:
    make_point(None, 2)
except TypeError as e:
    print("init raised", e)


def bad_init(self, x, y):
    return 42


Point.__init__ = bad_init
try:
    make_point(1, 2)
except TypeError as e:
    print("bad init", e)


def counting_init(self, x, y):
    self.refs = sys.getrefcount(x)


Point.__init__ = counting_init
arg = object()
print("init refs", make_point(arg, 2).refs)


# Defaults filled in by the fast entry: functions sharing one code with different defaults,
# `__defaults__` replaced or removed while a site calls the function.
def with_defaults(a, b=10, c=100):
    return a + b + c


def call_defaults(x):
    return with_defaults(x), with_defaults(x, 1), with_defaults(x, 1, 2)


for i in range(WARM):
    call_defaults(i)
print("defaults", call_defaults(5))
with_defaults.__defaults__ = (20, 200)
print("new defaults", call_defaults(5))
with_defaults.__defaults__ = (7,)
try:
    print("short defaults", call_defaults(5))
except TypeError as e:
    print("short defaults", e)
with_defaults.__defaults__ = None
try:
    call_defaults(5)
except TypeError as e:
    print("no defaults", e)


def make_scaled(k):
    def scaled(x, factor=k):
        return x * factor
    return scaled


scalers = [make_scaled(k) for k in (1, 2, 3)]
scalers.append(make_scaled(4))
scalers[-1].__defaults__ = (4, 5)  # one more default than its siblings


def use_scalers(x):
    return [f(x) for f in scalers]


for i in range(WARM):
    use_scalers(i)
print("shared code defaults", use_scalers(3))


# A callee with many locals (released out of line), and one whose compiled code deopts to the
# interpreter halfway (an int site that suddenly sees floats, then a str): the fast entry
# finishes such frames through the interpreter.
def many_locals(a):
    b = a + 1; c = b + 1; d = c + 1; e = d + 1; f = e + 1; g = f + 1; h = g + 1
    i = h + 1; j = i + 1; k = j + 1; l = k + 1; m = l + 1; n = m + 1; o = n + 1
    return [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o][-1] + len(str(o))


def call_many(x):
    return many_locals(x)


def switches_type(v):
    w = v + v
    return w * 2


def call_switch(v):
    return switches_type(v)


for i in range(WARM):
    call_many(i)
    call_switch(i)
print("many locals", call_many(3))
print("deopt float", call_switch(1.5))
print("deopt str", call_switch("ab"))
try:
    call_switch(None)
except TypeError as e:
    import traceback
    print("deopt error", e, [(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])


# Constructors remembered per type: a base class's __init__ replaced under a subclass, other
# class attributes changed, and classes created and dropped in a loop (addresses reused).
class Base:
    def __init__(self, v):
        self.v = v


class Derived(Base):
    pass


def build(cls, v):
    return cls(v).v


for i in range(WARM):
    build(Derived, i)
    build(Base, i)
print("derived", build(Derived, 1), build(Base, 2))
Base.__init__ = lambda self, v: setattr(self, "v", v * 100)
print("base init replaced", build(Derived, 1), build(Base, 2))
Derived.extra = 5
print("attribute added", build(Derived, 3))
made = []
for k in range(60):
    cls = type("T%d" % k, (), {"__init__": (lambda kk: lambda self, v: setattr(self, "v", v + kk))(k)})
    for i in range(5):
        build(cls, i)
    made.append(build(cls, 0))
    del cls
print("dynamic classes", made)
