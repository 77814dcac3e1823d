# Generators, coroutines and async generators built by calls from compiled code without
# running the function's code (once it is compiled and starts with RETURN_GENERATOR): their
# attributes and unstarted frames, argument binding (defaults, keywords, errors), closures
# (cells set up first: the ordinary path), the recursion limit, coroutine origin tracking and
# tracing switched on, and generators dropped unstarted.
import asyncio
import inspect
import sys

WARM = 300


def gen(a, b=10, *, c=100):
    yield a
    yield b + c


async def coro(x, y=1):
    return x + y


async def agen(n):
    for i in range(n):
        yield i


def make_closure_gen(k):
    def inner(n):
        for i in range(n):
            yield i * k
    return inner


def build(i):
    return gen(i), gen(i, 2), gen(i, c=3), coro(i), agen(i)


def consume(objs):
    g1, g2, g3, co, ag = objs
    out = [list(g1), list(g2), list(g3)]
    try:
        co.send(None)
    except StopIteration as exc:
        out.append(exc.value)

    async def drain():
        return [v async for v in ag]
    out.append(asyncio.run(drain()))
    return out


for i in range(WARM):
    consume(build(i))
objs = build(5)
g = objs[0]
print("attrs", type(g).__name__, g.__name__, g.__qualname__, g.gi_code is gen.__code__,
      inspect.getgeneratorstate(g), g.gi_frame.f_lineno, g.gi_frame.f_back, g.gi_running,
      sorted(g.gi_frame.f_locals.items()))
print("coro attrs", objs[3].__qualname__, inspect.getcoroutinestate(objs[3]), objs[3].cr_origin)
print("values", consume(objs))


def bad_calls():
    out = []
    for args, kwargs in (((), {}), ((1, 2, 3), {}), ((1,), {"d": 4}), ((1,), {"c": 5})):
        try:
            out.append(list(gen(*args, **kwargs)))
        except TypeError as exc:
            out.append(str(exc))
    return out


for i in range(WARM // 10):
    bad_calls()
print("binding", bad_calls())

closure = make_closure_gen(3)


def use_closure(n):
    return list(closure(n))


for i in range(WARM):
    use_closure(2)
print("closure", use_closure(4))


# Unstarted generators dropped: nothing runs, no warning (coroutines warn "never awaited").
def drop_unstarted(n):
    for i in range(n):
        gen(i)
    return n


for i in range(WARM):
    drop_unstarted(2)
print("dropped", drop_unstarted(3))


# The recursion limit: building a generator counts as entering a frame in the interpreter.
def recurse(n):
    gen(n)
    return recurse(n + 1)


old = sys.getrecursionlimit()
sys.setrecursionlimit(120)
try:
    recurse(0)
except RecursionError as exc:
    print("recursion", type(exc).__name__)
sys.setrecursionlimit(old)


# Coroutine origin tracking: the coroutine records where it was created.
def make_coro():
    return coro(1)


for i in range(WARM):
    make_coro().close()
sys.set_coroutine_origin_tracking_depth(2)
c = make_coro()
print("origin", [(fn.rsplit("/", 1)[-1], name) for (fn, line, name) in c.cr_origin][:1])
c.close()
sys.set_coroutine_origin_tracking_depth(0)


# Tracing on while generators are built: the tracer sees what the interpreter shows.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("gen", "traced_build"):
        events.append((frame.f_code.co_name, event))
    return tracer


def traced_build():
    g = gen(7)
    return next(g)


for i in range(WARM):
    traced_build()
sys.settrace(tracer)
r = traced_build()
sys.settrace(None)
print("traced", r, events)


# Generator expressions and coroutines with a closure (COPY_FREE_VARS before RETURN_GENERATOR),
# also while coroutine origin tracking makes the direct path step back.
def scaled(k, xs):
    return list(x * k for x in xs), sum(y + k for y in xs if y > k)


def closure_coro(k):
    async def inner(x):
        return x * k
    return inner


for i in range(WARM):
    scaled(i % 4, [1, 2, 3])
    c = closure_coro(i)(2)
    c.close()
print("genexpr closure", scaled(2, [1, 2, 3, 4]))
mul3 = closure_coro(3)
sys.set_coroutine_origin_tracking_depth(1)
c = mul3(5)
try:
    c.send(None)
except StopIteration as exc:
    print("closure coro with origin", exc.value, len(c.cr_origin) if c.cr_origin else None)
sys.set_coroutine_origin_tracking_depth(0)
c = mul3(6)
try:
    c.send(None)
except StopIteration as exc:
    print("closure coro", exc.value, c.cr_origin)
