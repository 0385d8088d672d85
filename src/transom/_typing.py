"""Private type variables and protocols. Nothing here is public API."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import typing_extensions as te

if t.TYPE_CHECKING:
    from .typing import ResponseValue
    from .views import View

CallableT = t.TypeVar("CallableT", bound=cabc.Callable[..., t.Any])
"""Any callable handed to a decorator that returns it unchanged."""

RouteT = t.TypeVar("RouteT", bound="type[View] | cabc.Callable[..., ResponseValue]")
"""What ``@app.route`` decorates: a View subclass or a function route."""

ErrorHandlerT = t.TypeVar(
    "ErrorHandlerT", bound="cabc.Callable[[t.Any], ResponseValue]"
)
"""What ``@app.errorhandler(...)`` decorates."""

RuleT_co = te.TypeVar("RuleT_co", bound=str, default=str, covariant=True)
"""The rule of a :class:`RouteDecorator`, a ``Literal`` when the mypy plugin
knows it."""


class RouteDecorator(t.Protocol[RuleT_co]):
    """What ``app.route(rule)`` returns, as the mypy plugin sees it.

    ``App.route`` is annotated with a plain ``Callable``; the plugin types
    the call as ``RouteDecorator[Literal[rule]]`` instead, so that the rule
    travels, in the type, to the decorator's call, where the plugin checks
    it against the decorated view. Nothing creates one at run time.
    """

    def __call__(self, view: RouteT, /) -> RouteT: ...


class ErrorHandlerDecorator(t.Protocol):
    """What ``app.errorhandler(code)`` returns, as the mypy plugin sees it
    (``App.errorhandler`` is annotated with a plain ``Callable``), so that
    the plugin can check the handler where it is registered."""

    def __call__(self, f: ErrorHandlerT, /) -> ErrorHandlerT: ...
