# Recursive functions.
import sys


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def hanoi(n, a, b, c, moves):
    if n == 0:
        return
    hanoi(n - 1, a, c, b, moves)
    moves.append((a, c))
    hanoi(n - 1, b, a, c, moves)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def permutations(lst):
    if len(lst) <= 1:
        return [lst]
    out = []
    for i in range(len(lst)):
        for p in permutations(lst[:i] + lst[i + 1:]):
            out.append([lst[i]] + p)
    return out


def main():
    print(fact(50), fib(20), ackermann(2, 3))
    moves = []
    hanoi(10, "A", "B", "C", moves)
    print(len(moves), moves[:3])
    print(is_even(500), is_odd(501))
    p = permutations([1, 2, 3, 4, 5])
    print(len(p), p[0], p[-1])
    print(sys.getrecursionlimit())


main()
