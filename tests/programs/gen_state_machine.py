"""Send-driven generators used as coroutine-style state machines.

A tokenizer/parser pair built from generators that receive characters with send(); the
parser keeps state across yields, resets on errors thrown in, and returns results.
"""


def tokenizer(target):
    buf = ""
    while True:
        ch = yield
        if ch is None:
            if buf:
                target.send(("num", int(buf)))
            target.send(("end", None))
            return
        if ch.isdigit():
            buf += ch
        else:
            if buf:
                target.send(("num", int(buf)))
                buf = ""
            if ch in "+-*()":
                target.send(("op", ch))
            elif ch != " ":
                target.throw(SyntaxError("bad char %r" % ch))


def evaluator(results):
    while True:
        stack = []
        ops = []
        try:
            while True:
                kind, val = yield
                if kind == "num":
                    stack.append(val)
                elif kind == "op":
                    ops.append(val)
                    if val == ")":
                        ops.pop()
                        ops.pop()
                else:
                    while ops:
                        op = ops.pop()
                        b, a = stack.pop(), stack.pop()
                        stack.append(a + b if op == "+" else a - b if op == "-" else a * b)
                    results.append(stack[-1] if stack else None)
                    break
        except SyntaxError as e:
            results.append("error: %s" % e.msg)


def run(text):
    results = []
    ev = evaluator(results)
    next(ev)
    tk = tokenizer(ev)
    next(tk)
    try:
        for ch in text:
            tk.send(ch)
        tk.send(None)
    except StopIteration:
        pass
    return results


def main():
    exprs = ["1+2", "3 * 4", "10-2-3", "7", "2*3+4", "1 ? 2", "12+30+100"]
    out = []
    for i in range(300):
        out.append(run(exprs[i % len(exprs)]))
    print(out[: len(exprs)])
    print(sum(r[0] for r in out if r and isinstance(r[0], int)))


main()
