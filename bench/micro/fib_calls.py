import sys
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
for _ in range(200): fib(5)
fib(int(sys.argv[1]))
