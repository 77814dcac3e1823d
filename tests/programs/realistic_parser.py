"""A realistic recursive-descent parser and evaluator for a tiny language, built from a
generator tokenizer, dataclass AST nodes, match-based evaluation, and exceptions for
syntax and runtime errors with positions; many programs parsed and run.
"""
from dataclasses import dataclass
import re

TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_]\w*)|(==|!=|<=|>=|[-+*/%()<>=;{},]))")


class ParseError(Exception):
    def __init__(self, msg, pos):
        super().__init__("%s at %d" % (msg, pos))
        self.pos = pos


def tokenize(src):
    pos = 0
    src = src.rstrip()
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            raise ParseError("bad character %r" % src[pos], pos)
        num, name, op = m.groups()
        if num:
            yield ("num", int(num), m.start(1))
        elif name:
            yield ("kw" if name in ("let", "if", "else", "while", "print") else "name", name, m.start(2))
        else:
            yield ("op", op, m.start(3))
        pos = m.end()
    yield ("eof", None, pos)


@dataclass
class Num:
    v: int


@dataclass
class Var:
    name: str


@dataclass
class BinOp:
    op: str
    l: object
    r: object


@dataclass
class Let:
    name: str
    e: object


@dataclass
class If:
    c: object
    then: list
    other: list


@dataclass
class While:
    c: object
    body: list


@dataclass
class Print:
    args: list


PREC = {"==": 1, "!=": 1, "<": 2, ">": 2, "<=": 2, ">=": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4}


class Parser:
    def __init__(self, src):
        self.toks = list(tokenize(src))
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self, kind=None, val=None):
        t = self.toks[self.i]
        if (kind and t[0] != kind) or (val is not None and t[1] != val):
            raise ParseError("expected %s got %r" % (val or kind, t[1]), t[2])
        self.i += 1
        return t

    def program(self):
        stmts = []
        while self.peek()[0] != "eof":
            stmts.append(self.stmt())
        return stmts

    def block(self):
        self.take("op", "{")
        out = []
        while self.peek()[1] != "}":
            out.append(self.stmt())
        self.take("op", "}")
        return out

    def stmt(self):
        t = self.peek()
        match t:
            case ("kw", "let", _):
                self.take()
                name = self.take("name")[1]
                self.take("op", "=")
                e = self.expr(0)
                self.take("op", ";")
                return Let(name, e)
            case ("kw", "if", _):
                self.take()
                c = self.expr(0)
                then = self.block()
                other = []
                if self.peek()[1] == "else":
                    self.take()
                    other = self.block()
                return If(c, then, other)
            case ("kw", "while", _):
                self.take()
                return While(self.expr(0), self.block())
            case ("kw", "print", _):
                self.take()
                args = [self.expr(0)]
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.expr(0))
                self.take("op", ";")
                return Print(args)
            case _:
                raise ParseError("unexpected %r" % (t[1],), t[2])

    def atom(self):
        t = self.take()
        match t:
            case ("num", v, _):
                return Num(v)
            case ("name", n, _):
                return Var(n)
            case ("op", "(", _):
                e = self.expr(0)
                self.take("op", ")")
                return e
            case ("op", "-", _):
                return BinOp("-", Num(0), self.atom())
        raise ParseError("bad atom %r" % (t[1],), t[2])

    def expr(self, minp):
        left = self.atom()
        while True:
            t = self.peek()
            p = PREC.get(t[1]) if t[0] == "op" else None
            if p is None or p <= minp - 1 or p < minp:
                return left
            self.take()
            left = BinOp(t[1], left, self.expr(p + 1))


def ev(e, env):
    match e:
        case Num(v):
            return v
        case Var(n):
            try:
                return env[n]
            except KeyError:
                raise NameError("undefined %s" % n) from None
        case BinOp(op, l, r):
            a, b = ev(l, env), ev(r, env)
            match op:
                case "+": return a + b
                case "-": return a - b
                case "*": return a * b
                case "/": return a // b
                case "%": return a % b
                case "==": return int(a == b)
                case "!=": return int(a != b)
                case "<": return int(a < b)
                case ">": return int(a > b)
                case "<=": return int(a <= b)
                case ">=": return int(a >= b)


def run(stmts, env, out):
    for s in stmts:
        match s:
            case Let(n, e):
                env[n] = ev(e, env)
            case If(c, then, other):
                run(then if ev(c, env) else other, env, out)
            case While(c, body):
                guard = 0
                while ev(c, env):
                    run(body, env, out)
                    guard += 1
                    if guard > 10000:
                        raise RuntimeError("loop limit")
            case Print(args):
                out.append(" ".join(str(ev(a, env)) for a in args))


PROGRAMS = [
    "let n = 10; let a = 0; let b = 1; while n > 0 { let t = a + b; let a = b; let b = t; let n = n - 1; } print a, b;",
    "let i = 0; let s = 0; while i < 50 { if i % 3 == 0 { let s = s + i; } else { let s = s - 1; } let i = i + 1; } print s;",
    "let x = (1 + 2) * -3; print x, x / 2, x % 4;",
    "print y;",
    "let z = 1 / 0;",
    "let = 5;",
    "print 1 +;",
    "let q = 2 $ 3;",
    "if 1 { print 1; ",
]


def execute(src):
    out = []
    try:
        run(Parser(src).program(), {}, out)
        return out
    except ParseError as e:
        return out + ["ParseError: %s" % e]
    except (NameError, ZeroDivisionError, RuntimeError) as e:
        return out + ["%s: %s" % (type(e).__name__, e)]


def main():
    for src in PROGRAMS:
        print(execute(src))
    n = 0
    for i in range(60):
        for src in PROGRAMS:
            n += len(execute(src))
    print(n)


main()
