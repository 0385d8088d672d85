"""Application and request contexts.

A :class:`RequestContext` is pushed for each request; it owns the request
(created lazily, on first use), the URL adapter, the session and the
request's :class:`AppContext`, which owns ``g``. Contexts are stored in
context variables (see :mod:`transom.globals`).
"""

from __future__ import annotations

import collections.abc as cabc
import contextvars
import types
import typing as t

import typing_extensions as te
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException

from ._ctxvars import app_ctx_var
from .hosts import request_subdomain
from .wrappers import Request
from .wrappers import multidict
from .wrappers import query_fields

if t.TYPE_CHECKING:
    from werkzeug.datastructures import MultiDict
    from werkzeug.routing import MapAdapter

    from .app import App
    from .routing import Route
    from .sessions import Session
    from .typing import AfterRequestCallable
    from .typing import TeardownCallable
    from .typing import WSGIEnvironment

_sentinel: t.Final = object()


def _run_teardown(
    hooks: cabc.Iterable[TeardownCallable],
    exc: BaseException | None,
    errors: list[Exception],
) -> None:
    """Call every hook, keeping the errors they raise: a hook that fails
    must not keep the next from closing what it opened."""
    for hook in hooks:
        try:
            hook(exc)
        except Exception as e:
            errors.append(e)


def _raise_teardown_errors(errors: list[Exception]) -> t.NoReturn:
    """Raise what the teardown hooks raised once they all ran: one error as
    it is, several together."""
    if len(errors) == 1:
        raise errors[0]
    raise ExceptionGroup(f"{len(errors)} teardown hooks failed", errors)


_IMMUTABLE: t.Final[frozenset[type[object]]] = frozenset((ImmutableMultiDict,))
"""Tested by membership: ``cls is ImmutableMultiDict`` would narrow ``cls``
to the unparameterised class for pyright."""

# Host headers werkzeug's Map.bind accepted (it refuses some with a 400 that
# must not be skipped); a request on one of them is matched without an
# adapter. Bounded, since clients choose the header.
_BOUND_HOSTS: set[str] = set()
_MAX_BOUND_HOSTS: t.Final = 256

# What binding an adapter reads from the environ (see
# RequestContext.build_adapter).
_BINDING_KEYS: t.Final = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_CONNECTION",
    "HTTP_UPGRADE",
    "SCRIPT_NAME",
    "REQUEST_METHOD",
)


