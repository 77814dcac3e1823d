"""weakref callbacks, WeakValueDictionary, WeakKeyDictionary and weakref.finalize fired by
refcount drops inside compiled loops, with deterministic ordering.
"""
import weakref


class Node:
    def __init__(self, name):
        self.name = name


LOG = []


def churn(n):
    cache = weakref.WeakValueDictionary()
    keep = []
    for i in range(n):
        node = Node("n%d" % i)
        cache[i] = node
        if i % 3 == 0:
            keep.append(node)
    node = None
    return len(cache), sorted(cache.keys())[:5], len(keep)


def finalizers(n):
    fs = []
    for i in range(n):
        obj = Node("f%d" % i)
        fs.append(weakref.finalize(obj, LOG.append, "finalized f%d" % i))
        if i % 2:
            del obj
    return [f.alive for f in fs]


def key_dict(n):
    d = weakref.WeakKeyDictionary()
    objs = [Node(str(i)) for i in range(n)]
    for o in objs:
        d[o] = len(o.name)
    del objs[::2]
    return len(d), sum(d.values())


def proxies():
    n = Node("proxied")
    p = weakref.proxy(n, lambda r: LOG.append("proxy callback"))
    name = p.name
    del n
    try:
        p.name
    except ReferenceError as e:
        return name, str(e)


def main():
    print(churn(10))
    print(finalizers(5), LOG)
    LOG.clear()
    print(key_dict(7))
    print(proxies(), LOG)
    LOG.clear()
    tot = 0
    for i in range(300):
        a, _, c = churn(i % 12)
        tot += a + c + key_dict(i % 5)[0]
        finalizers(2)
    print(tot, len(LOG), LOG[:2])


main()
