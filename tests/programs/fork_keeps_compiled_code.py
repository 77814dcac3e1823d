"""A fork while compiled code is live: parent and child each keep running the code they share
while the other frees some of it and compiles more (the child first, then the parent while the
child still runs its copy). Large functions, so that freeing them gives whole pages back."""

import gc
import os


def make(n, lines=1):
    body = "".join(f"    x = (x * {n + i} + {i}) % 1000003\n" for i in range(lines))
    ns = {}
    exec(f"def f(x):\n{body}    return x\n", ns)
    return ns["f"]


def hot(x):
    total = 0
    for i in range(50):
        total += i * x
    return total


print("before fork", hot(3))
funcs = [make(n, 150) for n in range(12)]
print([f(2) for f in funcs])

to_child_r, to_child_w = os.pipe()
to_parent_r, to_parent_w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(to_child_w)
    os.close(to_parent_r)
    out = [hot(5)] + [f(3) for f in funcs]
    # Free the code of the first half (the parent still runs it) and compile more.
    kept = funcs[6:]
    del funcs
    gc.collect()
    out += [make(100 + n, 150)(1) for n in range(6)] + [hot(7)] + [f(4) for f in kept]
    os.write(to_parent_w, repr(out).encode() + b"\n")
    # Wait until the parent has freed the second half and compiled code, then run it again.
    os.read(to_child_r, 1)
    out = [hot(9)] + [f(5) for f in kept] + [make(300, 150)(2)]
    os.write(to_parent_w, repr(out).encode() + b"\n")
    os._exit(0)

os.close(to_child_r)
os.close(to_parent_w)
reader = os.fdopen(to_parent_r)
print("child", reader.readline().strip())
survivors = funcs[:6]
del funcs
gc.collect()
print("parent", [make(200 + n, 150)(1) for n in range(6)], hot(11), [f(6) for f in survivors])
os.write(to_child_w, b"x")
print("child again", reader.readline().strip())
_, status = os.waitpid(pid, 0)
print("child exit", os.waitstatus_to_exitcode(status))
print("parent after", hot(13), [f(7) for f in survivors], make(400)(3))
