"""The application: registration, the WSGI entry and the dispatch pipeline.

::

    app = App(__name__)

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:
            return f"Post {post_id}"

A request flows ``__call__`` → :meth:`App.wsgi_app` → before-request hooks →
the matched handler → :meth:`App.make_response` → after-request hooks →
the session is saved → teardown hooks. Every step receives the
:class:`~transom.ctx.RequestContext` explicitly.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime
import functools
import logging
import os
import sys
import types
import typing as t

import typing_extensions as te
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import RequestRedirect
from werkzeug.wsgi import get_content_length

from ._ctxvars import current_request_ctx
from ._direct import direct_answer
from ._typing import CommandFunction
from ._typing import TeardownHook
from .config import Config
from .config import check_secret_keys
from .config import read_bool
from .ctx import AppContext
from .ctx import G
from .ctx import PreservedContext
from .ctx import RequestContext
from .exceptions import HeaderValueError
from .exceptions import RouteError
from .exceptions import TransomError
from .hosts import check_domain
from .hosts import check_static_host
from .json import JSONProvider
from .logging import create_logger
from .params import ConverterRegistry
from .resources import Resources
from .resources import instance_path as find_instance_path
from .responses import error_response
from .responses import to_response
from .routing import Route
from .routing import Router
from .scope import ErrorHandler
from .scope import Scope
from .scope import ScopeChain
from .scope import find_error_handler
from .scope import find_root_path
from .scope import registering_locals
from .scope import setup_method
from .security import is_header_newline_error
from .sessions import SecureCookieSessionInterface
from .sessions import SessionInterface
from .sessions import direct_session_headers
from .static import add_static_route
from .templating import TemplateRegistry
from .views import is_view_class
from .wrappers import Request
from .wrappers import Response
from .wrappers import plain_length

if t.TYPE_CHECKING:
    import jinja2
    from werkzeug.routing import Map

    from ._typing import RoutedView
    from .blueprints import Blueprint
    from .cli.commands import CommandRegistry
    from .cli.testing import CliRunner
    from .converters import Converter
    from .testing import TestClient
    from .typing import BeforeRequestCallable
    from .typing import ResponseValue
    from .typing import StartResponse
    from .typing import TeardownCallable
    from .typing import WSGIApplication
    from .typing import WSGIEnvironment

_T = t.TypeVar("_T")

_PRESERVE_CONTEXT: t.Final = "werkzeug.debug.preserve_context"
_UNROUTED: t.Final = (NotFound, MethodNotAllowed)
"""Routing errors answered without being raised again."""


class App(Scope, Resources, TemplateRegistry):
    """A transom application.

    :param import_name: the application's module, usually ``__name__``; it
        locates ``templates/`` and ``static/`` and names the logger.
    :param static_folder: the folder of static files, relative to the app's
        root path (``""``: the root path itself), or ``None`` for no static
        route.
    :param static_url_path: where static files are served; defaults to
        ``/`` plus the folder's name (``""``: at the site's root).
    :param template_folder: the folder of Jinja templates.
    :param root_path: the folder the other paths are relative to; found
        from ``import_name`` when not given.
    :param instance_path: the instance folder, an absolute path; found from
        ``import_name`` when not given (see :mod:`transom.resources`).
    :param instance_relative_config: load relative configuration files
        (:meth:`Config.from_pyfile <transom.config.Config.from_pyfile>`...)
        from the instance folder instead of the root path.
    :param subdomain_matching: match routes' ``subdomain=`` against the part
        of the request's host before ``SERVER_NAME``.
    :param host_matching: match routes' ``host=`` against the request's
        whole host; every route then names its host.
    :param static_host: with ``host_matching``, the host static files are
        served on.
    """

    request_class: type[Request] = Request
    """The class of request objects."""
    response_class: type[Response] = Response
    """The class of response objects."""
    g_class: type[G] = G
    """The class of :data:`transom.g`."""
    session_interface: SessionInterface = SecureCookieSessionInterface()
    """How sessions are loaded and saved."""

    def __init__(
        self,
        import_name: str,
        *,
        static_folder: str | os.PathLike[str] | None = "static",
        static_url_path: str | None = None,
        template_folder: str | os.PathLike[str] | None = "templates",
        root_path: str | os.PathLike[str] | None = None,
        instance_path: str | os.PathLike[str] | None = None,
        instance_relative_config: bool = False,
        subdomain_matching: bool = False,
        host_matching: bool = False,
        static_host: str | None = None,
    ) -> None:
        super().__init__()
        self.import_name = import_name
        """The name given to the constructor."""
        self.root_path = (
            os.fspath(root_path) if root_path else find_root_path(import_name)
        )
        """The folder of the application's module or package: resources,
        templates and static files are found relative to it."""
        self.instance_path = find_instance_path(import_name, self.name, instance_path)
        """The instance folder: files of one deployment, outside the code
        (see :mod:`transom.resources`)."""
        self.config = Config(
            root_path=self.instance_path if instance_relative_config else self.root_path
        )
        """The settings (see :data:`transom.config.DEFAULTS`)."""
        self.json = JSONProvider()
        """Writes and reads JSON for this app."""
        self.converters = ConverterRegistry()
        """The converter for each parameter type."""
        self.router = Router(self.converters, host_matching=host_matching)
        """The routes."""
        self.subdomain_matching = subdomain_matching
        """Whether routes' ``subdomain=`` is matched against the part of the
        request's host before ``SERVER_NAME``. Set it before registering
        such a route."""
        self.static_host = static_host
        """The host of the static route, with ``host_matching``."""
        self.extensions: dict[str, t.Any] = {}
        """Where extensions keep their state, by extension name."""
        self.body_limits: dict[Route, int | None] = {}
        """Routes whose ``max_content_length`` differs from the app's
        ``MAX_CONTENT_LENGTH``: their own limit, ``None`` for none."""
        self.teardown_appcontext_funcs: list[TeardownCallable] = []
        self.template_filters = {}
        self.template_tests = {}
        self.template_globals = {}
        self.blueprints: dict[str, Blueprint] = {}
        """The registered blueprints by their full name (a blueprint
        registered twice is there under both names)."""
        self.blueprint_template_folders: list[str] = []
        """The blueprints' template folders, searched after the app's, in
        the order the blueprints were registered."""
        self._prefix_chains: list[tuple[str, ScopeChain]] = []
        """Blueprints with error handlers, by URL prefix, longest first:
        whose handlers answer a 404 or 405 under the prefix."""
        self.template_folder = template_folder
        self.static_folder = (
            None
            if static_folder is None
            else os.path.join(self.root_path, os.fspath(static_folder))
        )
        """The absolute folder of static files, or ``None``."""
        self.static_url_path = static_url_path
        self.got_first_request = False
        """Whether the app has served a request; registration is closed then."""
        self._middleware: WSGIApplication | None = None
        if static_folder == "" and static_url_path is None:
            # As Flask: the root path is served at the site's root.
            static_url_path = ""
        check_static_host(
            import_name,
            self.static_folder,
            static_host,
            host_matching=host_matching,
        )
        if self.static_folder is not None and os.path.isdir(self.static_folder):
            add_static_route(self, self.static_folder, static_url_path)

    @te.override
    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.import_name!r}>"

    # -- settings -----------------------------------------------------------

    @property
    def host_matching(self) -> bool:
        """Whether routes are matched by host (``App(host_matching=True)``)."""
        return self.router.map.host_matching

    @property
    def name(self) -> str:
        """The app's name: its module name, or the script's name for ``__main__``."""
        if self.import_name == "__main__":
            main: str | None = getattr(sys.modules["__main__"], "__file__", None)
            if main:
                return os.path.splitext(os.path.basename(main))[0]
        return self.import_name

    @property
    def debug(self) -> bool:
        """Debug mode (``DEBUG``): exceptions propagate to the debugger. A
        string is read as ``transom run`` reads ``TRANSOM_DEBUG``: ``"False"``
        is off."""
        value = self.config["DEBUG"]
        return read_bool(value, "DEBUG") if isinstance(value, str) else bool(value)

    @debug.setter
    def debug(self, value: bool) -> None:
        self.config["DEBUG"] = value

    @property
    def testing(self) -> bool:
        """Testing mode (``TESTING``): exceptions propagate to the test."""
        return bool(self.config["TESTING"])

    @testing.setter
    def testing(self, value: bool) -> None:
        self.config["TESTING"] = value

    @property
    def secret_key(self) -> str | bytes | None:
        """The key that signs sessions (``SECRET_KEY``)."""
        key: str | bytes | None = self.config["SECRET_KEY"]
        return key

    @secret_key.setter
    def secret_key(self, value: str | bytes | None) -> None:
        check_secret_keys(value, self.config.get("SECRET_KEY_FALLBACKS", []))
        self.config["SECRET_KEY"] = value

    @property
    def permanent_session_lifetime(self) -> datetime.timedelta:
        """How long a permanent session lasts (``PERMANENT_SESSION_LIFETIME``)."""
        value = self.config["PERMANENT_SESSION_LIFETIME"]
        if isinstance(value, int | float):
            return datetime.timedelta(seconds=value)
        lifetime: datetime.timedelta = value
        return lifetime

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        """How long clients may cache a file that :func:`~transom.send_file`
        or :func:`~transom.send_from_directory` sends without a ``max_age``
        of its own, in seconds (``SEND_FILE_MAX_AGE_DEFAULT``; ``None``
        lets them revalidate with the ETag). Override it to choose by file,
        as in Flask.

        :param filename: the path of the file sent, or ``None`` for a file
            object without a name.
        """
        value = self.config["SEND_FILE_MAX_AGE_DEFAULT"]
        if isinstance(value, datetime.timedelta):
            return int(value.total_seconds())
        age: int | None = value
        return age

    @functools.cached_property
    def logger(self) -> logging.Logger:
        """The ``logging.Logger`` named after the app."""
        return create_logger(self)

    @functools.cached_property
    def jinja_env(self) -> jinja2.Environment:
        """The Jinja environment, created on first use."""
        from .templating import create_environment

        return create_environment(self)

    # -- registration -------------------------------------------------------

    @te.override
    def check_setup(self, method: str) -> None:
        if self.got_first_request:
            raise TransomError(
                f"App.{method}() was called after the app handled its first"
                " request; changes then would apply to some requests only. Register"
                " routes, hooks and handlers before the app starts serving (at import"
                " time, or in create_app())."
            )

    @te.override
    @setup_method
    def add_route(
        self,
        rule: str,
        view: RoutedView | cabc.Callable[..., ResponseValue],
        *,
        methods: cabc.Iterable[str] | None = None,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> Route:
        """Route ``rule`` to ``view``, as :meth:`route` does without decorating."""
        return self.add_scoped_route(
            rule,
            view,
            methods=methods,
            endpoint=endpoint,
            max_content_length=max_content_length,
            docs=docs,
            localns=registering_locals(),
            subdomain=subdomain,
            host=host,
        )

    @setup_method
    def add_scoped_route(
        self,
        rule: str,
        view: RoutedView | cabc.Callable[..., ResponseValue],
        *,
        methods: cabc.Iterable[str] | None = None,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
        localns: cabc.Mapping[str, t.Any] | None = None,
        chain: ScopeChain | None = None,
        defaults: cabc.Mapping[str, t.Any] | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> Route:
        """Route ``rule`` to ``view`` for a scope: :meth:`add_route` with the
        names visible where the route was declared, and the blueprints the
        route belongs to (see :mod:`transom.blueprints`).

        :param defaults: values the view receives besides the path's.
        """
        check_domain(
            rule,
            subdomain,
            host,
            subdomain_matching=self.subdomain_matching,
            host_matching=self.host_matching,
        )
        if docs is None:
            docs = getattr(view, "docs", True) if is_view_class(view) else True
        if not isinstance(docs, bool):
            raise RouteError(
                f"route {rule!r}",
                f"docs={docs!r} is not a boolean",
                "pass docs=False to keep the route out of the documentation, or"
                " leave it out",
            )
        if max_content_length == "app":
            max_content_length = getattr(view, "max_content_length", "app")
        if max_content_length != "app" and not (
            max_content_length is None
            or (type(max_content_length) is int and max_content_length >= 0)
        ):
            raise RouteError(
                f"route {rule!r}",
                f"max_content_length={max_content_length!r} is not a size",
                "give a number of bytes (an int >= 0), None for no limit, or"
                " 'app' for the app's MAX_CONTENT_LENGTH",
            )
        route = self.router.add(
            rule,
            view,
            endpoint=endpoint,
            methods=methods,
            localns=localns,
            docs=docs,
            chain=chain,
            defaults=defaults,
            subdomain=subdomain,
            host=host,
        )
        if max_content_length != "app":
            self.body_limits[route] = max_content_length
        return route

    @setup_method
    def register_blueprint(
        self,
        blueprint: Blueprint,
        *,
        name: str | None = None,
        url_prefix: str | None = None,
        subdomain: str | None = None,
        url_defaults: cabc.Mapping[str, t.Any] | None = None,
        cli_group: str | None | types.EllipsisType = ...,
    ) -> None:
        """Add ``blueprint``'s routes, hooks, templates, static files and
        commands to the app; each option given overrides the blueprint's
        own. A blueprint may be registered twice under different names
        (``name=``), its endpoints then ``"<name>.<view>"`` for each.

        :raises RouteError: the name is taken (pass ``name=``), or a route
            the app refuses, as :meth:`route` would.
        """
        blueprint.register(
            self,
            name=name,
            url_prefix=url_prefix,
            subdomain=subdomain,
            url_defaults=url_defaults,
            cli_group=cli_group,
        )

    def add_template_folder(self, folder: str) -> None:
        """Search ``folder`` for templates after the app's own and those
        added before (a blueprint's ``template_folder``)."""
        if folder in self.blueprint_template_folders:
            return
        self.blueprint_template_folders.append(folder)
        if "jinja_env" in vars(self):  # created already: give it the folder
            from .templating import create_loader

            self.jinja_env.loader = create_loader(self)

    def add_prefix_chain(self, prefix: str, chain: ScopeChain) -> None:
        """Let the error handlers of ``chain`` answer the 404s and 405s of
        paths under ``prefix`` (a blueprint's URL prefix); a prefix with
        variables owns no path."""
        if "<" in prefix:
            return
        self._prefix_chains.append((prefix.rstrip("/"), chain))
        self._prefix_chains.sort(key=lambda item: -len(item[0]))

    @property
    def url_map(self) -> Map:
        """werkzeug's ``Map`` of the app's rules; add routes with
        :meth:`route`, not to it."""
        return self.router.map

    @property
    def view_functions(self) -> cabc.Mapping[str, object]:
        """The view (a View subclass or function) of each endpoint, read-only."""
        return _ViewFunctions(
            {route.endpoint: route.view for route in self.router.routes}
        )

    @setup_method
    def register_converter(
        self,
        type_: type[_T],
        converter: type[Converter[_T]],
        *,
        name: str | None = None,
    ) -> None:
        """Convert parameters annotated ``type_`` with ``converter``; with
        ``name``, rules may also name it explicitly (``<name:variable>``)."""
        self.converters.register(type_, converter, name)
        self.router.sync_converters()

    @setup_method
    def teardown_appcontext(self, f: TeardownHook) -> TeardownHook:
        """Run ``f(error)`` when each app context ends."""
        self.teardown_appcontext_funcs.append(f)
        return f

    # -- command line -------------------------------------------------------

    @functools.cached_property
    def commands(self) -> CommandRegistry:
        """The app's own ``transom`` subcommands, by name; extensions add
        theirs here (see :mod:`transom.cli.commands`)."""
        from .cli.commands import CommandRegistry

        return CommandRegistry()

    def command(
        self, name: str | None = None, *, help: str | None = None
    ) -> cabc.Callable[[CommandFunction], CommandFunction]:
        """Make the decorated function a ``transom`` subcommand: its annotated
        parameters become the command's arguments and options, and it runs in
        an app context. ``@app.command()`` on ``def seed(count: int = 10)``
        gives ``transom seed --count 5``; see :mod:`transom.cli.commands`."""
        return self.commands.command(name, help=help)

    # -- contexts -----------------------------------------------------------

    def app_context(self) -> AppContext:
        """An app context: ``with app.app_context(): ...``."""
        return AppContext(self)

    def request_context(self, environ: WSGIEnvironment) -> RequestContext:
        """A request context for a WSGI environ."""
        return RequestContext(self, environ)

    def test_request_context(self, *args: t.Any, **kwargs: t.Any) -> RequestContext:
        """A request context for a request built from werkzeug's
        ``EnvironBuilder`` arguments: ``app.test_request_context("/?q=1")``.
        As for the test client, the host, scheme and script root default to
        ``SERVER_NAME``, ``PREFERRED_URL_SCHEME`` and ``APPLICATION_ROOT``."""
        from .testing import EnvironBuilder

        builder = EnvironBuilder(self, *args, **kwargs)
        try:
            return self.request_context(builder.get_environ())
        finally:
            builder.close()

    def test_client(self, use_cookies: bool = True) -> TestClient:
        """A client that sends requests to the app without a server."""
        from .testing import TestClient

        return TestClient(self, use_cookies=use_cookies)

    def test_cli_runner(self) -> CliRunner:
        """A runner for the app's ``transom`` commands, in-process and
        against this app: ``app.test_cli_runner().invoke(["seed"])``
        (see :mod:`transom.cli.testing`)."""
        from .cli.testing import CliRunner

        return CliRunner(self)

    def make_request(
        self, environ: WSGIEnvironment, route: Route | None = None
    ) -> Request:
        """Create the request object for ``environ`` with the app's limits,
        and ``route``'s own body limit when it has one."""
        request = self.request_class(environ)
        config = self.config
        request.max_content_length = self.body_limit_for(route)
        request.max_form_memory_size = config["MAX_FORM_MEMORY_SIZE"]
        request.max_form_parts = config["MAX_FORM_PARTS"]
        request.trusted_hosts = config["TRUSTED_HOSTS"]
        request.json_module = self.json
        return request

    # -- dispatch -----------------------------------------------------------

    @property
    def wsgi_app(self) -> WSGIApplication:
        """The WSGI application; wrap it to add middleware:
        ``app.wsgi_app = ProxyFix(app.wsgi_app)``."""
        # Bound on each read rather than stored: a bound method kept on the
        # app is a reference cycle, and the app would outlive its last
        # reference until the garbage collector ran (as Flask's test of
        # pallets/flask#3761 checks).
        middleware = self._middleware
        return self._wsgi_app if middleware is None else middleware

    @wsgi_app.setter
    def wsgi_app(self, value: WSGIApplication) -> None:
        self._middleware = value

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        middleware = self._middleware
        if middleware is None:
            return self._wsgi_app(environ, start_response)
        return middleware(environ, start_response)

    def _wsgi_app(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        self.got_first_request = True
        ctx = RequestContext(self, environ)
        error: BaseException | None = None
        ctx.push()
        try:
            try:
                rv, source = self._view_value(ctx)
                route = ctx.route
                if (
                    not self.after_request_funcs
                    and not ctx.after_request_funcs
                    and self.response_class is Response
                    and (
                        route is None
                        or route.scope is None
                        or not route.scope.after_request
                    )
                ):
                    # Nothing can see a Response object: write the common
                    # answers straight to WSGI (see transom._direct), with
                    # the session's headers when it was used or is refreshed.
                    answer = direct_answer(rv, self.json, environ)
                    if answer is not None and (
                        ctx.session_opened is not None
                        or (
                            "HTTP_COOKIE" in environ
                            and ctx.open_session_to_refresh() is not None
                        )
                    ):
                        saved = direct_session_headers(self, ctx)
                        if saved is None:  # the interface needs a Response
                            answer = None
                        else:
                            answer[1].extend(saved)
                    if answer is not None:
                        start_response(answer[0], answer[1])
                        return answer[2]
                response = self._finish(ctx, rv, source)
            except Exception as e:
                if is_header_newline_error(e):
                    # werkzeug refused CR or LF in a value set by a hook,
                    # or in the headers of a WSGI app a view returned.
                    refused = HeaderValueError("response")
                    return self._refuse_headers(ctx, refused)(environ, start_response)
                error = e
                response = self.handle_exception(ctx, e)
            except BaseException as e:
                error = e
                raise
            try:
                return response(environ, start_response)
            except HeaderValueError as e:  # checked as it was about to go out
                return self._refuse_headers(ctx, e)(environ, start_response)
        finally:
            if _PRESERVE_CONTEXT in environ:
                # The test client (in "with client:") and werkzeug's debugger
                # read the request after it ended: it is popped all the
                # same (teardown runs), and they enter it again.
                environ[_PRESERVE_CONTEXT](PreservedContext(ctx))
            ctx.pop(error)

    def _refuse_headers(
        self, ctx: RequestContext, e: HeaderValueError
    ) -> WSGIApplication:
        """The answer in place of a response whose headers must not be sent.

        The hooks and error handlers have run, and it is too late to run
        them again: this is a plain ``400``. The log names the header, the
        bug to fix being in the code that set it.
        """
        self.logger.error(
            "Response to %s [%s] not sent: %s",
            ctx.environ.get("PATH_INFO", "/"),
            ctx.environ.get("REQUEST_METHOD", "GET"),
            e.description,
        )
        return e.get_response(ctx.environ)

    def full_dispatch_request(self, ctx: RequestContext) -> Response:
        """Run the hooks and the view, handle HTTP and user errors, and
        finalize the response."""
        rv, source = self._view_value(ctx)
        return self._finish(ctx, rv, source)

    def _view_value(self, ctx: RequestContext) -> tuple[object, str]:
        """Run the before-request hooks and the view: what they return, or
        what the error handler of their exception returns, and its source.

        An HTTP error that no handler takes (a 404 or 405 from routing, an
        ``abort()`` in a hook or view) is returned as the exception itself,
        so that its page can be written without a Response.
        """
        source = "before_request hook"
        rv: object = None
        unrouted: NotFound | MethodNotAllowed | None = None
        try:
            if self.config["TRUSTED_HOSTS"]:
                # Reading the host checks it against the list (400 when it
                # is not there) before any hook or URL builder uses it.
                _ = ctx.request.host
            declared = ctx.environ.get("CONTENT_LENGTH")
            if declared and declared != "0":
                self._check_body_limit(ctx)
            hooks: cabc.Sequence[BeforeRequestCallable] = self.before_request_funcs
            route = ctx.route
            chain = route.scope if route is not None else None
            if chain is not None:
                if chain.url_value_preprocessors or self.url_value_preprocessors:
                    self._preprocess_url_values(ctx, chain)
                if chain.before_request:
                    hooks = [*hooks, *chain.before_request]
            elif self.url_value_preprocessors and route is not None:
                self._preprocess_url_values(ctx, None)
            for hook in hooks:
                rv = hook()
                if rv is not None:
                    source = getattr(hook, "__qualname__", source)
                    break
            else:
                error = ctx.routing_exception
                if isinstance(error, _UNROUTED):
                    unrouted = error  # answered below, not raised again
                else:
                    rv, source = self.dispatch_request(ctx)
        except HTTPException as e:
            if (
                isinstance(e, RequestRedirect)
                or self._find_error_handler(e, ctx) is not None
            ):
                rv, source = self.handle_user_exception(ctx, e)
            else:
                # Answered without a Response, as a routing error is; kept
                # without its traceback (and what it was raised while
                # handling), whose frames hold this one: the two would be a
                # cycle that only the garbage collector frees.
                e.__context__ = None
                return e.with_traceback(None), "werkzeug"
        except Exception as e:
            rv, source = self.handle_user_exception(ctx, e)
        if unrouted is not None:
            if self._find_error_handler(unrouted, ctx) is None:
                return unrouted, "werkzeug"
            rv, source = self.handle_user_exception(ctx, unrouted)
        return rv, source

    def _finish(self, ctx: RequestContext, rv: object, source: str) -> Response:
        """Make the response of :meth:`_view_value`'s result and finalize it."""
        if source == "werkzeug" and isinstance(rv, HTTPException):
            rv = error_response(rv, ctx.environ, self.response_class)
        try:
            response = self.make_response(rv, source, ctx.environ)
        except HTTPException as e:  # a header with CR/LF in the view's value
            rv, source = self.handle_user_exception(ctx, e)
            response = self.make_response(rv, source, ctx.environ)
        return self.finalize_request(ctx, response)

    def body_limit_for(self, route: Route | None) -> int | None:
        """The largest body ``route`` accepts: its own limit, or the app's."""
        limits = self.body_limits
        if limits and route in limits:
            return limits[route]
        limit: int | None = self.config["MAX_CONTENT_LENGTH"]
        return limit

    def _check_body_limit(self, ctx: RequestContext) -> None:
        """Refuse a declared ``Content-Length`` over the route's limit (413)
        before any hook runs, even when nothing would read the body:
        werkzeug only checks when the body is read. The request object is
        not built for this."""
        limit = self.body_limit_for(ctx.route)
        if limit is None:
            return
        length = plain_length(ctx.environ)
        if length is None:
            length = get_content_length(ctx.environ)
        if length is not None and length > limit:
            raise RequestEntityTooLarge()

    def dispatch_request(self, ctx: RequestContext) -> tuple[object, str]:
        """Call the matched route's handler with converted values.

        :returns: the handler's return value and its name.
        :raises HTTPException: the URL matched no route (404, 405, 308).
        """
        route, values = ctx.route, ctx.view_args
        if route is None or values is None:
            route, values = ctx.match_request()
        # werkzeug matched the method upper-cased; dispatch the same way, so
        # that a client's "get" is GET and not a method nobody defines.
        method = ctx.environ.get("REQUEST_METHOD", "GET").upper()
        handler = route.handlers.get(method)
        if handler is None:
            if method == "HEAD":
                handler = route.handlers["GET"]
            else:  # OPTIONS, the only other method werkzeug lets through
                response = self.response_class(status=200)
                allowed = self.router.allowed_methods(ctx.url_adapter)
                response.headers["Allow"] = ", ".join(allowed)
                return response, "automatic OPTIONS"
        query_params = handler.query_params
        reader = handler.reader
        if query_params or reader is not None:
            converted = dict(values)
            if query_params:
                query = ctx.query
                for param in query_params:
                    converted[param.name] = param.from_query(query)
            if reader is not None:  # a body, form, header, cookie or file
                reader.read(ctx.request, converted)
            values = converted
        view_class = handler.view_class
        if view_class is not None:
            return handler.function(view_class(), **values), handler.signature.qualname
        return handler.call(**values), handler.signature.qualname

    def make_response(
        self,
        rv: object,
        source: str = "the view",
        environ: WSGIEnvironment | None = None,
    ) -> Response:
        """Convert a view's return value into a :class:`Response`."""
        if environ is None:
            ctx = current_request_ctx()
            environ = ctx.environ if ctx is not None else {}
        return to_response(
            rv,
            source=source,
            json=self.json,
            environ=environ,
            response_class=self.response_class,
        )

    def finalize_request(self, ctx: RequestContext, response: Response) -> Response:
        """Run after-request hooks and save the session."""
        for hook in ctx.after_request_funcs:
            response = hook(response)
        route = ctx.route
        if route is not None and route.scope is not None:
            for hook in route.scope.after_request:
                response = hook(response)
        for hook in reversed(self.after_request_funcs):
            response = hook(response)
        session = ctx.open_session_to_refresh()
        if session is not None and not self.session_interface.is_null_session(session):
            self.session_interface.save_session(self, session, response, ctx.request)
        return response

    def _find_error_handler(
        self, e: BaseException, ctx: RequestContext | None = None
    ) -> ErrorHandler | None:
        """The handler of ``e``: the request's blueprints' (innermost
        first), then the app's; by status code first, then by class (see
        :func:`transom.scope.find_error_handler`). A request that matched
        no route belongs to the blueprint whose URL prefix owns its path."""
        chain = None
        if ctx is not None:
            route = ctx.route
            if route is not None:
                chain = route.scope
            elif self._prefix_chains:
                chain = self._chain_for_path(ctx.environ.get("PATH_INFO") or "/")
        if chain is None or not chain.error_handlers:
            if not self.error_handlers:
                return None
            return find_error_handler((self.error_handlers,), e)
        return find_error_handler((*chain.error_handlers, self.error_handlers), e)

    def _chain_for_path(self, path: str) -> ScopeChain | None:
        for prefix, chain in self._prefix_chains:
            if path.startswith(prefix) and (
                len(path) == len(prefix) or path[len(prefix)] == "/"
            ):
                return chain
        return None

    def _preprocess_url_values(
        self, ctx: RequestContext, chain: ScopeChain | None
    ) -> None:
        """Run the URL value preprocessors, the app's and then the
        blueprints' from the outermost; the view receives the values they
        leave."""
        values = dict(ctx.view_args or {})
        endpoint = ctx.route.endpoint if ctx.route is not None else None
        for f in self.url_value_preprocessors:
            f(endpoint, values)
        if chain is not None:
            for f in chain.url_value_preprocessors:
                f(endpoint, values)
        ctx.set_view_args(values)

    def handle_user_exception(
        self, ctx: RequestContext, e: Exception
    ) -> tuple[object, str]:
        """Turn an exception from a hook or view into a response value, or
        re-raise it when no handler applies and it is not an HTTP error."""
        if isinstance(e, RequestRedirect):
            return e.get_response(ctx.environ), "routing"
        if is_header_newline_error(e):
            e = HeaderValueError("response")
        handler = self._find_error_handler(e, ctx)
        if handler is not None:
            return handler(e), getattr(handler, "__qualname__", "error handler")
        if isinstance(e, HTTPException):
            return error_response(e, ctx.environ, self.response_class), "werkzeug"
        raise e

    def handle_exception(self, ctx: RequestContext, e: Exception) -> Response:
        """Answer an unhandled exception with the 500 handler's response, or
        a plain 500, or re-raise it in testing and debug mode
        (``PROPAGATE_EXCEPTIONS``).

        The 500 response is finalized as any other, as in Flask: the
        after-request hooks run (security or CORS headers reach error pages
        too) and the session is saved. An error while finalizing it is
        logged, and the 500 response goes out as it stands.
        """
        propagate = self.config["PROPAGATE_EXCEPTIONS"]
        if propagate is None:
            propagate = self.testing or self.debug
        if propagate:
            raise e
        self.logger.error(
            "Exception on %s [%s]",
            ctx.environ.get("PATH_INFO", "/"),
            ctx.environ.get("REQUEST_METHOD", "GET"),
            exc_info=e,
        )
        server_error = InternalServerError(original_exception=e)
        handler = self._find_error_handler(server_error, ctx)
        if handler is None:
            rv: object = error_response(server_error, ctx.environ, self.response_class)
            source = "werkzeug"
        else:
            rv = handler(server_error)
            source = getattr(handler, "__qualname__", "error handler")
        response = self.make_response(rv, source, ctx.environ)
        try:
            return self.finalize_request(ctx, response)
        except Exception:
            # The hook that failed may be the very error being handled; the
            # 500 page must still go out.
            self.logger.exception(
                "Finalizing the 500 response failed; it is sent as it stands"
            )
            return response

    # -- documentation ------------------------------------------------------

    def openapi(
        self,
        *,
        title: str | None = None,
        version: str | None = None,
        description: str | None = None,
    ) -> dict[str, t.Any]:
        """The OpenAPI 3.1 document of the app's routes, built from their
        annotations and docstrings (see :mod:`transom.apidocs`).

        :param title: defaults to the ``API_TITLE`` setting, else the app's name.
        :param version: defaults to the ``API_VERSION`` setting, else ``'0.0.0'``.
        :param description: defaults to the ``API_DESCRIPTION`` setting.
        """
        from .apidocs import openapi_document

        return openapi_document(
            self, title=title, version=version, description=description
        )

    # -- running ------------------------------------------------------------

    def run(
        self,
        host: str | None = None,
        port: int | None = None,
        debug: bool | None = None,
        **options: t.Any,
    ) -> None:
        """Serve the app with werkzeug's development server, threaded. Debug
        mode adds the reloader and the interactive debugger. Not for
        production.

        :param host: the interface to listen on; by default the host of
            ``SERVER_NAME``, else ``127.0.0.1``.
        :param port: the port; by default the port of ``SERVER_NAME``, else
            ``5000``. ``0`` picks a free one.
        :param debug: turn debug mode on or off. Without it, the
            ``TRANSOM_DEBUG`` environment variable decides when it is set,
            read as ``transom run`` reads it (``0``, ``false``, ``no`` and
            ``off`` are off), else the ``DEBUG`` setting.
        :param options: passed on to :func:`werkzeug.serving.run_simple`
            (``threaded=False`` for one request at a time).

        The debugger runs any Python code its page is sent, so it is only
        turned on when ``host`` is a loopback address; on any other host it
        stays off unless ``use_debugger=True`` is passed explicitly.
        """
        from .serving import run_app

        run_app(self, host, port, debug, options)


class _ViewFunctions(cabc.Mapping[str, object]):
    """:attr:`App.view_functions`: a copy whose changes would be lost, so
    assignment is refused with the call that registers a view."""

    __slots__ = ("_views",)

    def __init__(self, views: dict[str, object]) -> None:
        self._views = views

    @te.override
    def __getitem__(self, endpoint: str) -> object:
        return self._views[endpoint]

    @te.override
    def __iter__(self) -> cabc.Iterator[str]:
        return iter(self._views)

    @te.override
    def __len__(self) -> int:
        return len(self._views)

    def __setitem__(self, endpoint: str, view: object) -> t.NoReturn:
        raise TypeError(
            "app.view_functions is read-only: give an endpoint its view with"
            " app.add_url_rule(rule, endpoint, view_func) or @app.route(rule)"
        )

    def __delitem__(self, endpoint: str) -> t.NoReturn:
        raise TypeError("app.view_functions is read-only")
