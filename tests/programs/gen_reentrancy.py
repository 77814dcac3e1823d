"""Generator re-entrancy: 'generator already executing' and gi_running seen from inside.

Covers next()/send()/throw()/close() called on a running generator from code it calls,
generators that iterate over themselves, and recovery after those errors.
"""


class Holder:
    gen = None


def self_next():
    try:
        next(Holder.gen)
    except ValueError as e:
        yield "next: " + str(e)
    try:
        Holder.gen.send(1)
    except ValueError as e:
        yield "send: " + str(e)
    try:
        Holder.gen.throw(KeyError)
    except ValueError as e:
        yield "throw: " + str(e)
    try:
        Holder.gen.close()
    except ValueError as e:
        yield "close: " + str(e)
    yield "running=%s" % Holder.gen.gi_running


def callback_user(cb):
    for i in range(3):
        yield cb(i)


def iterate_self():
    g = Holder.gen
    try:
        for x in g:
            yield x
    except ValueError as e:
        yield "for over self: " + str(e)


def hot(k):
    Holder.gen = self_next()
    out = list(Holder.gen)
    return len(out) + k


def main():
    Holder.gen = self_next()
    for line in Holder.gen:
        print(line)
    t = 0
    for i in range(300):
        t += hot(i)
    print(t)

    def cb(i):
        try:
            return next(Holder.gen)
        except ValueError as e:
            return "%d %s" % (i, e)
    Holder.gen = callback_user(cb)
    print(list(Holder.gen))
    Holder.gen = iterate_self()
    print(list(Holder.gen))


main()
