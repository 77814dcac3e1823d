"""LOAD_CLASSDEREF: class bodies reading variables of an enclosing function.

Covers a class body reading a free variable, a class-level name shadowing the free variable
(class dict wins), the free variable rebound after class creation (methods see the new
value, class attributes keep the old), nonlocal writes from methods, class bodies nested
two functions deep, and comprehensions in class bodies reading enclosing-function names.
"""


def make(n):
    factor = n * 2
    label = "outer"

    class C:
        size = factor + 1
        label = "class-level"
        seen_label = label
        items = [factor * k for k in range(3)]
        nested = [label for _ in range(1)]

        def get(self):
            return factor, label

        def bump(self):
            nonlocal factor
            factor += 100
            return factor

    before = C.size
    factor = -1
    return C, before


def shadow_via_locals(v):
    x = v

    try:
        class K:
            if v % 2:
                x = "class x"
            y = x
    except NameError as e:
        return "NameError: %s (x=%r)" % (e, x)
    return K.y


def two_deep(a):
    def middle(b):
        class Deep:
            total = a + b
            pair = (a, b)
        return Deep
    return middle(a * 10)


def main():
    acc = 0
    for i in range(300):
        C, before = make(i)
        acc += C.size + before
    print(acc)
    C, before = make(3)
    c = C()
    print(C.size, before, C.label, C.seen_label, C.items, C.nested)
    print(c.get(), c.bump(), c.get())
    print([shadow_via_locals(v) for v in range(4)])
    print(sum(two_deep(i).total for i in range(300)), two_deep(2).pair)


main()
