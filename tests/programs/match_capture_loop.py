"""Captures in match statements inside loops called many times; walrus and captures mixed.

A tokenizer-driven state machine: each loop iteration matches a token tuple, captures parts,
and updates state; captures must be rebound on each iteration and never leak wrong values.
"""


def tokenize(src):
    out = []
    for word in src.split():
        if word.isdigit():
            out.append(("num", int(word)))
        elif word in "+-*/":
            out.append(("op", word))
        elif word.startswith("$"):
            out.append(("var", word[1:]))
        else:
            out.append(("word", word))
    return out


def rpn(tokens, env):
    stack = []
    for tok in tokens:
        match tok:
            case ("num", n):
                stack.append(n)
            case ("var", name) if (v := env.get(name)) is not None:
                stack.append(v)
            case ("var", name):
                stack.append(len(name))
            case ("op", "+" | "-" as op) if len(stack) >= 2:
                b, a = stack.pop(), stack.pop()
                stack.append(a + b if op == "+" else a - b)
            case ("op", op) if len(stack) >= 2:
                b, a = stack.pop(), stack.pop()
                stack.append(a * b if op == "*" else (a // b if b else 0))
            case ("word", w):
                stack.append(sum(map(ord, w)) % 10)
            case other:
                stack.append(-1)
    return stack


def main():
    progs = ["1 2 +", "$x 3 *", "$missing 2 -", "4 0 /", "hello 1 +", "+", "7 $y $x * -"]
    total = 0
    for i in range(600):
        st = rpn(tokenize(progs[i % len(progs)]), {"x": i % 5, "y": 3})
        total += sum(st)
    print(total)
    for p in progs:
        print(p, "=>", rpn(tokenize(p), {"x": 2, "y": 3}))


main()
