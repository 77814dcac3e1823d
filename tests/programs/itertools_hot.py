"""itertools in hot loops: product, permutations, combinations(+replacement), groupby,
accumulate, chain, islice, tee, zip_longest, pairwise, starmap, compress, cycle, count,
repeat, dropwhile/takewhile, filterfalse, batched-like recipes.
"""
import itertools as it
import operator


def batched(iterable, n):
    src = iter(iterable)
    while True:
        chunk = tuple(it.islice(src, n))
        if not chunk:
            return
        yield chunk


def main():
    print(sum(a * b * c for a, b, c in it.product(range(12), repeat=3)))
    print(sum(1 for _ in it.permutations(range(7), 4)), next(it.permutations("abc")))
    print(list(it.combinations("abcd", 2)), len(list(it.combinations_with_replacement(range(5), 3))))
    data = sorted("mississippi" * 20)
    print([(k, len(list(g))) for k, g in it.groupby(data)])
    print(list(it.accumulate(range(10))), list(it.accumulate([3, 1, 4, 1, 5], max)),
          list(it.accumulate([1, 2, 3], operator.mul, initial=10)))
    a, b = it.tee(range(5))
    print(list(a), list(zip(b, it.count(100, 5))))
    print(list(it.zip_longest("ab", range(4), fillvalue="-")), list(it.pairwise("abcd")))
    print(list(it.starmap(pow, [(2, 5), (3, 2)])), list(it.compress("abcdef", [1, 0, 1, 0, 1])))
    print(list(it.islice(it.cycle("xy"), 5)), list(it.repeat(7, 3)))
    print(list(it.dropwhile(lambda x: x < 3, [1, 4, 1, 5])), list(it.filterfalse(str.isdigit, "a1b2")))
    print(list(batched(range(10), 4)))
    total = 0
    for i in range(300):
        total += sum(x for x, _ in it.zip_longest(range(i % 10), "ab", fillvalue=0) if isinstance(x, int))
        total += sum(it.chain.from_iterable([[i], range(3)]))
        total += len(list(it.islice(it.count(), i % 7, None, 2)[:0] if False else it.islice(it.count(), i % 7, 20, 2)))
    print(total)
    try:
        list(it.islice(range(3), -1))
    except ValueError as e:
        print("ValueError:", e)
    try:
        it.product(5)
    except TypeError as e:
        print("TypeError:", e)


main()
