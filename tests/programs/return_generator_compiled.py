import sys, asyncio, inspect, gc
def gen(n, *a):
    x = [1]
    def inner(): return x
    for i in range(n):
        yield i, inner()
g = gen(3)
print(inspect.getgeneratorstate(g), g.gi_frame.f_lineno, g.__name__, g.__qualname__)
print(list(g), inspect.getgeneratorstate(g))
async def co(a):
    await asyncio.sleep(0)
    return a + 1
print(asyncio.run(co(4)))
async def ag():
    for i in range(3):
        yield i
async def main():
    return [x async for x in ag()]
print(asyncio.run(main()))
sys.set_coroutine_origin_tracking_depth(2)
c = co(1); print(c.cr_origin is not None); c.close()
sys.set_coroutine_origin_tracking_depth(0)
print(sum(x*x for x in range(100)))
g = gen(2); del g; gc.collect()
def f():
    yield sys._getframe().f_back.f_code.co_name
print(next(f()))
import weakref
g = gen(1); r = weakref.ref(g); del g; print(r())
print(sys.getrefcount(gen)>0)
def renamed():
    yield 1
renamed.__name__ = "other"; renamed.__qualname__ = "Q.other"
r = renamed(); print(r.__name__, r.__qualname__, r.gi_code.co_name)
class C:
    def m(self, k):
        yield from range(k)
print(list(C().m(3)), C().m(1).__qualname__)
def fails():
    yield 1
try:
    fails(1)
except TypeError as e:
    print(e)
import types
@types.coroutine
def legacy():
    yield 5
async def uses_legacy():
    return await legacy()
c = uses_legacy(); print(c.send(None)); c.close()
def unstarted():
    yield 1
async def unstarted_coro():
    pass
async def unstarted_agen():
    yield 1
g = unstarted(); c = unstarted_coro(); a = unstarted_agen()
print(g.gi_frame.f_back, c.cr_frame.f_back, a.ag_frame.f_back)
c.close()
