# assert statements, passing and failing.


def checked_div(a, b):
    assert b != 0, "division by zero: %d/%d" % (a, b)
    return a // b


def check_sorted(lst):
    for i in range(len(lst) - 1):
        assert lst[i] <= lst[i + 1]
    return True


def main():
    t = 0
    fails = 0
    for i in range(1000):
        try:
            t += checked_div(i, i % 10)
        except AssertionError as e:
            fails += 1
            last = e
    print(t, fails, last, last.args)
    print(check_sorted(list(range(500))))
    try:
        check_sorted([1, 3, 2])
    except AssertionError as e:
        print("bare assert", repr(e), e.args)
    try:
        assert [], ["list", "message"]
    except AssertionError as e:
        print(e.args)
    assert True, "never"
    print("done")


main()
