# Sorting with lambdas and key functions.
import functools


def cmp(a, b):
    return (a[1] > b[1]) - (a[1] < b[1]) or (a[0] > b[0]) - (a[0] < b[0])


def main():
    data = [(i, (i * 37) % 101, "n%d" % (i % 7)) for i in range(600)]
    a = sorted(data, key=lambda t: (t[2], -t[1]))
    print(a[:3], a[-1])
    b = sorted(data, key=functools.cmp_to_key(cmp))
    print(b[:3])
    c = sorted(data, key=lambda t: t[1] % 10, reverse=True)
    print(c[:3])
    words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
    for _ in range(100):
        w = sorted(words, key=str.lower)
    print(w, sorted(words), max(words, key=len), min(words, key=lambda s: s[-1]))
    lst = list(range(20))
    lst.sort(key=lambda x: (x % 3, -x))
    print(lst)
    print(list(map(lambda x: x * x, range(10))), list(filter(lambda x: x % 3 == 0, range(20))))
    print(functools.reduce(lambda a, b: a * b, range(1, 15)))
    try:
        sorted([1, "a"])
    except TypeError as e:
        print("TypeError:", e)


main()
