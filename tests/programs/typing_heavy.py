"""typing-heavy code at run time: Generic classes, TypeVar, Protocol with runtime_checkable,
NamedTuple, TypedDict, get_type_hints, overload, cast, Literal/Union introspection.
"""
import typing
from typing import Generic, NamedTuple, Optional, Protocol, TypedDict, TypeVar, Union

T = TypeVar("T")
K = TypeVar("K", bound=str)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: list[T] = []

    def push(self, x: T) -> None:
        self.items.append(x)

    def pop(self) -> T:
        return self.items.pop()


@typing.runtime_checkable
class Sized2(Protocol):
    def size(self) -> int: ...


class Box:
    def __init__(self, n):
        self.n = n

    def size(self):
        return self.n


class Pt(NamedTuple):
    x: int
    y: int = 0

    def dist2(self) -> int:
        return self.x * self.x + self.y * self.y


class Movie(TypedDict, total=False):
    title: str
    year: int


def total_size(objs: list[Sized2]) -> int:
    return sum(o.size() for o in objs if isinstance(o, Sized2))


@typing.overload
def conv(x: int) -> str: ...
@typing.overload
def conv(x: str) -> int: ...
def conv(x):
    return str(x) if isinstance(x, int) else int(x)


def hints(fn) -> dict:
    return {k: getattr(v, "__name__", str(v)) for k, v in typing.get_type_hints(fn).items()}


def main():
    s: Stack[int] = Stack()
    for i in range(500):
        s.push(i)
    t = 0
    while s.items:
        t += s.pop()
    print(t, Stack[int].__origin__ is Stack, Stack.__parameters__)
    objs = [Box(i) for i in range(10)] + [5, "x"]
    print(sum(total_size(objs) for _ in range(200)), isinstance(Box(1), Sized2), isinstance(3, Sized2))
    pts = [Pt(i, -i) for i in range(300)]
    print(sum(p.dist2() for p in pts), Pt(1), Pt._fields, Pt._field_defaults, pts[3]._replace(y=9))
    m: Movie = {"title": "x"}
    print(m, Movie.__required_keys__, Movie.__optional_keys__, Movie.__total__)
    print([conv(v) for v in (1, "2")], typing.cast(int, "not checked"))
    print(hints(total_size), hints(Stack.push))
    print(typing.get_origin(Optional[int]) is Union, typing.get_args(Union[int, str, None]))
    print(typing.get_args(typing.Literal["a", 1]), typing.get_origin(list[int]) is list)
    print(Optional[int] == Union[int, None], int | str == Union[int, str], repr(typing.List[int]))
    try:
        Stack[int, str]
    except TypeError as e:
        print("TypeError:", e)
    try:
        isinstance(1, typing.List[int])
    except TypeError as e:
        print("TypeError:", e)
    try:
        Pt()
    except TypeError as e:
        print("TypeError:", e)


main()
