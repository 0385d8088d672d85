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

from .exceptions import RouteError

if t.TYPE_CHECKING:
    from .typing import ResponseValue
    from .typing import ViewFunction

VERBS: t.Final = ("get", "post", "put", "patch", "delete", "options", "head")
"""The method names that handle HTTP verbs, in the order ``Allow`` lists them."""

NOT_ALLOWED: t.Final[t.Any] = None
"""Switches off a verb that a base class defines::

    class ReadOnlyPost(Post):
        delete = NOT_ALLOWED

The view then answers ``DELETE`` with 405. At run time it is ``None``, which
is not callable and so handles nothing; it is typed ``Any`` because every
checker refuses ``None`` in place of a method (an incompatible override),
and accepts ``Any``.
"""

ViewDecorator: t.TypeAlias = cabc.Callable[["ViewFunction"], "ViewFunction"]
"""A decorator for every verb of a view (see :attr:`View.decorators`): it
takes and returns a :class:`~transom.typing.ViewFunction`, which takes
the values by keyword only."""


class View:
    """Base class of class-based views.

    Define a method per HTTP verb (``get``, ``post``, ``put``, ``patch``,
    ``delete``, ``options``, ``head``), on the class or on a base or mixin.
    ``HEAD`` falls back to ``get`` and ``OPTIONS`` is answered automatically.
    """

    decorators: t.ClassVar[cabc.Sequence[ViewDecorator]] = ()
    """Decorators applied to every verb handler, first one innermost. Each
    receives a callable taking the handler's parameters by keyword."""

    max_content_length: t.ClassVar[int | None | t.Literal["app"]] = "app"
    """The largest request body this view accepts, in bytes (413 beyond):
    ``"app"`` keeps the app's ``MAX_CONTENT_LENGTH``, ``None`` lifts the
    limit. The ``max_content_length=`` option of the route wins over it."""

    docs: t.ClassVar[bool] = True
    """Whether the generated documentation (``app.openapi()``, Markdown,
    HTML, ``serve_docs`` and ``transom docs``) shows this view's routes;
    ``False`` keeps an internal or admin view out of it. The ``docs=``
    option of the route wins over it."""

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

    Inherited verbs count; an attribute named like a verb that is not
    callable (:data:`NOT_ALLOWED`, or ``None``, switches off an inherited
    verb) is not a handler.

    :raises RouteError: a verb is callable but not a plain method (a
        ``staticmethod``, a callable object) or is ``async``.
    """
    found: dict[str, cabc.Callable[..., t.Any]] = {}
    for verb in VERBS:
        attribute = inspect.getattr_static(cls, verb, None)
        if inspect.isfunction(attribute):
            if inspect.iscoroutinefunction(attribute) or inspect.isasyncgenfunction(
                attribute
            ):
                raise RouteError(
                    f"{cls.__qualname__}.{verb}",
                    "it is 'async def', but transom serves WSGI and calls verbs"
                    " synchronously",
                    f"define it with 'def {verb}(self, ...)'",
                )
            found[verb.upper()] = attribute
        elif isinstance(attribute, staticmethod | classmethod) or callable(attribute):
            kind = type(t.cast(object, attribute)).__name__
            raise RouteError(
                f"{cls.__qualname__}.{verb}",
                f"it is a {kind}, but a verb must be a plain method that transom"
                " calls on a fresh instance",
                f"define it as 'def {verb}(self, ...)', or rename it if it is not"
                " a request handler",
            )
    return found


def is_view_class(obj: object) -> t.TypeGuard[type[View]]:
    """Whether ``obj`` is a :class:`View` subclass."""
    return isinstance(obj, type) and issubclass(obj, View)
