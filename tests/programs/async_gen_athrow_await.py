"""Async generators driven by hand while suspended at an await (not at a yield).

athrow/asend/aclose awaitables are stepped with send() manually, so the async generator
is suspended inside an awaited custom future when the exception arrives; covers the
exception delivered into the awaited object, handled in the async generator, and
StopAsyncIteration/RuntimeError outcomes.
"""


class Pause:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield ("pause", self.tag)
        return got


async def agen(log):
    try:
        for i in range(3):
            try:
                v = await Pause(i)
                log.append(("resumed", i, v))
            except KeyError as e:
                log.append(("await got KeyError", i, str(e)))
            x = yield i * 10
            log.append(("sent", x))
    finally:
        log.append("finally")
        await Pause("cleanup")
        log.append("after cleanup await")


def step(aw, value=None, exc=None):
    try:
        if exc is not None:
            return ("yielded", aw.throw(exc))
        return ("yielded", aw.send(value))
    except StopIteration as e:
        return ("returned", e.value)
    except StopAsyncIteration:
        return ("StopAsyncIteration",)
    except Exception as e:
        return ("raised", type(e).__name__, str(e))


def scenario(k):
    log = []
    g = agen(log)
    out = []
    aw = g.asend(None)
    out.append(step(aw))
    if k == 0:
        out.append(step(aw, exc=KeyError("into await")))
    else:
        out.append(step(aw, "v"))
    aw = g.asend("s")
    out.append(step(aw))
    if k == 1:
        out.append(step(aw, exc=ValueError("escapes")))
        out.append(step(aw, "after-cleanup"))
        out.append(step(g.asend(None)))
        return out, log
    if k == 2:
        out.append(step(g.aclose()))
    out.append(step(aw, "w"))
    aw = g.aclose()
    out.append(step(aw))
    out.append(step(aw, "cleanup-value"))
    out.append(step(g.asend(None)))
    return out, log


def main():
    for k in range(3):
        out, log = scenario(k)
        print(k, out)
        print("  ", log)
    n = 0
    for i in range(300):
        out, log = scenario(i % 3)
        n += len(out) + len(log)
    print(n)


main()
