"""Scopes: what an app and a blueprint share.

An :class:`~transom.App` is the root scope; a
:class:`~transom.blueprints.Blueprint` is a scope that records its routes
and hooks, and replays them into an app's one router when it is
registered. Both register routes, hooks and error handlers with the same
methods, defined here once::

    @scope.get("/")
    def index() -> str: ...

    @scope.before_request
    def load_user() -> None: ...

Blueprint hooks are resolved once per route, at registration, into a
frozen :class:`ScopeChain` that the route carries: a request outside a
blueprint never looks at its hooks.

This module does no I/O and touches no globals.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import functools
import inspect
import os
import sys
import typing as t

from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import default_exceptions

from ._typing import AfterRequestHook
from ._typing import BeforeRequestHook
from ._typing import CallableT
from ._typing import ContextProcessorHook
from ._typing import ErrorHandlerDecorator
from ._typing import FunctionRouteDecorator
from ._typing import RouteDecorator
from ._typing import RouteFunction
from ._typing import TeardownHook
from ._typing import URLDefaultsHook
from ._typing import URLValuePreprocessorHook
from ._typing import ViewOrRouteFunction
from .exceptions import RouteError
from .route_checks import check_methods
from .views import is_view_class

if t.TYPE_CHECKING:
    from ._typing import RoutedView
    from .typing import AfterRequestCallable
    from .typing import BeforeRequestCallable
    from .typing import HTTPMethod
    from .typing import ResponseValue
    from .typing import TeardownCallable

_ErrorT = t.TypeVar("_ErrorT", bound=BaseException)

ErrorKey: t.TypeAlias = "int | type[BaseException]"
"""What an error handler is registered for: a status code or a class."""
ErrorHandler: t.TypeAlias = "cabc.Callable[[t.Any], ResponseValue]"
"""A function that turns an exception into a response value."""
ContextProcessor: t.TypeAlias = "cabc.Callable[[], cabc.Mapping[str, t.Any]]"
"""Returns names to add to a template's context; one whose return type is
a ``TypedDict`` tells ``transom check`` its names."""
URLValuePreprocessor: t.TypeAlias = (
    "cabc.Callable[[str | None, dict[str, t.Any] | None], None]"
)
"""Called with the endpoint and the path values before the hooks; it may
change the values."""
URLDefaultsCallable: t.TypeAlias = "cabc.Callable[[str, dict[str, t.Any]], None]"
"""Called with the endpoint and the values when a URL is built; it may add
values."""

MaxContentLength: t.TypeAlias = "int | None | t.Literal['app']"


def setup_method(f: CallableT) -> CallableT:
    """Refuse a change to a scope that can no longer take it (an app that
    served a request, a blueprint already registered)."""

    # Typed as f itself: a checker's message about a hook then names the
    # hook's own type variable and method.
    @functools.wraps(f)
    def wrapper(self: Scope, /, *args: t.Any, **kwargs: t.Any) -> t.Any:
        self.check_setup(f.__name__)
        return f(self, *args, **kwargs)

    return t.cast("CallableT", wrapper)


def registering_locals() -> dict[str, t.Any]:
    """The local names of the code that registers a route: the first frame
    outside transom. Annotations are strings under ``from __future__ import
    annotations``, and a class defined inside ``create_app()`` (or a test)
    can only be found there."""
    frame = inspect.currentframe()
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if module != "transom" and not module.startswith("transom."):
            return dict(frame.f_locals)
        frame = frame.f_back
    return {}


class Scope:
    """The registration methods of apps and blueprints.

    Subclasses say what registering a route means (:meth:`add_route`) and
    when setup is over (:meth:`check_setup`).
    """

    def __init__(self) -> None:
        self.error_handlers: dict[ErrorKey, ErrorHandler] = {}
        """Error handlers by status code or exception class."""
        self.before_request_funcs: list[BeforeRequestCallable] = []
        """Run before each view of the scope, in order."""
        self.after_request_funcs: list[AfterRequestCallable] = []
        """Run after each view of the scope, last registered first."""
        self.teardown_request_funcs: list[TeardownCallable] = []
        """Run when each request of the scope ends, last registered first."""
        self.template_context_processors: list[ContextProcessor] = []
        """Functions whose returned dicts are added to every template's context."""
        self.url_value_preprocessors: list[URLValuePreprocessor] = []
        """Called with the endpoint and path values before the hooks."""
        self.url_default_functions: list[URLDefaultsCallable] = []
        """Called with the endpoint and values when a URL is built."""
        self._pending_rules: dict[str, list[tuple[str, dict[str, t.Any]]]] = {}
        self._endpoint_views: dict[str, object] = {}

    def check_setup(self, method: str) -> None:
        """Raise when the scope can no longer be changed."""
        raise NotImplementedError

    # -- routes -------------------------------------------------------------

    def add_route(
        self,
        rule: str,
        view: RoutedView | cabc.Callable[..., ResponseValue],
        *,
        methods: cabc.Iterable[str] | None = None,
        endpoint: str | None = None,
        max_content_length: MaxContentLength = "app",
        docs: bool | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> object:
        """Route ``rule`` to ``view``, as :meth:`route` does without decorating."""
        raise NotImplementedError

    @t.overload
    def route(
        self,
        rule: str,
        *,
        methods: None = None,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> RouteDecorator: ...
    @t.overload
    def route(
        self,
        rule: str,
        *,
        methods: cabc.Iterable[HTTPMethod],
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> FunctionRouteDecorator: ...
    def route(
        self,
        rule: str,
        *,
        methods: cabc.Iterable[str] | None = None,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> RouteDecorator | FunctionRouteDecorator:
        """Route ``rule`` to the decorated View subclass or function.

        A View answers the verbs it defines; a function answers ``methods``
        (``["GET"]`` by default; checkers know the standard method names,
        see :data:`transom.typing.HTTPMethod`). The endpoint defaults to the function's
        name, or the class's name in snake case; in a blueprint it is
        prefixed with the blueprint's name (``"auth.login"``).

        ``max_content_length`` is the largest request body the route
        accepts, in bytes (413 beyond); ``None`` lifts the limit, and
        ``"app"`` (the default) keeps the app's ``MAX_CONTENT_LENGTH``, or
        the View's own ``max_content_length`` attribute.

        ``docs=False`` keeps the route out of the generated documentation
        (``app.openapi()``, Markdown, HTML, ``serve_docs``, ``transom
        docs``); ``None`` (the default) follows the View's ``docs``
        attribute, and shows a function route.

        ``subdomain`` (with the app's ``subdomain_matching``) and ``host``
        (with its ``host_matching``) restrict the route to a subdomain of
        ``SERVER_NAME`` or to a host; either may hold variables, which the
        view accepts like the rule's (``subdomain="<user>"``). In a
        blueprint, a route's ``subdomain`` replaces the blueprint's.
        """

        def decorator(view: ViewOrRouteFunction) -> ViewOrRouteFunction:
            self.add_route(
                rule,
                view,
                methods=methods,
                endpoint=endpoint,
                max_content_length=max_content_length,
                docs=docs,
                subdomain=subdomain,
                host=host,
            )
            return view

        return decorator

    def _method_route(
        self,
        method: str,
        rule: str,
        endpoint: str | None,
        max_content_length: MaxContentLength,
        docs: bool | None,
    ) -> cabc.Callable[[RouteFunction], RouteFunction]:
        def decorator(view: RouteFunction) -> RouteFunction:
            if is_view_class(view):
                where = getattr(view, "__qualname__", repr(view))
                raise RouteError(
                    where,
                    f"@{method.lower()}() routes a function, but a View answers the"
                    " verbs it defines",
                    f"decorate {where} with @route({rule!r}) instead",
                )
            self.add_route(
                rule,
                view,
                methods=[method],
                endpoint=endpoint,
                max_content_length=max_content_length,
                docs=docs,
            )
            return view

        return decorator

    def get(
        self,
        rule: str,
        *,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
    ) -> cabc.Callable[[RouteFunction], RouteFunction]:
        """Route ``rule`` to the decorated function for ``GET``: the same as
        ``route(rule, methods=["GET"])``, with the same options."""
        return self._method_route("GET", rule, endpoint, max_content_length, docs)

    def post(
        self,
        rule: str,
        *,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
    ) -> cabc.Callable[[RouteFunction], RouteFunction]:
        """Route ``rule`` to the decorated function for ``POST``."""
        return self._method_route("POST", rule, endpoint, max_content_length, docs)

    def put(
        self,
        rule: str,
        *,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
    ) -> cabc.Callable[[RouteFunction], RouteFunction]:
        """Route ``rule`` to the decorated function for ``PUT``."""
        return self._method_route("PUT", rule, endpoint, max_content_length, docs)

    def patch(
        self,
        rule: str,
        *,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
    ) -> cabc.Callable[[RouteFunction], RouteFunction]:
        """Route ``rule`` to the decorated function for ``PATCH``."""
        return self._method_route("PATCH", rule, endpoint, max_content_length, docs)

    def delete(
        self,
        rule: str,
        *,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
    ) -> cabc.Callable[[RouteFunction], RouteFunction]:
        """Route ``rule`` to the decorated function for ``DELETE``."""
        return self._method_route("DELETE", rule, endpoint, max_content_length, docs)

    def add_url_rule(
        self,
        rule: str,
        endpoint: str | None = None,
        view_func: RoutedView | cabc.Callable[..., ResponseValue] | None = None,
        *,
        methods: cabc.Iterable[str] | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
    ) -> None:
        """Flask's spelling of :meth:`add_route`: route ``rule`` to
        ``view_func`` under ``endpoint``.

        Without ``view_func``, the rule waits for the function that
        :meth:`endpoint` gives that endpoint, and is registered (and
        checked) then.
        """
        options: dict[str, t.Any] = {
            "methods": methods,
            "max_content_length": max_content_length,
            "docs": docs,
        }
        if view_func is None:
            if endpoint is None:
                raise RouteError(
                    f"add_url_rule({rule!r})",
                    "it has neither a view_func nor an endpoint",
                    "pass view_func=..., or endpoint='...' and decorate the view"
                    " with @endpoint('...')",
                )
            view = self._endpoint_views.get(endpoint)
            if view is None:
                self.check_setup("add_url_rule")
                # The rule is checked when its view comes; its methods can
                # be checked now, where the mistake is.
                check_methods(f"add_url_rule({rule!r})", methods)
                self._pending_rules.setdefault(endpoint, []).append((rule, options))
                return
            view_func = t.cast("cabc.Callable[..., ResponseValue]", view)
        self.add_route(rule, view_func, endpoint=endpoint, **options)

    def endpoint(
        self, endpoint: str
    ) -> cabc.Callable[[ViewOrRouteFunction], ViewOrRouteFunction]:
        """Make the decorated view the one of ``endpoint``: the rules that
        :meth:`add_url_rule` gave that endpoint without a view are routed
        to it now, and later ones too."""

        def decorator(view: ViewOrRouteFunction) -> ViewOrRouteFunction:
            self.check_setup("endpoint")
            self._endpoint_views[endpoint] = view
            for rule, options in self._pending_rules.pop(endpoint, []):
                self.add_route(rule, view, endpoint=endpoint, **options)
            return view

        return decorator

    # -- hooks --------------------------------------------------------------

    @t.overload
    def errorhandler(
        self, code_or_exception: type[_ErrorT]
    ) -> ErrorHandlerDecorator[_ErrorT]: ...
    @t.overload
    def errorhandler(
        self, code_or_exception: int | type[BaseException]
    ) -> ErrorHandlerDecorator[t.Any]: ...
    def errorhandler(
        self, code_or_exception: int | type[BaseException]
    ) -> ErrorHandlerDecorator[t.Any]:
        """Handle an HTTP status code or exception class with the decorated
        function, which receives the exception and returns a response value.
        For an exception class, checkers hold the function to taking that
        class (or a base of it)."""

        def decorator(f: ErrorHandler) -> ErrorHandler:
            self.register_error_handler(code_or_exception, f)
            return f

        return t.cast("ErrorHandlerDecorator[t.Any]", decorator)

    @t.overload
    def register_error_handler(
        self,
        code_or_exception: type[_ErrorT],
        f: cabc.Callable[[_ErrorT], ResponseValue],
    ) -> None: ...
    @t.overload
    def register_error_handler(
        self, code_or_exception: int | type[BaseException], f: ErrorHandler
    ) -> None: ...
    @setup_method
    def register_error_handler(
        self, code_or_exception: int | type[BaseException], f: ErrorHandler
    ) -> None:
        """Register ``f`` as the handler of a status code or exception class."""
        self.error_handlers[error_key(code_or_exception)] = f

    @setup_method
    def before_request(self, f: BeforeRequestHook) -> BeforeRequestHook:
        """Run ``f()`` before each view; a non-``None`` result is the response."""
        self.before_request_funcs.append(f)
        return f

    @setup_method
    def after_request(self, f: AfterRequestHook) -> AfterRequestHook:
        """Run ``f(response)`` after each view; it returns the response."""
        self.after_request_funcs.append(f)
        return f

    @setup_method
    def teardown_request(self, f: TeardownHook) -> TeardownHook:
        """Run ``f(error)`` when each request context ends, even after an error."""
        self.teardown_request_funcs.append(f)
        return f

    @setup_method
    def context_processor(self, f: ContextProcessorHook) -> ContextProcessorHook:
        """Add the dict ``f()`` returns to the context of every template."""
        self.template_context_processors.append(f)
        return f

    @setup_method
    def url_value_preprocessor(
        self, f: URLValuePreprocessorHook
    ) -> URLValuePreprocessorHook:
        """Call ``f(endpoint, values)`` with the matched path values before
        the ``before_request`` hooks; it may change ``values``, which the
        view then receives."""
        self.url_value_preprocessors.append(f)
        return f

    @setup_method
    def url_defaults(self, f: URLDefaultsHook) -> URLDefaultsHook:
        """Call ``f(endpoint, values)`` when ``url_for`` builds a URL of the
        scope; it may add values (a language code, say) in place."""
        self.url_default_functions.append(f)
        return f


def error_key(code_or_exception: int | type[BaseException]) -> ErrorKey:
    """The key an error handler is stored under: a status code for a code
    or one of werkzeug's classes for a code, else the class.

    :raises RouteError: neither a known status nor an ``Exception`` subclass.
    """
    if isinstance(code_or_exception, int):
        if code_or_exception not in default_exceptions:
            raise RouteError(
                f"errorhandler({code_or_exception!r})",
                f"{code_or_exception} is not an HTTP error status werkzeug knows",
                "use a 4xx or 5xx status such as 404, or an exception class",
            )
        return code_or_exception
    if not issubclass(code_or_exception, Exception):
        raise RouteError(
            f"errorhandler({code_or_exception!r})",
            "it is neither a status code nor an Exception subclass",
            "pass a status such as 404, or an exception class",
        )
    if issubclass(code_or_exception, HTTPException) and code_or_exception.code:
        # werkzeug's classes stand for their status code.
        if code_or_exception is default_exceptions.get(code_or_exception.code):
            return code_or_exception.code
    return code_or_exception


def find_error_handler(
    scopes: cabc.Sequence[cabc.Mapping[ErrorKey, ErrorHandler]], e: BaseException
) -> ErrorHandler | None:
    """The handler of ``e`` among the handlers of ``scopes`` (innermost
    first, the app's last), in Flask's order: first the handlers of the
    error's status (its class or a subclass of werkzeug's class for that
    code, then the code) in each scope, then those of its other classes
    (``HTTPException``, ``Exception``, ...) in each scope, each by the
    class's method resolution order."""
    mro = type(e).__mro__
    code = e.code if isinstance(e, HTTPException) else None
    rest = mro
    if code is not None:
        code_class = default_exceptions.get(code)
        # The classes that stand for the status: those before HTTPException.
        split = mro.index(HTTPException)
        coded, rest = mro[:split], mro[split:]
        for handlers in scopes:
            if not handlers:
                continue
            for cls in coded:
                handler = handlers.get(cls)
                if handler is None and cls is code_class:
                    handler = handlers.get(code)
                if handler is not None:
                    return handler
            if code_class not in coded:  # a class of its own with that code
                handler = handlers.get(code)
                if handler is not None:
                    return handler
    for handlers in scopes:
        if not handlers:
            continue
        for cls in rest:
            handler = handlers.get(cls)
            if handler is not None:
                return handler
    return None


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class ScopeChain:
    """The blueprints a route belongs to, with their hooks merged in the
    order they run: resolved once at registration, read by each request of
    the route. The app's own hooks are not in it (they may still change
    until the app serves its first request)."""

    name: str
    """The full dotted name of the innermost blueprint (``"parent.child"``)."""
    names: tuple[str, ...]
    """The full names of the blueprints, innermost first (Flask's
    ``request.blueprints``)."""
    url_prefix: str | None
    """The innermost blueprint's URL prefix, composed with its parents'."""
    before_request: tuple[BeforeRequestCallable, ...]
    """From the outermost blueprint to the innermost, each in order."""
    after_request: tuple[AfterRequestCallable, ...]
    """From the innermost blueprint to the outermost, each last first."""
    teardown_request: tuple[TeardownCallable, ...]
    """From the innermost blueprint to the outermost, each last first."""
    error_handlers: tuple[cabc.Mapping[ErrorKey, ErrorHandler], ...]
    """The blueprints' error handlers, innermost first; empty when none has any."""
    context_processors: tuple[ContextProcessor, ...]
    """From the outermost blueprint to the innermost."""
    url_value_preprocessors: tuple[URLValuePreprocessor, ...]
    """From the outermost blueprint to the innermost."""
    url_default_functions: tuple[URLDefaultsCallable, ...]
    """From the outermost blueprint to the innermost."""

    @classmethod
    def from_scopes(
        cls,
        scopes: cabc.Sequence[tuple[str, Scope]],
        url_prefix: str | None,
    ) -> ScopeChain:
        """The chain of ``scopes``: ``(full name, blueprint)`` pairs from the
        outermost blueprint to the innermost."""
        inner_first = list(reversed(scopes))
        return cls(
            name=scopes[-1][0],
            names=tuple(name for name, _ in inner_first),
            url_prefix=url_prefix,
            before_request=tuple(f for _, s in scopes for f in s.before_request_funcs),
            after_request=tuple(
                f for _, s in inner_first for f in reversed(s.after_request_funcs)
            ),
            teardown_request=tuple(
                f for _, s in inner_first for f in reversed(s.teardown_request_funcs)
            ),
            error_handlers=tuple(
                dict(s.error_handlers) for _, s in inner_first if s.error_handlers
            ),
            context_processors=tuple(
                f for _, s in scopes for f in s.template_context_processors
            ),
            url_value_preprocessors=tuple(
                f for _, s in scopes for f in s.url_value_preprocessors
            ),
            url_default_functions=tuple(
                f for _, s in scopes for f in s.url_default_functions
            ),
        )


def find_root_path(import_name: str) -> str:
    """The folder of the module ``import_name`` (of its package's
    ``__init__``), or the working directory when it cannot be found."""
    module = sys.modules.get(import_name)
    path: str | None = getattr(module, "__file__", None)
    if path:
        return os.path.dirname(os.path.abspath(path))
    try:
        import importlib.util

        spec = importlib.util.find_spec(import_name)
    except (ImportError, ValueError):
        spec = None
    if (
        spec is not None
        and spec.origin
        and spec.origin not in ("namespace", "built-in")
    ):
        return os.path.dirname(os.path.abspath(spec.origin))
    return os.getcwd()


__all__ = [
    "ErrorHandler",
    "ErrorKey",
    "Scope",
    "ScopeChain",
    "error_key",
    "find_error_handler",
    "find_root_path",
    "registering_locals",
    "setup_method",
]
