"""The type variables and protocols of transom's decorators and helpers.

Nothing here is public API, but checkers print these names in their
messages ("Value of type variable "AfterRequestHook" of "after_request"
of "Scope" cannot be ..."), so each is named for what the decorated
function must be. Every module that registers a function takes its type
variable from here.
"""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import typing_extensions as te

if t.TYPE_CHECKING:
    from .scope import ContextProcessor
    from .scope import URLDefaultsCallable
    from .scope import URLValuePreprocessor
    from .typing import AfterRequestCallable
    from .typing import BeforeRequestCallable
    from .typing import ResponseValue
    from .typing import TeardownCallable
    from .views import View
    from .wrappers import Response

CallableT = t.TypeVar("CallableT", bound=cabc.Callable[..., t.Any])
"""Any callable handed to a decorator that returns it unchanged."""

RoutedView: te.TypeAlias = "cabc.Callable[[], View]"
"""A View subclass as a route needs it: transom makes an instance per
request with no arguments, so an ``__init__`` that takes any is refused."""

ViewOrRouteFunction = t.TypeVar(
    "ViewOrRouteFunction",
    bound="RoutedView | cabc.Callable[..., ResponseValue]",
)
"""What ``@app.route(rule)`` decorates: a View subclass that takes no
arguments, or a function that returns a response value."""

RouteFunction = t.TypeVar("RouteFunction", bound="cabc.Callable[..., ResponseValue]")
"""What ``@app.get(rule)`` (and ``route(rule, methods=...)``) decorates: a
function that returns a response value."""

BeforeRequestHook = t.TypeVar("BeforeRequestHook", bound="BeforeRequestCallable")
"""A ``before_request`` function: no arguments; ``None`` or a response value."""

AfterRequestHook = t.TypeVar("AfterRequestHook", bound="AfterRequestCallable")
"""An ``after_request`` function: takes the response and returns one."""

AfterThisRequestHook = t.TypeVar(
    "AfterThisRequestHook", bound="cabc.Callable[[Response], Response]"
)
"""An ``after_this_request`` function: takes the response and returns one."""

TeardownHook = t.TypeVar("TeardownHook", bound="TeardownCallable")
"""A ``teardown_request`` or ``teardown_appcontext`` function: takes the
error or ``None``."""

ContextProcessorHook = t.TypeVar("ContextProcessorHook", bound="ContextProcessor")
"""A ``context_processor`` function: no arguments; a mapping of names."""

URLValuePreprocessorHook = t.TypeVar(
    "URLValuePreprocessorHook", bound="URLValuePreprocessor"
)
"""A ``url_value_preprocessor`` function: ``(endpoint, values) -> None``."""

URLDefaultsHook = t.TypeVar("URLDefaultsHook", bound="URLDefaultsCallable")
"""A ``url_defaults`` function: ``(endpoint, values) -> None``."""

TemplateFilterFunction = t.TypeVar(
    "TemplateFilterFunction", bound=cabc.Callable[..., t.Any]
)
"""A template filter: takes the value first."""

TemplateTestFunction = t.TypeVar("TemplateTestFunction", bound=cabc.Callable[..., bool])
"""A template test: returns a ``bool``."""

TemplateGlobalFunction = t.TypeVar(
    "TemplateGlobalFunction", bound=cabc.Callable[..., t.Any]
)
"""A function added to the templates' globals."""

CommandFunction = t.TypeVar("CommandFunction", bound=cabc.Callable[..., "int | None"])
"""A command-line command: returns its exit code, or ``None`` for 0."""

HandledError = t.TypeVar("HandledError", bound=BaseException)
"""The exception an error handler is registered for."""

HandlerResponse = t.TypeVar("HandlerResponse", bound="ResponseValue")
"""What an error handler returns: a response value."""

ViewValues = te.ParamSpec("ViewValues")
"""The parameters of a view, which ``url_for`` takes as its values."""

ViewClass = t.TypeVar("ViewClass", bound="View")
"""The View class of a verb method given to ``url_for`` (``Post.get``)."""


class ViewWithGet(t.Protocol[ViewValues]):
    """A View class seen through its ``get``, whose parameters
    ``url_for(View, ...)`` takes."""

    def get(self, *args: ViewValues.args, **kwargs: ViewValues.kwargs) -> t.Any: ...


RuleT_co = te.TypeVar("RuleT_co", bound=str, default=str, covariant=True)
"""The rule of a :class:`RouteDecorator`, a ``Literal`` when the mypy plugin
knows it."""


class RouteDecorator(t.Protocol[RuleT_co]):
    """What ``app.route(rule)`` returns: it routes a View subclass or a
    function and returns it unchanged.

    The mypy plugin types the call as ``RouteDecorator[Literal[rule]]``, so
    that the rule travels, in the type, to the decorator's call, where the
    plugin checks it against the decorated view. Nothing creates one at
    run time.
    """

    def __call__(self, view: ViewOrRouteFunction, /) -> ViewOrRouteFunction: ...


class FunctionRouteDecorator(t.Protocol[RuleT_co]):
    """What ``app.route(rule, methods=[...])`` returns: ``methods=`` is for
    function routes (a View answers the verbs it defines)."""

    def __call__(self, view: RouteFunction, /) -> RouteFunction: ...


class ErrorHandlerDecorator(t.Protocol[HandledError]):
    """What ``app.errorhandler(SomeError)`` returns: the handler must take
    ``SomeError`` (or a base class of it) and return a response value. For
    a status code, the handler's parameter may be any exception class."""

    def __call__(
        self, f: cabc.Callable[[HandledError], HandlerResponse], /
    ) -> cabc.Callable[[HandledError], HandlerResponse]: ...