class G:
    """The type of ``g``: a plain namespace for one app context.

    Any attribute may be set. For checked attributes, see
    :func:`transom.typed_g`.
    """

    def get(self, name: str, default: t.Any = None) -> t.Any:
        """Return an attribute, or ``default`` when it is not set."""
        return self.__dict__.get(name, default)

    def pop(self, name: str, default: t.Any = _sentinel) -> t.Any:
        """Remove and return an attribute (``default`` when it is not set)."""
        if default is _sentinel:
            return self.__dict__.pop(name)
        return self.__dict__.pop(name, default)

    def setdefault(self, name: str, default: t.Any = None) -> t.Any:
        """Return an attribute, setting it to ``default`` when not set."""
        return self.__dict__.setdefault(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self.__dict__

    def __iter__(self) -> cabc.Iterator[str]:
        return iter(self.__dict__)

    @te.override
    def __repr__(self) -> str:
        return f"<transom.g {self.__dict__!r}>"

    if t.TYPE_CHECKING:
        # Any attribute may be set and read; typed_g() gives checked ones.
        def __getattr__(self, name: str) -> t.Any: ...
        @te.override
        def __setattr__(self, name: str, value: t.Any) -> None: ...


class _NewG:
    """``AppContext.g``, made on first read and stored in the context, where
    later reads find it: most requests never read ``g``, and making it for
    each one cost about 3% of a plain request."""

    @t.overload
    def __get__(self, ctx: None, owner: type[AppContext]) -> te.Self: ...
    @t.overload
    def __get__(self, ctx: AppContext, owner: type[AppContext]) -> G: ...
    def __get__(self, ctx: AppContext | None, owner: type[AppContext]) -> G | te.Self:
        if ctx is None:
            return self
        g = ctx.__dict__["g"] = ctx.app.g_class()
        return g


class AppContext:
    """Makes an app current: ``current_app`` and ``g`` work inside it."""

    request_ctx: RequestContext | None = None
    """The request current in this context: for the app context a request
    pushes, that request's context; for one pushed on its own, the one that
    was current when it was pushed (``None`` outside a request)."""

    if t.TYPE_CHECKING:
        g: G
        """The namespace behind :data:`transom.g`."""
    else:
        g = _NewG()  # no __set__: assigning g replaces it, as for any attribute

    # How many of the pushes not yet popped are re-entries of an ended
    # request (see push_preserved): they never run the teardown hooks.
    _kept: int = 0

    def __init__(self, app: App) -> None:
        self.app = app
        """The app."""
        # For each push not yet popped: its token, and request_ctx before it.
        self._pushes: list[
            tuple[contextvars.Token[AppContext], RequestContext | None]
        ] = []

    def push(self) -> None:
        """Make this context current, with the current request (if any)."""
        below = app_ctx_var.get(None)
        self._pushes.append((app_ctx_var.set(self), self.request_ctx))
        self.request_ctx = None if below is None else below.request_ctx

    def pop(self, exc: BaseException | None = None) -> None:
        """Run ``teardown_appcontext`` hooks and restore the previous context.

        Every hook runs, even after one raised; what they raised is raised
        then (several errors as an ``ExceptionGroup``).
        """
        errors: list[Exception] = []
        self.pop_collecting(exc, errors)
        if errors:
            _raise_teardown_errors(errors)

    def pop_collecting(
        self, exc: BaseException | None, errors: list[Exception]
    ) -> None:
        """:meth:`pop`, adding what the hooks raise to ``errors``."""
        try:
            hooks = self.app.teardown_appcontext_funcs
            if hooks and len(self._pushes) - self._kept == 1:
                _run_teardown(reversed(hooks), exc, errors)
        finally:
            token, self.request_ctx = self._pushes.pop()
            app_ctx_var.reset(token)

    def push_preserved(self) -> None:
        """Push this context again after it ended, for
        :class:`PreservedContext`: its pop (:meth:`pop_preserved`) never
        runs the teardown hooks, and pops that do run them do not count it."""
        self._kept += 1
        self.push()

    def pop_preserved(self) -> None:
        """Undo :meth:`push_preserved`."""
        self._kept -= 1
        token, self.request_ctx = self._pushes.pop()
        app_ctx_var.reset(token)

    def __enter__(self) -> AppContext:
        self.push()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.pop(exc)


class RequestContext:
    """Everything about one request: made by the app for each WSGI call,
    and by :meth:`App.test_request_context` in tests."""

    # What most requests never set is a class default, so that making a
    # context (once per request) assigns only what every request needs.
    route: Route | None = None
    """The matched route, once routing has run."""
    view_args: cabc.Mapping[str, t.Any] | None = None
    """The converted path values, once routing has run."""
    routing_exception: HTTPException | None = None
    """Why the URL matched no route (404, 405, a slash redirect), once
    routing has run; raised when the view would be called, so that
    ``before_request`` hooks run first, as for any other request."""
    session_opened: Session | None = None
    """The session if the request used it, else ``None``."""
    flashes: list[tuple[str, str]] | None = None
    """The flashed messages read in this request, once read."""
    _request: Request | None = None
    _match: tuple[Route, cabc.Mapping[str, t.Any]] | None = None
    _match_error: Exception | None = None
    _adapter: MapAdapter | None = None
    _args: MultiDict[str, str] | None = None
    _query: dict[str, list[str]] | None = None
    _kept: int = 0  # as AppContext._kept

    def __init__(self, app: App, environ: WSGIEnvironment) -> None:
        self.app = app
        """The app handling the request."""
        self.environ = environ
        """The WSGI environ."""
        self.app_ctx = AppContext(app)
        """The app context pushed with this request."""
        self.after_request_funcs: list[AfterRequestCallable] = []
        """Hooks added by :func:`transom.after_this_request`."""
        # For each push not yet popped, the request context its app context
        # had below it: the one current again for teardown_appcontext hooks.
        self._below: list[RequestContext | None] = []

    @property
    def request(self) -> Request:
        """The request, created on first use."""
        request = self._request
        if request is None:
            request = self._request = self.app.make_request(self.environ, self.route)
            request.route = self.route
            request.view_args = self.view_args
            if self._args is not None:
                # The same object as ctx.args gave (werkzeug caches "args"
                # in the instance dict).
                vars(request)["args"] = self._args
        return request

    @property
    def args(self) -> MultiDict[str, str]:
        """``request.args``; parsed without building the request when it
        does not exist yet and the app uses transom's own request class."""
        request = self._request
        if request is not None:
            return request.args
        args = self._args
        if args is None:
            if self.app.request_class is not Request:
                return self.request.args
            # Of the class werkzeug would use; a mutable one gets its own
            # lists, so that changing it does not change ctx.query.
            fields = self._query_fields()
            cls = Request.parameter_storage_class
            if cls not in _IMMUTABLE:
                fields = {name: values[:] for name, values in fields.items()}
            args = self._args = multidict(cls, fields)
        return args

    @property
    def query(self) -> cabc.Mapping[str, cabc.Sequence[str]]:
        """The query's values by name, in order: what ``request.args.lists()``
        gives, read without building the request or ``args`` when neither
        exists yet and the app uses transom's own request class."""
        return self._query_fields()

    def _query_fields(self) -> dict[str, list[str]]:
        query = self._query
        if query is None:
            if (
                self._request is None
                and self._args is None
                and self.app.request_class is Request
            ):
                query = query_fields(self.environ)
            else:
                query = dict(self.args.lists())
            self._query = query
        return query

    @property
    def url_adapter(self) -> MapAdapter:
        """The URL adapter bound to this request, created on first use."""
        adapter = self._adapter
        if adapter is None:
            # As Flask (3.1): SERVER_NAME restricts nothing unless routes
            # are matched by subdomain; it names the host of URLs built.
            app = self.app
            server_name: str | None = app.config["SERVER_NAME"]
            url_map = app.router.map
            subdomain: str | None
            if url_map.host_matching:
                # The request's own host is what rules' hosts match.
                server_name = subdomain = None
            elif app.subdomain_matching:
                subdomain = request_subdomain(
                    self.environ, server_name, url_map.default_subdomain
                )
            else:
                subdomain = url_map.default_subdomain or ""
            adapter = self._adapter = url_map.bind_to_environ(
                self.environ, server_name=server_name, subdomain=subdomain
            )
            host = self.environ.get("HTTP_HOST")
            if server_name is None and host is not None and host not in _BOUND_HOSTS:
                if len(_BOUND_HOSTS) >= _MAX_BOUND_HOSTS:
                    _BOUND_HOSTS.clear()
                _BOUND_HOSTS.add(host)
        return adapter

    @property
    def build_adapter(self) -> MapAdapter:
        """An adapter that builds URLs as :attr:`url_adapter` does: that one
        when it exists, else one bound for an earlier request that agrees
        on everything building reads (host, scheme, script root, method
        and ``SERVER_NAME``). Binding an adapter to each request cost more
        than building a URL; for matching, use :attr:`url_adapter`."""
        adapter = self._adapter
        if adapter is not None:
            return adapter
        environ = self.environ
        key = (
            self.app.config["SERVER_NAME"],
            *[environ.get(name) for name in _BINDING_KEYS],
        )
        kept = self.app.router.build_adapters
        adapter = kept.get(key)
        if adapter is None:
            adapter = self.url_adapter  # may refuse the host (a 400)
            if len(kept) >= _MAX_BOUND_HOSTS:  # clients choose the host
                kept.clear()
            kept[key] = adapter
        return adapter

    @property
    def session(self) -> Session:
        """The session, opened on first use."""
        session = self.session_opened
        if session is None:
            interface = self.app.session_interface
            session = interface.open_session(self.app, self.request)
            if session is None:
                session = interface.make_null_session(self.app)
            self.session_opened = session
        return session

    def open_session_to_refresh(self) -> Session | None:
        """The session to save once the view is done: the one the request
        used, or else, with ``SESSION_REFRESH_EACH_REQUEST`` on and the
        session cookie in the request, the cookie's session opened now
        (not marked accessed), so that a permanent one has its expiry moved
        forward even when the view never touched it, as in Flask. ``None``
        when there is nothing to save.

        A request without the session cookie, the most common by far,
        opens nothing: a session it never used cannot need saving.
        """
        session = self.session_opened
        if session is not None:
            return session
        environ_cookies: str | None = self.environ.get("HTTP_COOKIE")
        if not environ_cookies:
            return None
        interface = self.app.session_interface
        if (
            not self.app.config["SESSION_REFRESH_EACH_REQUEST"]
            or interface.get_cookie_name(self.app) not in environ_cookies
        ):
            return None
        session = interface.open_session(self.app, self.request)
        if session is None:
            session = interface.make_null_session(self.app)
        self.session_opened = session
        return session

    def match_request(self) -> tuple[Route, cabc.Mapping[str, t.Any]]:
        """Match the URL against the app's routes (once; later calls give
        the same answer).

        :returns: the route and the converted path values, also stored in
            :attr:`route` and :attr:`view_args`.
        :raises HTTPException: no route matches (404, 405, a slash redirect),
            also stored in :attr:`routing_exception`.
        """
        if self._match is None:
            self.try_match()
            if self.routing_exception is not None:
                raise self.routing_exception
            if self._match_error is not None:
                raise self._match_error
        return t.cast("tuple[Route, cabc.Mapping[str, t.Any]]", self._match)

    def try_match(self) -> None:
        """Match the URL once, without raising: the answer goes to
        :attr:`route` and :attr:`view_args`, an HTTP error (404, 405, a slash
        redirect) to :attr:`routing_exception`, any other error to be raised
        by :meth:`match_request`."""
        if (
            self._match is not None
            or self.routing_exception is not None
            or self._match_error is not None
        ):
            return
        environ = self.environ
        router = self.app.router
        try:
            match: tuple[Route, cabc.Mapping[str, t.Any]] | HTTPException | None
            match = None
            host: str | None = environ.get("HTTP_HOST")
            method: str | None = environ.get("REQUEST_METHOD")
            if (
                host in _BOUND_HOSTS
                and method is not None
                and self.app.config["SERVER_NAME"] is None
                and not self.app.subdomain_matching
                and "HTTP_UPGRADE" not in environ  # maybe a websocket
            ):
                # On a host werkzeug accepted before, the router matches the
                # path without the adapter (whose making cost more than the
                # match); it answers None when only an adapter can.
                path: str | None = environ.get("PATH_INFO")
                if path is None:
                    path = "/"
                elif not path.isascii():  # as werkzeug decodes WSGI strings
                    path = path.encode("latin1").decode(errors="replace")
                match = router.match_path(path, method.upper())
                if isinstance(match, HTTPException):  # never raised
                    self.routing_exception = match
                    return
            if match is None:
                match = router.match(self.url_adapter)
        except HTTPException as e:
            # Without its traceback, whose frames hold this context: kept,
            # the two would be a cycle that only the garbage collector frees.
            self.routing_exception = e.with_traceback(None)
            return
        except Exception as e:
            self._match_error = e
            return
        self._match = match
        self.route, self.view_args = match
        request = self._request
        if request is not None:
            request.route, request.view_args = match
            request.max_content_length = self.app.body_limit_for(self.route)

    def set_view_args(self, values: cabc.Mapping[str, t.Any]) -> None:
        """Replace the path values the view receives (as URL value
        preprocessors change them)."""
        self.view_args = values
        request = self._request
        if request is not None:
            request.view_args = values

    def push(self) -> None:
        """Make this request (and its app context) current, and match its
        URL so that ``request.endpoint`` is known to every hook."""
        app_ctx = self.app_ctx
        app_ctx.push()
        self._below.append(app_ctx.request_ctx)
        app_ctx.request_ctx = self
        # Any error is kept and raised where the view would run: push itself
        # must not fail, or the context could never be popped.
        self.try_match()

    def pop(self, exc: BaseException | None = None) -> None:
        """Run ``teardown_request`` hooks, pop the app context and restore
        the previous context.

        Every teardown hook runs, the app context's too, even after one
        raised; what they raised is raised then (several errors as an
        ``ExceptionGroup``).
        """
        app_ctx = self.app_ctx
        errors: list[Exception] = []
        try:
            try:
                hooks = self.app.teardown_request_funcs
                route = self.route
                if len(self._below) - self._kept == 1:
                    if route is not None and route.scope is not None:
                        _run_teardown(route.scope.teardown_request, exc, errors)
                    if hooks:
                        _run_teardown(reversed(hooks), exc, errors)
            finally:
                app_ctx.request_ctx = self._below.pop()
        finally:
            app_ctx.pop_collecting(exc, errors)
            request = self._request
            if not self._below and request is not None:
                # The last pop: nothing reads the request now. werkzeug put
                # it in the environ, which it holds: undo that cycle, so
                # that both are freed now rather than by the collector.
                request.close()
                if self.environ.get("werkzeug.request") is request:
                    self.environ["werkzeug.request"] = None
        if errors:
            _raise_teardown_errors(errors)

    def push_preserved(self) -> None:
        """Push this context again after the app popped it, for
        :class:`PreservedContext`: its pop (:meth:`pop_preserved`) never
        runs the teardown hooks, and pops that do run them do not count it.
        They ran when the app popped the context, or run when whatever else
        still holds it (a streamed body) pops it."""
        self._kept += 1
        app_ctx = self.app_ctx
        app_ctx.push_preserved()
        self._below.append(app_ctx.request_ctx)
        app_ctx.request_ctx = self

    def pop_preserved(self) -> None:
        """Undo :meth:`push_preserved`."""
        app_ctx = self.app_ctx
        self._kept -= 1
        try:
            app_ctx.request_ctx = self._below.pop()
        finally:
            app_ctx.pop_preserved()
        request = self._request
        if not self._below and request is not None:  # as pop() does
            request.close()
            if self.environ.get("werkzeug.request") is request:
                self.environ["werkzeug.request"] = None

    def __enter__(self) -> RequestContext:
        self.push()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.pop(exc)


class PreservedContext:
    """A request context that the app has popped, made current again by
    ``with``: ``request``, ``session`` and ``g`` then read what the request
    left. The app hands one to the callable in the environ's
    ``werkzeug.debug.preserve_context`` (set by the test client inside
    ``with client:``, and by werkzeug's debugger for its console) as the
    request ends.

    The request's teardown hooks run when the app pops it, as for any
    request, and never again when the block ends. It may be entered any
    number of times, and each request keeps its own ``g``.
    """

    __slots__ = ("ctx",)

    def __init__(self, ctx: RequestContext) -> None:
        self.ctx = ctx
        """The request's context."""

    def __enter__(self) -> RequestContext:
        self.ctx.push_preserved()
        return self.ctx

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.ctx.pop_preserved()

    @te.override
    def __repr__(self) -> str:
        return f"<PreservedContext {self.ctx.environ.get('PATH_INFO', '/')!r}>"
