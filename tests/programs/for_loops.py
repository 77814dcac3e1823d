# for loops: break/continue/else, various iterables.


def find_first(lst, pred):
    for i, x in enumerate(lst):
        if pred(x):
            return i
    else:
        return -1


def loop_else(n):
    hits = 0
    for i in range(n):
        for j in range(2, i):
            if i % j == 0:
                break
        else:
            hits += 1
    return hits


def skip(n):
    t = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        if i > n - 5:
            break
        t += i
    return t


def main():
    data = [i * 7 % 101 for i in range(500)]
    print(find_first(data, lambda x: x > 99), find_first(data, lambda x: x > 200))
    print(loop_else(500))
    print(skip(1000))
    t = 0
    for a, b in zip(range(100), range(100, 0, -1)):
        t += a * b
    print(t)
    for i, ch in enumerate("xyz", start=10):
        print(i, ch, end=" ")
    print()
    t = 0
    for k in {"a": 1, "b": 2}:
        t += ord(k)
    for ch in b"abc":
        t += ch
    for x in reversed(range(5)):
        t += x
    for x in iter([1, 2, 3]):
        t += x
    print(t)
    i = None
    for i in range(0):
        pass
    print(i)
    for i in range(3):
        pass
    print(i)
    count = 0
    for x in range(10):
        for y in range(10):
            for z in range(10):
                if (x + y + z) % 7 == 0:
                    count += 1
    print(count)


main()
