"""Testing helpers: a client that calls the app without a server.

::

    client = app.test_client()
    assert client.get("/posts/3").status_code == 200

    with client:                       # keep the last request's context
        client.post("/login", data={"user": "ada"})
        assert session["user"] == "ada"

    with client.session_transaction() as sess:   # before a request
        sess["user"] = "ada"

Requests go to the host, scheme and script root the app is configured for
(``SERVER_NAME``, ``PREFERRED_URL_SCHEME``, ``APPLICATION_ROOT``), with the
client's :attr:`TestClient.environ_base` under each environ. The command
line has its own runner, ``app.test_cli_runner()`` (see
:mod:`transom.cli.testing`).
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import copy
import http.cookies
import types
import typing as t
from urllib.parse import urlsplit

import typing_extensions as te
import werkzeug.test
from werkzeug.http import dump_cookie
from werkzeug.test import TestResponse as _WerkzeugTestResponse
from werkzeug.wrappers import Request as _WerkzeugRequest

from .exceptions import TransomError
from .wrappers import Response

if t.TYPE_CHECKING:
    import datetime

    from werkzeug.datastructures import Authorization
    from werkzeug.datastructures import Headers
    from werkzeug.test import Cookie

    from .app import App
    from .ctx import PreservedContext
    from .sessions import Session
    from .typing import WSGIApplication
    from .typing import WSGIEnvironment

_PRESERVE_CONTEXT: t.Final = "werkzeug.debug.preserve_context"

_Target: t.TypeAlias = (
    "str | werkzeug.test.EnvironBuilder | WSGIEnvironment | _WerkzeugRequest"
)
"""What a request is sent to: a path or URL, or a ready request."""


class ClientError(TransomError, RuntimeError):
    """A misuse of the test client, such as a request sent inside
    :meth:`TestClient.session_transaction`."""


class EnvironOptions(te.TypedDict, total=False):
    """What a test request may say besides its path and method: werkzeug's
    ``EnvironBuilder`` arguments, plus ``url_scheme`` and ``subdomain``. Misspelt, any of them
    is a type error."""

    base_url: str | None
    """The scheme, host and script root the path is under; by default built
    from ``PREFERRED_URL_SCHEME``, ``SERVER_NAME`` (else ``localhost``) and
    ``APPLICATION_ROOT``."""
    url_scheme: str | None
    """The scheme instead of ``PREFERRED_URL_SCHEME`` (not with ``base_url``)."""
    subdomain: str | None
    """A subdomain in front of ``SERVER_NAME`` (else ``localhost``), for
    routes of a subdomain (not with ``base_url``)."""
    query_string: cabc.Mapping[str, str] | str | None
    """The query, when the path has none."""
    headers: Headers | cabc.Mapping[str, str] | cabc.Iterable[tuple[str, str]] | None
    """The request's headers."""
    data: t.IO[bytes] | str | bytes | cabc.Mapping[str, t.Any] | None
    """The body: text or bytes, a stream, or a form (a file is a tuple
    ``(stream, filename)``)."""
    json: t.Any
    """A value sent as JSON (with the app's JSON settings), with its content
    type."""
    content_type: str | None
    """The ``Content-Type`` header."""
    mimetype: str | None
    """The content type without its parameters."""
    content_length: int | None
    """The ``Content-Length`` header."""
    input_stream: t.IO[bytes] | None
    """The body as a stream (instead of ``data``)."""
    errors_stream: t.IO[str] | None
    """``wsgi.errors``."""
    auth: Authorization | tuple[str, str] | None
    """Credentials for the ``Authorization`` header (a tuple for Basic)."""
    environ_base: cabc.Mapping[str, t.Any] | None
    """Environ values under the built ones, over the client's
    :attr:`~TestClient.environ_base`."""
    environ_overrides: cabc.Mapping[str, t.Any] | None
    """Environ values over the built ones."""
    multithread: bool
    """``wsgi.multithread``."""
    multiprocess: bool
    """``wsgi.multiprocess``."""
    run_once: bool
    """``wsgi.run_once``."""


class RequestOptions(EnvironOptions, total=False):
    """The keyword arguments of the client's ``get``, ``post``...:
    :class:`EnvironOptions`, and how to send the request."""

    buffered: bool
    """Read the whole body before returning."""
    follow_redirects: bool
    """Follow redirects to the final response; ``response.history`` holds
    the responses on the way."""


