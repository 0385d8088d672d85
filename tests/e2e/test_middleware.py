"""``app.wsgi_app`` is the WSGI application middleware wraps, and the app
itself is a WSGI application."""

from __future__ import annotations

import collections.abc as cabc
import gc
import weakref
from pathlib import Path

from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.test import Client
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app

from transom import App
from transom import request
from transom import url_for
from transom.typing import StartResponse
from transom.typing import WSGIApplication
from transom.typing import WSGIEnvironment


class HeaderMiddleware:
    """Adds a header to every response and records what it saw."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app
        self.paths: list[str] = []

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        self.paths.append(environ["PATH_INFO"])

        def start(
            status: str, headers: list[tuple[str, str]], exc_info: object = None
        ) -> cabc.Callable[[bytes], object]:
            return start_response(status, [*headers, ("X-Middleware", "on")])

        return self.app(environ, start)


def test_wrapping_wsgi_app(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return "inner"

    middleware = HeaderMiddleware(app.wsgi_app)
    app.wsgi_app = middleware
    response = app.test_client().get("/")
    assert response.text == "inner"
    assert response.headers["X-Middleware"] == "on"
    assert middleware.paths == ["/"]


def test_middlewares_stack(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return "x"

    inner = HeaderMiddleware(app.wsgi_app)
    outer = HeaderMiddleware(inner)
    app.wsgi_app = outer
    response = app.test_client().get("/")
    assert response.headers.getlist("X-Middleware") == ["on", "on"]
    assert inner.paths == outer.paths == ["/"]


def test_proxy_fix(app: App) -> None:
    @app.route("/where")
    def where() -> dict[str, str]:
        return {
            "remote": request.remote_addr or "",
            "url": url_for("where", _external=True),
        }

    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    response = app.test_client().get(
        "/where",
        headers={
            "X-Forwarded-For": "203.0.113.9",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "public.example",
        },
    )
    assert response.json == {
        "remote": "203.0.113.9",
        "url": "https://public.example/where",
    }


def test_mounted_under_a_prefix(app: App) -> None:
    @app.route("/page")
    def page() -> dict[str, str]:
        return {"url": url_for("page"), "script_root": request.script_root}

    def fallback(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"outside"]

    mounted = DispatcherMiddleware(fallback, {"/blog": app})
    client = Client(mounted)
    response = client.get("/blog/page")
    assert response.json == {"url": "/blog/page", "script_root": "/blog"}
    assert client.get("/other").text == "outside"


def test_app_is_a_wsgi_application(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return "called directly"

    environ = EnvironBuilder("/").get_environ()
    body, status, headers = run_wsgi_app(app, environ)
    assert status == "200 OK"
    assert b"".join(body) == b"called directly"
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_test_client_goes_through_wsgi_app(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return "x"

    calls: list[str] = []
    original = app.wsgi_app

    def spy(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        calls.append(environ["REQUEST_METHOD"])
        return original(environ, start_response)

    app.wsgi_app = spy
    app.test_client().post("/")
    app.test_client().get("/")
    assert calls == ["POST", "GET"]


def _create_app(root_path: Path) -> App:
    app = App("freed", root_path=root_path)

    @app.route("/")
    def index() -> str:
        return "index"

    return app


def test_the_app_is_freed_without_the_garbage_collector(tmp_path: Path) -> None:
    # As Flask's test_app_freed_on_zero_refcount (pallets/flask#3761): the
    # app keeps no bound method of itself, so dropping the last reference
    # frees it at once. Made by a factory (registering a route reads the
    # registering frame's locals, which CPython before 3.13 keeps until
    # that frame returns), served a request, and with a static route.
    (tmp_path / "static").mkdir()
    gc.collect()
    gc.disable()
    try:
        app = _create_app(tmp_path)
        text = app.test_client().get("/").text
        freed = weakref.ref(app)
        del app
        assert freed() is None
        assert text == "index"
    finally:
        gc.enable()


def test_wsgi_app_reads_back_what_was_assigned(app: App) -> None:
    wrapped = HeaderMiddleware(app.wsgi_app)
    app.wsgi_app = wrapped
    assert app.wsgi_app is wrapped
