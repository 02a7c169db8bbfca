"""Permissions as small named predicates that combine with ``|``, ``&`` and ``~``.

A predicate takes ``(user, obj=None)`` and answers True or False::

    can_edit_project = is_coordinator | is_project_editor
    if not can_edit_project(request.user, project): ...

Each app keeps its own predicates in its ``rules.py``; the building blocks live here.
"""

from collections.abc import Callable


class Predicate:
    def __init__(self, func: Callable, name: str | None = None):
        self.func = func
        self.name = name or func.__name__

    def __call__(self, user, obj=None) -> bool:
        return bool(self.func(user, obj))

    def __and__(self, other: "Predicate") -> "Predicate":
        return Predicate(lambda user, obj=None: self(user, obj) and other(user, obj), f"({self.name} & {other.name})")

    def __or__(self, other: "Predicate") -> "Predicate":
        return Predicate(lambda user, obj=None: self(user, obj) or other(user, obj), f"({self.name} | {other.name})")

    def __invert__(self) -> "Predicate":
        return Predicate(lambda user, obj=None: not self(user, obj), f"~{self.name}")

    def __repr__(self):
        return f"<Predicate {self.name}>"


def predicate(func: Callable) -> Predicate:
    return Predicate(func)


@predicate
def is_signed_in(user, obj=None):
    return bool(user and user.is_authenticated and user.is_active)


@predicate
def is_coordinator(user, obj=None):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


# Who may invite people to Samverka (and give them audiences and project roles).
can_invite = is_coordinator
