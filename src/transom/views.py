"""Class-based views: a method per HTTP verb.

::

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str: ...
        def delete(self, post_id: int) -> tuple[str, int]: ...

A fresh instance serves each request, so attributes set in one request never
leak into the next.
"""

from __future__ import annotations

import collections.abc as cabc
import inspect
import typing as t

if t.TYPE_CHECKING:
    from .typing import ResponseValue

VERBS: t.Final = ("get", "post", "put", "patch", "delete", "options", "head")
"""The method names that handle HTTP verbs, in the order ``Allow`` lists them."""

ViewDecorator: t.TypeAlias = cabc.Callable[
    [cabc.Callable[..., "ResponseValue"]], cabc.Callable[..., "ResponseValue"]
]
"""A decorator for every verb of a view (see :attr:`View.decorators`)."""


class View:
    """Base class of class-based views.

    Define a method per HTTP verb (``get``, ``post``, ``put``, ``patch``,
    ``delete``, ``options``, ``head``), on the class or on a base or mixin.
    ``HEAD`` falls back to ``get`` and ``OPTIONS`` is answered automatically.
    """

    decorators: t.ClassVar[cabc.Sequence[ViewDecorator]] = ()
    """Decorators applied to every verb handler, first one innermost. Each
    receives a callable taking the handler's parameters by keyword."""

    if t.TYPE_CHECKING:
        # Declared for the type checker only: a verb method may take any
        # parameters, but must return a response value.
        get: cabc.Callable[..., ResponseValue]
        post: cabc.Callable[..., ResponseValue]
        put: cabc.Callable[..., ResponseValue]
        patch: cabc.Callable[..., ResponseValue]
        delete: cabc.Callable[..., ResponseValue]
        options: cabc.Callable[..., ResponseValue]
        head: cabc.Callable[..., ResponseValue]


def verb_methods(cls: type[View]) -> dict[str, cabc.Callable[..., t.Any]]:
    """Map each HTTP method (upper case) that ``cls`` handles to its function.

    Inherited verbs count; an attribute named like a verb that is not a
    function is not a handler.
    """
    found: dict[str, cabc.Callable[..., t.Any]] = {}
    for verb in VERBS:
        attribute = inspect.getattr_static(cls, verb, None)
        if inspect.isfunction(attribute):
            found[verb.upper()] = attribute
    return found


def is_view_class(obj: object) -> t.TypeGuard[type[View]]:
    """Whether ``obj`` is a :class:`View` subclass."""
    return isinstance(obj, type) and issubclass(obj, View)
