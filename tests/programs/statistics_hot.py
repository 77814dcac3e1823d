"""statistics in hot loops: mean/fmean/median/mode/multimode/stdev/pvariance/quantiles,
correlation and linear_regression, NormalDist, with ints, floats, Fractions and Decimals,
and StatisticsError messages.
"""
import statistics as st
from decimal import Decimal
from fractions import Fraction


def series(seed, n):
    x = seed
    out = []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 1000)
    return out


def main():
    agg = []
    for s in range(60):
        data = series(s, 50)
        agg.append((st.mean(data), st.median(data), st.mode(data), round(st.stdev(data), 6),
                    st.median_low(data), st.median_high(data)))
    print(agg[0], agg[-1])
    print(round(sum(a[0] for a in agg), 6))
    data = series(7, 200)
    print(st.quantiles(data, n=4), st.quantiles(data, n=10, method="inclusive")[:3])
    print(round(st.pvariance(data), 4), round(st.fmean(data), 4), st.multimode("aabbbcccd"))
    print(st.mean([Fraction(1, 3), Fraction(2, 3), 1]), st.mean([Decimal("1.1"), Decimal("2.2")]),
          st.median([1, 3, 2, 4]), st.harmonic_mean([1, 2, 4]), round(st.geometric_mean([1, 2, 4]), 6))
    x = list(range(20))
    y = [3 * v + (v % 3) for v in x]
    print(round(st.correlation(x, y), 6), st.linear_regression(x, y), round(st.covariance(x, y), 6))
    nd = st.NormalDist(100, 15)
    print(round(nd.cdf(130), 6), round(nd.inv_cdf(0.9), 6), nd + st.NormalDist(0, 20), round(nd.overlap(st.NormalDist(110, 15)), 6))
    for bad in (lambda: st.mean([]), lambda: st.stdev([1]), lambda: st.quantiles([1], n=4), lambda: st.median([])):
        try:
            bad()
        except st.StatisticsError as e:
            print("StatisticsError:", e)
    try:
        st.mean(["a"])
    except TypeError as e:
        print("TypeError:", e)


main()
