# s[i] on strs (the interpreter leaves it unspecialised), which compiled code reads without
# PyObject_GetItem's dispatch: ASCII, latin-1, UCS-2 and UCS-4 characters, negative indices,
# the bounds and past them (IndexError), bools and big ints and __index__ objects as indices,
# str subclasses with their own __getitem__, and identity of the one-character results.


class Upper(str):
    def __getitem__(self, i):
        return str.__getitem__(self, i).upper()


class Two:
    def __index__(self):
        return 2


def chars(s):
    out = []
    for i in range(-len(s), len(s)):
        out.append(s[i])
    return "".join(out)


def probe(s, i):
    try:
        return s[i]
    except (IndexError, TypeError) as e:
        return f"{type(e).__name__}: {e}"


texts = ["hello", "héllo wörld", "\u20ac uro", "\U0001F600 smile", "", "x"]
for _ in range(60):
    r = [chars(t) for t in texts]
    p = [probe(t, i) for t in texts for i in (0, -1, 5, -6, 10**20, True, Two(), 1.0)]
print(r, p)
e, e_acute = "e", "é"
print(probe(Upper("abc"), 1), "hello"[1] is e[0], "héllo"[1] is e_acute[0])
