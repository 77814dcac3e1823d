# List operations.


def build(n):
    lst = []
    for i in range(n):
        lst.append(i * 3 % 17)
    return lst


def main():
    lst = build(1000)
    print(sum(lst), lst.count(5), lst.index(16), len(lst))
    lst.sort()
    print(lst[:10], lst[-3:])
    lst.reverse()
    print(lst[:3])
    lst2 = []
    for i in range(500):
        lst2.insert(0, i)
        if i % 3 == 0:
            lst2.pop()
    print(len(lst2), lst2[:5], lst2[-5:])
    lst3 = [1, 2, 3]
    lst3.extend(range(4, 8))
    lst3 += [8, 9]
    lst3 *= 2
    print(lst3)
    lst3.remove(5)
    del lst3[0]
    print(lst3, 5 in lst3, 100 in lst3)
    print([1, 2] + [3], [0] * 5, [[1, 2], [3]] == [[1, 2], [3]], [1, 2] < [1, 3])
    m = [[0] * 5 for _ in range(5)]
    for i in range(5):
        for j in range(5):
            m[i][j] = i * j
    print(m)
    try:
        [].pop()
    except IndexError as e:
        print("IndexError", e)
    try:
        [1].index(2)
    except ValueError as e:
        print("ValueError", e)
    stack = []
    for i in range(2000):
        if i % 3 == 2 and stack:
            stack.pop()
        else:
            stack.append(i)
    print(len(stack), stack[-1], sorted([3, 1, 2], reverse=True), list(reversed(range(4))))


main()
