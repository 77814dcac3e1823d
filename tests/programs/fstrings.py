# f-strings with conversions, format specs, nesting.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"<{self.x},{self.y}>"

    def __format__(self, spec):
        if spec == "sum":
            return str(self.x + self.y)
        return format(str(self), spec)


def line(i, w):
    v = i * 1.375
    return f"{i:>{w}}|{v:.{2}f}|{i!r}|{str(i)!s:>3}|{i:#x}|{i * i = }|{'even' if i % 2 == 0 else 'odd'}"


def main():
    total = 0
    for i in range(500):
        s = line(i, 6)
        total += len(s)
        if i in (0, 7, 499):
            print(s)
    print("total", total)
    ps = [P(i, i * 2) for i in range(200)]
    outs = []
    for p in ps:
        outs.append(f"{p}{p!r}{p:sum}{p:>12}")
    print(outs[5])
    print(outs[199])
    print(sum(len(o) for o in outs))
    name = "world"
    print(f"hello {name}!", f"{{braces}}", f"{name=}", f"{name!a:*^15}", f"{3.0:g}{1e20:g}")
    d = {"k": [1, 2, 3]}
    print(f"{d['k'][1:]}", f"{len(d)}", f"{'nested ' + f'{name.upper()}'}")


main()
