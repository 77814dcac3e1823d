# Uncaught error inside a compiled function called from a loop: 3.11 carets.


def compute(data, key, idx):
    return data[key]["values"][idx] * 2 + data[key]["offset"]


def ratio(a, b):
    return (a.total + a.extra) / (b.total - b.extra)


class Stat:
    def __init__(self, total, extra):
        self.total = total
        self.extra = extra


def process(records):
    acc = 0
    for i, rec in enumerate(records):
        acc += compute(rec, "k", i % 3)
        acc += ratio(Stat(i, 1), Stat(i + 5, i % 4))
    return acc


def main():
    recs = [{"k": {"values": [1, 2, 3], "offset": i}} for i in range(400)]
    print(round(process(recs), 6))
    recs[350] = {"k": {"values": [1, 2, 3], "offset": None}}
    print("going to fail")
    print(process(recs))


main()