class EnvironBuilder(werkzeug.test.EnvironBuilder):
    """werkzeug's ``EnvironBuilder`` with the app's defaults: the base URL
    from ``PREFERRED_URL_SCHEME``, ``SERVER_NAME`` (else ``localhost``) and
    ``APPLICATION_ROOT``, and ``json`` written by the app's JSON provider.

    :param app: the app whose settings give the defaults.
    :param path: the path, or a whole URL (its scheme and host then win).
    :param base_url: the scheme, host and script root, instead of the app's.
    :param url_scheme: the scheme instead of ``PREFERRED_URL_SCHEME``.
    :param subdomain: a subdomain in front of the host.
    """

    def __init__(
        self,
        app: App,
        path: str = "/",
        base_url: str | None = None,
        url_scheme: str | None = None,
        subdomain: str | None = None,
        **kwargs: t.Any,
    ) -> None:
        if base_url is None:
            config = app.config
            url = urlsplit(path)
            host = url.netloc or config["SERVER_NAME"] or "localhost"
            if subdomain:
                host = f"{subdomain}.{host}"
            scheme = url.scheme or url_scheme or config["PREFERRED_URL_SCHEME"]
            root = str(config["APPLICATION_ROOT"] or "/").lstrip("/")
            base_url = f"{scheme}://{host}/{root}"
            path = url.path + (f"?{url.query}" if url.query else "")
        elif url_scheme is not None or subdomain is not None:
            given = "url_scheme" if url_scheme is not None else "subdomain"
            raise TypeError(
                f"{given} and base_url were both given; put the"
                f" {'scheme' if url_scheme is not None else 'host'} in base_url"
            )
        value = kwargs.pop("json", None)
        if value is not None:
            if kwargs.get("data") is not None:
                raise TypeError("json and data were both given; send one body")
            kwargs["data"] = app.json.dumps(value)
            if kwargs.get("content_type") is None and kwargs.get("mimetype") is None:
                kwargs["content_type"] = "application/json"
        self.app = app
        """The app the defaults come from."""
        super().__init__(path, base_url, **kwargs)


class TestResponse(Response, _WerkzeugTestResponse):  # type: ignore[misc]
    """A response as the test client returns it: ``status_code``, ``text``,
    ``json``, ``headers``, ``request``, ``history``."""

    __test__ = False

    if t.TYPE_CHECKING:
        # werkzeug types ``with response:`` as its own Response.
        @te.override
        def __enter__(self) -> te.Self: ...


if t.TYPE_CHECKING:

    class _Client:
        """werkzeug's ``Client`` as the type checkers see the test client's
        base: its cookie API, without its request methods, which take any
        arguments at all (``**kwargs: Any``); the test client declares its
        own, whose keyword arguments are checked."""

        allow_subdomain_redirects: bool

        def __init__(
            self,
            application: WSGIApplication,
            response_wrapper: type[Response] | None = None,
            use_cookies: bool = True,
            allow_subdomain_redirects: bool = False,
        ) -> None: ...
        def get_cookie(
            self, key: str, domain: str = "localhost", path: str = "/"
        ) -> Cookie | None: ...
        def set_cookie(
            self,
            key: str,
            value: str = "",
            *,
            domain: str = "localhost",
            origin_only: bool = True,
            path: str = "/",
            max_age: datetime.timedelta | int | None = None,
            expires: str | datetime.datetime | int | float | None = None,
            secure: bool = False,
            httponly: bool = False,
            samesite: str | None = None,
        ) -> None: ...
        def delete_cookie(
            self, key: str, *, domain: str = "localhost", path: str = "/"
        ) -> None: ...

else:
    _Client = werkzeug.test.Client


