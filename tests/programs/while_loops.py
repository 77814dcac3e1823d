# while loops with break/continue/else.


def digits_sum(n):
    s = 0
    while n > 0:
        s += n % 10
        n //= 10
    return s


def search(target):
    lo, hi = 0, 10000
    steps = 0
    while lo < hi:
        steps += 1
        mid = (lo + hi) // 2
        if mid < target:
            lo = mid + 1
        else:
            hi = mid
    else:
        steps += 1000
    return lo, steps


def countdown(n):
    out = 0
    while True:
        n -= 1
        if n % 2:
            continue
        out += n
        if n <= 0:
            break
    return out


def main():
    print(sum(digits_sum(i) for i in range(3000)))
    t = 0
    for x in range(0, 10000, 37):
        lo, s = search(x)
        t += lo + s
    print(t)
    print(countdown(1000), countdown(1))
    i = 0
    while i < 10:
        i += 1
        if i == 20:
            break
    else:
        print("else ran", i)
    lst = list(range(100))
    while lst:
        x = lst.pop()
        if x == 50:
            break
    print(len(lst))


main()
