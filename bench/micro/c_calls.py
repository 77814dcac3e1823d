import sys
from collections import deque
def f(n):
    d = deque(maxlen=10)
    w = d.append
    s = "abc"
    for i in range(n):
        w(i)
        w(str(i))
        s.upper()
    return len(d)
def main():
    for _ in range(120): f(10)
    f(int(sys.argv[1]))
main()
