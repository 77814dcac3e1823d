# Chained comparisons and comparison operators.


class Noisy:
    def __init__(self, v, log):
        self.v = v
        self.log = log

    def __lt__(self, other):
        self.log.append("lt%d" % self.v)
        return self.v < other.v


def classify(x):
    if 0 <= x < 10:
        return "small"
    elif 10 <= x < 100 != x:
        return "medium"
    elif x >= 100:
        return "large"
    return "neg"


def main():
    counts = {}
    for i in range(-50, 300):
        c = classify(i)
        counts[c] = counts.get(c, 0) + 1
    print(sorted(counts.items()))
    t = 0
    for a in range(20):
        for b in range(20):
            for c in range(20):
                if a < b < c:
                    t += 1
                if a == b == c:
                    t += 100
                if a != b != c:
                    t += 1000
    print(t)
    log = []
    a, b, c = Noisy(1, log), Noisy(3, log), Noisy(2, log)
    print(a < b < c, log)
    print(1 < 2.5 < 3, "a" < "b" <= "b", (1, 2) < (1, 3), [1] == [1.0], 1 == 1.0 == True)
    print(None is None is not False, 3 > 2 > 1 > 0 > -1, 1 < 3 > 2)
    try:
        1 < "x"
    except TypeError as e:
        print("TypeError:", e)


main()
