"""The __class__ cell, zero-argument super() corner cases, __qualname__ and __module__.

Covers methods referring to __class__ directly, super() in nested functions (fails),
super() in a classmethod/staticmethod, __class__ cell when the metaclass replaces the
namespace (__classcell__ propagation), __qualname__ of nested functions and classes,
and __module__ written in the class body.
"""


class Base:
    def who(self):
        return "Base"

    @classmethod
    def cm(cls):
        return "Base.cm(%s)" % cls.__name__


class Child(Base):
    def who(self):
        return "Child>" + super().who()

    def cls_cell(self):
        return __class__.__name__

    @classmethod
    def cm(cls):
        return "Child>" + super().cm()

    def nested_super(self):
        def inner():
            return super().who()
        try:
            return inner()
        except RuntimeError as e:
            return "RuntimeError: " + str(e)

    @staticmethod
    def static_super():
        try:
            return super().who()
        except RuntimeError as e:
            return "RuntimeError: " + str(e)


class Meta(type):
    def __new__(mcs, name, bases, ns):
        return super().__new__(mcs, name, bases, dict(ns))


class WithMeta(Base, metaclass=Meta):
    def who(self):
        return "WithMeta>" + super().who()


class Outer:
    class Inner:
        def method(self):
            def local():
                pass
            return local.__qualname__

    __module__ = "custom.module"


def hot(objs):
    return [o.who() for o in objs]


def main():
    c = Child()
    print(c.who(), c.cls_cell(), Child.cm(), c.nested_super(), Child.static_super())
    print(WithMeta().who())
    print(Outer.Inner.__qualname__, Outer.Inner().method(), Outer.__module__, Outer.Inner.__module__)
    objs = [Base(), Child(), WithMeta()]
    r = None
    for i in range(300):
        r = hot(objs)
    print(r)

    class Sub(Child):
        def who(self):
            return "Sub>" + super().who()
    print(Sub().who(), Sub.cm(), Sub.who.__qualname__)
    try:
        class Bad:
            __classcell__ = 5
    except TypeError as e:
        print("TypeError:", e)


main()
