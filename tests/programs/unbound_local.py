# UnboundLocalError and NameError caught and printed.


def unbound(flag):
    if flag:
        x = 1
    return x


def shadows_global():
    total = G + 1
    G = 5
    return total


G = 10


def uses_missing():
    return undefined_name_xyz + 1


def del_then_use():
    y = 5
    del y
    return y


def free_var_unbound():
    def inner():
        return z
    r = inner()
    z = 1
    return r


def main():
    ok = 0
    errs = {}
    for i in range(600):
        try:
            ok += unbound(i % 2)
        except UnboundLocalError as e:
            errs[str(e)] = errs.get(str(e), 0) + 1
    print(ok, sorted(errs.items()))
    for fn in (shadows_global, uses_missing, del_then_use, free_var_unbound):
        for _ in range(50):
            try:
                fn()
            except NameError as e:
                msg = (type(e).__name__, str(e))
        print(*msg)
    print(issubclass(UnboundLocalError, NameError))
    try:
        del G2
    except NameError as e:
        print("NameError:", e)


main()
