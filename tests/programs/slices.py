# Slicing of sequences, including assignment and deletion.


def window_sums(lst, k):
    out = []
    for i in range(len(lst) - k + 1):
        out.append(sum(lst[i:i + k]))
    return out


def main():
    data = list(range(100))
    ws = window_sums(data, 7)
    print(len(ws), ws[:3], ws[-1])
    s = "abcdefghijklmnopqrstuvwxyz"
    acc = []
    for i in range(-30, 30, 3):
        acc.append(s[i:] + "|" + s[:i] + "|" + s[i::4] + "|" + s[::-i or 1])
    print(acc[0])
    print(acc[10])
    print(sum(len(a) for a in acc))
    lst = list(range(20))
    lst[2:5] = ["a", "b"]
    lst[::4] = [None] * len(lst[::4])
    del lst[-3:]
    del lst[::5]
    print(lst)
    b = bytearray(b"hello world")
    b[0:5] = b"HELLO"
    print(bytes(b[::-1]), b[1:3], (1, 2, 3, 4)[1:-1], range(10)[2:8:2])
    sl = slice(1, None, 2)
    print(data[sl][:5], sl.indices(10), "xyz"[sl])
    t = 0
    for i in range(1000):
        t += len(data[i % 50: i % 50 + 10: 2])
    print(t)
    try:
        lst[::2] = [1]
    except ValueError as e:
        print("ValueError:", e)


main()
