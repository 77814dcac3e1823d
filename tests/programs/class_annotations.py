"""Annotations: SETUP_ANNOTATIONS in module and class bodies, annotated assignments.

Covers class-level annotations with and without values, annotations on attributes/
subscripts (evaluated, not stored), annotations inside functions (not evaluated for
locals), module-level __annotations__, annotations of nested classes, complex annotation
expressions, and annotated assignment in a loop at class level.
"""
import typing

counter = {"n": 0}


def note(x):
    counter["n"] += 1
    return x


module_var: int = 5
module_only: "str"
target = {}
target["k"]: note(list) = 3


class Config:
    name: str
    port: int = 8080
    tags: list[str] = []
    ratio: float = 0.5 * 2
    maybe: typing.Optional[int] = None
    for i in range(3):
        dyn: note(int) = i
    nested: "Config.Inner"

    class Inner:
        depth: int = 1

    obj = type("O", (), {})()
    obj.attr: note(str) = "x"


def func():
    local_annot: undefined_type_name = 5
    other: int
    return local_annot


def hot(i):
    x: int = i
    y: list[int] = [x]
    return y[0] + x


def main():
    print(__annotations__)
    print({k: v if isinstance(v, str) else getattr(v, "__name__", repr(v)) for k, v in Config.__annotations__.items()})
    print(Config.port, Config.ratio, Config.dyn, hasattr(Config, "name"), Config.Inner.__annotations__)
    print(func(), func.__annotations__, counter)
    print(sum(hot(i) for i in range(500)))
    print(target, "k" in __annotations__, Config.obj.attr)
    print(typing.get_type_hints(Config.Inner))

    def annotated(a: int, b: "str" = "x", *args: float, c: bool, **kw: dict) -> None:
        pass
    print(annotated.__annotations__)


main()
