# A finaliser run by a release in compiled code sees its caller's exact line: the release's
# slow path (the object was freed) stores prev_instr, the fast path does not.
import sys
class D:
    def __init__(self, tag): self.tag = tag
    def __del__(self):
        f = sys._getframe(1)
        print("del", self.tag, "from", f.f_code.co_name, "line", f.f_lineno)
def stores(n):
    x = D("first")
    y = 1
    x = D("second")          # STORE_FAST frees "first"
    x = y                    # STORE_FAST frees "second"
    for i in range(n):
        z = D(i)             # each iteration frees the previous z
        y += i
    D("popped")              # POP_TOP frees it
    del z                    # DELETE_FAST
    return y
print(stores(3))
def cells():
    c = D("cell")
    def inner(): return c
    c = 5                    # STORE_DEREF frees the old cell content
    return inner()
print(cells())
def lists(lst):
    lst[0] = D("item")
    lst[0] = 0               # STORE_SUBSCR frees the old item
    return lst
print(lists([1]))
def unpacked():
    a, b = D("a"), D("b")
    a, b = b, a
    a = b = None
    return "done"
print(unpacked())
