# del on locals, globals, attributes, subscripts, slices.

GLOB = 1


class Obj:
    pass


def del_local(n):
    out = []
    for i in range(n):
        x = i
        if i % 2:
            del x
        try:
            out.append(x)
        except UnboundLocalError:
            out.append(-1)
    return out


def del_global():
    global GLOB
    del GLOB
    try:
        GLOB
    except NameError as e:
        return str(e)


def main():
    r = del_local(500)
    print(r[:6], sum(r))
    print(del_global())
    print("GLOB" in globals())
    o = Obj()
    for i in range(300):
        o.a = i
        o.b = i
        del o.a
    print(hasattr(o, "a"), o.b)
    try:
        del o.a
    except AttributeError as e:
        print("AttributeError:", e)
    d = {i: i for i in range(100)}
    for i in range(0, 100, 3):
        del d[i]
    print(len(d))
    try:
        del d[0]
    except KeyError as e:
        print("KeyError:", e)
    lst = list(range(20))
    del lst[5], lst[-1]
    del lst[::3]
    print(lst)
    a, b = 1, 2
    del a, b
    try:
        print(a)
    except NameError as e:
        print("NameError:", e)
    x = [1, [2, 3]]
    del x[1][0]
    print(x)


main()
