# Functions created at runtime: annotations, defaults, kwdefaults, closures, qualnames.


def factory(n):
    def f(x: int, y: "str" = "d", *, z: float = 1.5) -> list:
        return [x, y, z, n]

    return f


def gen_funcs():
    out = []
    for i in range(5):
        def h(a=i, *, b=i * 2):
            return a + b
        out.append(h)
    return out


def main():
    fs = [factory(i) for i in range(500)]
    t = 0
    for f in fs:
        r = f(1)
        t += r[3]
    print(t)
    f = fs[3]
    print(f(1, "q", z=2), f.__name__, f.__qualname__, f.__defaults__, f.__kwdefaults__)
    print(sorted(f.__annotations__.items()))
    print([h() for h in gen_funcs()], [h(10, b=1) for h in gen_funcs()])
    print(factory.__code__.co_name, f.__code__.co_argcount, f.__code__.co_kwonlyargcount, f.__code__.co_varnames)
    l = lambda a, *b, **c: (a, b, sorted(c))
    print(l(1, 2, 3, x=4), l.__name__)
    import types
    g = types.FunctionType(f.__code__, globals(), "renamed", ("D",), f.__closure__)
    g.__kwdefaults__ = {"z": 0.5}
    print(g(9), g.__name__)


main()
