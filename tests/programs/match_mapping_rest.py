"""MATCH_MAPPING and MATCH_KEYS: mapping patterns with **rest, custom mappings, dict subclasses.

Covers key patterns with literal and value (dotted) keys, nested mapping patterns, **rest
capturing the remaining keys in a fresh dict, defaultdict not inserting missing keys, a
collections.abc.Mapping implementation using .get(), duplicate key errors, and mapping
patterns not matching sequences.
"""
import collections
import collections.abc


class Keys:
    NAME = "name"
    AGE = "age"


class Registry(collections.abc.Mapping):
    def __init__(self, data, log):
        self.data, self.log = data, log

    def __getitem__(self, k):
        self.log.append("getitem " + str(k))
        return self.data[k]

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def get(self, k, default=None):
        self.log.append("get " + str(k))
        return self.data.get(k, default)


class Counting(dict):
    pass


def route(msg):
    match msg:
        case {"type": "user", Keys.NAME: str(name), Keys.AGE: int(age), **rest} if age >= 18:
            return "adult %s %s" % (name, sorted(rest.items()))
        case {"type": "user", Keys.NAME: name, **rest}:
            return "user %s rest=%d" % (name, len(rest))
        case {"type": "point", "pos": {"x": x, "y": y}}:
            return "point %s,%s" % (x, y)
        case {"type": "list", "items": [*items]}:
            return "list of %d" % len(items)
        case {1: one, 2.0: two}:
            return "numeric keys %s %s" % (one, two)
        case {}:
            return "some mapping (%d keys)" % len(msg)
        case _:
            return "not a mapping"


def main():
    msgs = [
        {"type": "user", "name": "ann", "age": 30, "x": 1, "y": 2},
        {"type": "user", "name": "bob", "age": 5},
        {"type": "user", "name": 3, "age": 40},
        {"type": "point", "pos": {"x": 1, "y": 2, "z": 3}},
        {"type": "point", "pos": [1, 2]},
        {"type": "list", "items": (1, 2, 3)},
        {"type": "list", "items": "abc"},
        {1: "a", 2: "b"},
        {True: "t", 2.0: "f"},
        {},
        [("type", "user")],
        Counting(type="user", name="sub"),
    ]
    counts = {}
    for i in range(600):
        r = route(msgs[i % len(msgs)])
        counts[r] = counts.get(r, 0) + 1
    for m in msgs:
        r = route(m)
        print(r, counts[r])
    dd = collections.defaultdict(list, type="user", name="dd")
    print(route(dd), sorted(dd))
    log = []
    reg = Registry({"type": "user", "name": "reg", "extra": 1}, log)
    print(route(reg), log)
    od = collections.OrderedDict([("b", 2), ("type", "user"), ("name", "od"), ("a", 1)])
    match od:
        case {"type": _, **rest}:
            print(type(rest).__name__, list(rest))
    try:
        exec("match {}:\n case {'a': 1, 'a': 2}: pass")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
    key = "k"

    def dynamic(m):
        match m:
            case {"k": v, **kw}:
                return v, kw
        return None
    print([dynamic({"k": i, "j": -i}) for i in range(3)], dynamic({"j": 1}))


main()
