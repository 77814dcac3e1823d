# fib(27) in CPU time, best of 5 after warm-up: `python bench/micro/fib_time.py` (stock) and
# `python -m pyrite bench/micro/fib_time.py`.
import time, sys
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
for _ in range(300): fib(10)
best = 1e9
for _ in range(5):
    t = time.process_time(); fib(27); best = min(best, time.process_time() - t)
print(f"{best*1000:.1f} ms")
