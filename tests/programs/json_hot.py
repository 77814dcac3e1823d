"""json encoding/decoding in hot loops: default hooks, object_hook/object_pairs_hook,
custom JSONEncoder, parse_float/parse_int, separators/indent/sort_keys, errors with exact
messages and positions.
"""
import decimal
import json


class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Pt):
            return {"__pt__": [o.x, o.y]}
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


def hook(d):
    if "__pt__" in d:
        return Pt(*d["__pt__"])
    return d


def roundtrip(i):
    obj = {"id": i, "pts": [Pt(i, -i), Pt(0, i)], "tags": {"b", "a"}, "nested": {"k": [1.5, None, True]}}
    s = json.dumps(obj, cls=Enc, sort_keys=True)
    back = json.loads(s, object_hook=hook)
    return s, back["pts"][0].x + back["pts"][1].y


def main():
    total = 0
    s = None
    for i in range(300):
        s, v = roundtrip(i)
        total += v + len(s)
    print(total, s)
    print(json.dumps({"b": 1, "a": [1, 2]}, indent=2, sort_keys=True))
    print(json.dumps([1, {"x": "é"}], separators=(",", ":"), ensure_ascii=False), json.dumps("é\n"))
    print(json.loads("[1.10, 2]", parse_float=decimal.Decimal), json.loads('{"a": 1, "a": 2}'),
          json.loads('{"a": 1, "a": 2}', object_pairs_hook=list))
    print(json.loads("NaN"), json.dumps(float("inf")), json.loads('"\\u00e9"'))
    for bad in ['{"a": }', "[1, 2", "", '{"a" 1}', "[1,]", "tru", '"unterminated']:
        try:
            json.loads(bad)
        except json.JSONDecodeError as e:
            print("JSONDecodeError:", e.msg, e.pos, e.lineno, e.colno)
    for bad in [{1, 2}, object, b"x", {(1, 2): 3}]:
        try:
            json.dumps(bad)
        except TypeError as e:
            print("TypeError:", str(e).split(" at 0x")[0])
    try:
        json.dumps(float("nan"), allow_nan=False)
    except ValueError as e:
        print("ValueError:", e)
    circ = []
    circ.append(circ)
    try:
        json.dumps(circ)
    except ValueError as e:
        print("ValueError:", e)


main()