class TestClient(_Client):
    """``app.test_client()``: send requests with ``get``, ``post``, ... and
    read the :class:`TestResponse`. Cookies persist between requests.

    Inside ``with client:``, the context of the last request stays current
    after it returns, so that ``request``, ``session`` and ``g`` show what
    it left; the block's end (or the next request) lets it go. The
    request's teardown hooks have run by then, as for any request.
    """

    __test__ = False

    application: App

    def __init__(self, app: App, use_cookies: bool = True) -> None:
        super().__init__(app, TestResponse, use_cookies=use_cookies)
        self.application = app
        """The app under test."""
        self.environ_base: dict[str, t.Any] = {
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_USER_AGENT": f"werkzeug/{_werkzeug_version()}",
        }
        """Environ values under every request's own (change them to send
        from another address, for example)."""
        self.preserve_context = False
        """Whether requests keep their context: true inside ``with client:``."""
        self._preserved: list[PreservedContext] = []
        self._entered = contextlib.ExitStack()
        self._in_transaction = False

    # -- requests -------------------------------------------------------------

    def open(
        self,
        path: _Target = "/",
        *,
        method: str | None = None,
        buffered: bool = False,
        follow_redirects: bool = False,
        **kwargs: te.Unpack[EnvironOptions],
    ) -> TestResponse:
        """Send a request and return the response.

        :param path: the path (with its query, if any) or a whole URL; or a
            ready ``EnvironBuilder``, WSGI environ or werkzeug ``Request``,
            given alone.
        :param method: the HTTP method (``GET`` by default).
        :param buffered: read the whole body before returning.
        :param follow_redirects: follow redirects to the final response;
            ``response.history`` holds the responses on the way.
        :param kwargs: the rest of the request (see :class:`EnvironOptions`).
        :raises ClientError: sent inside :meth:`session_transaction`.
        """
        if self._in_transaction:
            raise ClientError(
                "A request was sent inside client.session_transaction(); the"
                " session's changes are saved only when that block ends, so the"
                " request would not see them. Send it after the 'with' block."
            )
        request = self._request(path, method, kwargs)
        if self.preserve_context:
            request.environ[_PRESERVE_CONTEXT] = self._preserved.append
        # The previous request's context goes now: one request's at a time,
        # and never a redirect's intermediate hops.
        self._release()
        try:
            # Statically this client is not werkzeug's (see _Client).
            response = werkzeug.test.Client.open(
                t.cast("werkzeug.test.Client", self),
                request,
                buffered=buffered,
                follow_redirects=follow_redirects,
            )
        finally:
            # Entered even when the app raised: the test may look at it.
            for preserved in self._preserved:
                self._entered.enter_context(preserved)
            self._preserved.clear()
        return t.cast("TestResponse", response)

    def get(self, path: str = "/", **kwargs: te.Unpack[RequestOptions]) -> TestResponse:
        """Send a ``GET`` request (see :meth:`open`)."""
        return self.open(path, method="GET", **kwargs)

    def post(
        self, path: str = "/", **kwargs: te.Unpack[RequestOptions]
    ) -> TestResponse:
        """Send a ``POST`` request (see :meth:`open`)."""
        return self.open(path, method="POST", **kwargs)

    def put(self, path: str = "/", **kwargs: te.Unpack[RequestOptions]) -> TestResponse:
        """Send a ``PUT`` request (see :meth:`open`)."""
        return self.open(path, method="PUT", **kwargs)

    def patch(
        self, path: str = "/", **kwargs: te.Unpack[RequestOptions]
    ) -> TestResponse:
        """Send a ``PATCH`` request (see :meth:`open`)."""
        return self.open(path, method="PATCH", **kwargs)

    def delete(
        self, path: str = "/", **kwargs: te.Unpack[RequestOptions]
    ) -> TestResponse:
        """Send a ``DELETE`` request (see :meth:`open`)."""
        return self.open(path, method="DELETE", **kwargs)

    def options(
        self, path: str = "/", **kwargs: te.Unpack[RequestOptions]
    ) -> TestResponse:
        """Send an ``OPTIONS`` request (see :meth:`open`)."""
        return self.open(path, method="OPTIONS", **kwargs)

    def head(
        self, path: str = "/", **kwargs: te.Unpack[RequestOptions]
    ) -> TestResponse:
        """Send a ``HEAD`` request (see :meth:`open`)."""
        return self.open(path, method="HEAD", **kwargs)

    def trace(
        self, path: str = "/", **kwargs: te.Unpack[RequestOptions]
    ) -> TestResponse:
        """Send a ``TRACE`` request (see :meth:`open`)."""
        return self.open(path, method="TRACE", **kwargs)

    def _request(
        self,
        path: _Target,
        method: str | None,
        kwargs: EnvironOptions,
    ) -> _WerkzeugRequest:
        """The request to send, with :attr:`environ_base` under its environ."""
        if isinstance(path, str):
            options: dict[str, t.Any] = dict(kwargs)
            options["environ_base"] = {
                **self.environ_base,
                **(options.get("environ_base") or {}),
            }
            builder = EnvironBuilder(
                self.application, path, method=method or "GET", **options
            )
            try:
                return builder.get_request()
            finally:
                builder.close()
        if kwargs or method is not None:
            raise TypeError(
                f"a ready {type(path).__name__} was given with other arguments;"
                " pass a path with keyword arguments, or the ready request alone"
                " to client.open()"
            )
        if isinstance(path, werkzeug.test.EnvironBuilder):
            ready = copy.copy(path)
            ready.environ_base = {**self.environ_base, **(path.environ_base or {})}
            return ready.get_request()
        if isinstance(path, _WerkzeugRequest):
            request = copy.copy(path)
            request.environ = {**self.environ_base, **path.environ}
            return request
        return EnvironBuilder.from_environ(
            path, app=self.application, environ_base=dict(self.environ_base)
        ).get_request()

    # -- contexts --------------------------------------------------------------

    def __enter__(self) -> te.Self:
        if self.preserve_context:
            raise ClientError(
                "'with client:' is already open for this client; leave the outer"
                " block first (or use a second client)"
            )
        self.preserve_context = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.preserve_context = False
        self._release()

    def _release(self) -> None:
        """Let the kept contexts go, the last entered first."""
        self._preserved.clear()
        self._entered.close()

    # -- sessions --------------------------------------------------------------

    @contextlib.contextmanager
    def session_transaction(
        self,
        path: str = "/",
        *,
        method: str = "GET",
        **kwargs: te.Unpack[EnvironOptions],
    ) -> cabc.Generator[Session, None, None]:
        """Open the client's session to read or change it before a request::

            with client.session_transaction() as sess:
                sess["user"] = "ada"
            client.get("/")      # sees the user

        The changes are saved, and the session's cookie stored in the
        client, when the block ends without an error. The arguments
        describe the request the session is opened for, as for :meth:`open`.

        :raises ClientError: the app has no session (no secret key is set),
            or a request was sent inside the block.
        :raises TypeError: the client keeps no cookies.
        """
        app = self.application
        interface = app.session_interface
        options: dict[str, t.Any] = dict(kwargs)
        options["environ_base"] = {
            **self.environ_base,
            **(options.get("environ_base") or {}),
        }
        builder = EnvironBuilder(app, path, method=method, **options)
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        host = builder.server_name
        with app.app_context():  # for get_cookie_* methods that read current_app
            name, domain, cookie_path = _session_cookie_place(app, host)
        try:
            cookie = self.get_cookie(name, domain, cookie_path)
        except TypeError:
            raise TypeError(
                "Cookies are disabled, and client.session_transaction() needs the"
                " session's cookie; make the client with app.test_client()"
                " (use_cookies=True)"
            ) from None
        if cookie is not None:
            environ["HTTP_COOKIE"] = f"{cookie.key}={cookie.value}"
        request = app.make_request(environ)
        with app.app_context():
            session = interface.open_session(app, request)
        if session is None or interface.is_null_session(session):
            raise ClientError(
                "client.session_transaction() found no session: the app has no"
                " secret key. Set one in the test configuration, for example"
                " app.config['SECRET_KEY'] = 'test' (or create_app({'SECRET_KEY':"
                " 'test'}))"
            )
        self._in_transaction = True
        try:
            yield session
        finally:
            self._in_transaction = False
        response = app.response_class()
        with app.app_context():
            interface.save_session(app, session, response, request)
        for header in response.headers.getlist("Set-Cookie"):
            self._store_cookie(header, host, request.script_root + request.path)

    def _store_cookie(self, header: str, host: str, path: str) -> None:
        """Keep the cookie a ``Set-Cookie`` header sets (or removes), as a
        response to a request for ``host`` and ``path`` would."""
        jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
        jar.load(header)
        for morsel in jar.values():
            domain: str = morsel["domain"]
            max_age: str = morsel["max-age"]
            self.set_cookie(
                morsel.key,
                morsel.value,
                domain=domain or host,
                origin_only=not domain,
                path=morsel["path"] or path.rpartition("/")[0] or "/",
                max_age=int(max_age) if max_age else None,
                expires=morsel["expires"] or None,
                secure=bool(morsel["secure"]),
                httponly=bool(morsel["httponly"]),
                samesite=morsel["samesite"] or None,
            )


def _session_cookie_place(app: App, host: str) -> tuple[str, str, str]:
    """The session cookie's name, and the domain and path the client keeps
    it under: as the app's session interface writes them (its
    ``get_cookie_*`` methods), read back as werkzeug's client reads a
    ``Set-Cookie``."""
    interface = app.session_interface
    name = interface.get_cookie_name(app)
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    jar.load(
        dump_cookie(
            name,
            "",
            domain=interface.get_cookie_domain(app),
            path=interface.get_cookie_path(app),
        )
    )
    morsel = jar[name]
    return name, morsel["domain"] or host, morsel["path"] or "/"


def _werkzeug_version() -> str:
    from importlib.metadata import version

    return version("werkzeug")
