"""heapq and bisect in realistic hot code: Dijkstra on a generated graph, k-way merge,
top-k with nlargest/nsmallest, a sorted container kept with insort, and bisect keys.
"""
import bisect
import heapq


def graph(n):
    g = {i: [] for i in range(n)}
    x = 17
    for i in range(n):
        for _ in range(4):
            x = (x * 48271) % 2147483647
            j = x % n
            w = x % 23 + 1
            g[i].append((j, w))
    return g


def dijkstra(g, src):
    dist = {src: 0}
    pq = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist.get(u, 1 << 60):
            continue
        for v, w in g[u]:
            nd = d + w
            if nd < dist.get(v, 1 << 60):
                dist[v] = nd
                heapq.heappush(pq, (nd, v))
    return dist


def main():
    g = graph(400)
    dist = dijkstra(g, 0)
    print(len(dist), sum(dist.values()), max(dist.values()))
    print(sum(sum(dijkstra(g, s).values()) for s in range(1, 6)))
    runs = [sorted(range(k, 300, 7)) for k in range(7)]
    merged = list(heapq.merge(*runs))
    print(merged == sorted(merged), len(merged), merged[:5])
    vals = [(i * 37) % 101 for i in range(500)]
    print(heapq.nlargest(5, vals), heapq.nsmallest(3, vals, key=lambda v: -v))
    h = []
    for v in vals[:20]:
        heapq.heappush(h, v)
    print(heapq.heappushpop(h, 50), heapq.heapreplace(h, 0), [heapq.heappop(h) for _ in range(5)])
    sc = []
    for v in vals:
        bisect.insort(sc, v)
    print(sc[:5], sc[-5:], bisect.bisect_left(sc, 50), bisect.bisect_right(sc, 50))
    recs = sorted([("n%d" % i, (i * 13) % 50) for i in range(100)], key=lambda r: r[1])
    keys = [r[1] for r in recs]
    print(bisect.bisect(keys, 25), bisect.bisect_left(recs, 25, key=lambda r: r[1]), recs[bisect.bisect_left(recs, 25, key=lambda r: r[1])])
    try:
        heapq.heappop([])
    except IndexError as e:
        print("IndexError:", e)


main()
