"""Flask's tests of its helpers (tests/test_helpers.py), ported to transom
with Flask's names renamed to transom's.

Left out, with the difference in docs/flask.md: ``test_redirect_with_app``,
``test_app_aborter_class`` and ``test_abort_with_app`` (transom has no
``app.redirect``, ``app.aborter`` or ``aborter_class``: raise an
``HTTPException`` subclass of your own instead). Not applicable:
``test_get_debug_flag`` (transom reads ``TRANSOM_DEBUG`` with the one
boolean reading tested in its configuration tests).

Changed: the app's root is a temporary folder holding the files Flask's
tests read; ``test_url_with_method`` routes one function at three rules
with their methods, since a transom ``View`` answers the verbs it defines
and has no ``as_view``; ``test_url_for_with_scheme_not_external`` gives
``add_url_rule`` its view, since a rule waiting for its view (for
``@app.endpoint``) cannot be built yet; ``send_static_file`` is not given a
path object, being typed ``str`` as Flask's is; the modes that
``open_resource`` refuses are passed untyped, since the type checkers
refuse them too.
"""

from __future__ import annotations

import collections.abc as cabc
import os
import pathlib
import sys
import typing as t

import pytest
import typing_extensions as te
import werkzeug.exceptions

import transom
from transom import App
from transom import Response
from transom import request
from transom import session
from transom.ctx import RequestContext
from transom.testing import TestClient

_INDEX: te.Final = "<h1>Hello World!</h1>\n"


@pytest.fixture
def root(tmp_path: pathlib.Path) -> pathlib.Path:
    """The files Flask's tests read from its tests folder."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "index.html").write_text(_INDEX)
    subdomain_static = tmp_path / "test_apps" / "subdomaintestmodule" / "static"
    subdomain_static.mkdir(parents=True)
    (subdomain_static / "hello.txt").write_text("Hello Subdomain\n")
    return tmp_path


@pytest.fixture
def app(root: pathlib.Path) -> App:
    app = App("flask_test", root_path=root)
    app.config.update(TESTING=True, SECRET_KEY="test key")
    return app


@pytest.fixture
def req_ctx(app: App) -> cabc.Iterator[RequestContext]:
    with app.test_request_context() as ctx:
        yield ctx


class TestSendfile:
    def test_send_file(self, app: App, req_ctx: RequestContext) -> None:
        rv = transom.send_file("static/index.html")
        assert rv.direct_passthrough
        assert rv.mimetype == "text/html"
        with app.open_resource("static/index.html") as f:
            rv.direct_passthrough = False
            assert rv.data == f.read()
        rv.close()

    def test_static_file(
        self, app: App, req_ctx: RequestContext, root: pathlib.Path
    ) -> None:
        # No max age by default, from the static route or send_file.
        rv = app.send_static_file("index.html")
        assert rv.cache_control.max_age is None
        rv.close()
        rv = transom.send_file("static/index.html")
        assert rv.cache_control.max_age is None
        rv.close()

        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
        rv = app.send_static_file("index.html")
        assert rv.cache_control.max_age == 3600
        rv.close()
        rv = transom.send_file("static/index.html")
        assert rv.cache_control.max_age == 3600
        rv.close()

        class StaticFileApp(App):
            @te.override
            def get_send_file_max_age(self, filename: str | None) -> int | None:
                return 10

        other = StaticFileApp("flask_test", root_path=root)
        with other.test_request_context():
            rv = other.send_static_file("index.html")
            assert rv.cache_control.max_age == 10
            rv.close()
            rv = transom.send_file("static/index.html")
            assert rv.cache_control.max_age == 10
            rv.close()

    def test_send_from_directory(
        self, app: App, req_ctx: RequestContext, root: pathlib.Path
    ) -> None:
        app.root_path = os.fspath(root / "test_apps" / "subdomaintestmodule")
        rv = transom.send_from_directory("static", "hello.txt")
        rv.direct_passthrough = False
        assert rv.data.strip() == b"Hello Subdomain"
        rv.close()


class TestUrlFor:
    def test_url_for_with_anchor(self, app: App, req_ctx: RequestContext) -> None:
        @app.route("/")
        def index() -> str:
            return "42"

        assert transom.url_for("index", _anchor="x y") == "/#x%20y"

    def test_url_for_with_scheme(self, app: App, req_ctx: RequestContext) -> None:
        @app.route("/")
        def index() -> str:
            return "42"

        assert (
            transom.url_for("index", _external=True, _scheme="https")
            == "https://localhost/"
        )

    def test_url_for_with_scheme_not_external(
        self, app: App, req_ctx: RequestContext
    ) -> None:
        def index() -> str:
            return "42"

        app.add_url_rule("/", endpoint="index", view_func=index)
        # A scheme makes the URL external.
        assert transom.url_for("index", _scheme="https") == "https://localhost/"
        # Unless it is asked not to be, which is an error.
        with pytest.raises(ValueError):
            transom.url_for("index", _scheme="https", _external=False)

    def test_url_for_with_alternating_schemes(
        self, app: App, req_ctx: RequestContext
    ) -> None:
        @app.route("/")
        def index() -> str:
            return "42"

        assert transom.url_for("index", _external=True) == "http://localhost/"
        assert (
            transom.url_for("index", _external=True, _scheme="https")
            == "https://localhost/"
        )
        assert transom.url_for("index", _external=True) == "http://localhost/"

    def test_url_with_method(self, app: App, req_ctx: RequestContext) -> None:
        @app.route("/myview/", methods=["GET"])
        @app.route("/myview/<int:id>", methods=["GET"])
        @app.route("/myview/create", methods=["POST"])
        def myview(id: int | None = None) -> str:
            return "List" if id is None else f"Get {id:d}"

        assert transom.url_for("myview", _method="GET") == "/myview/"
        assert transom.url_for("myview", id=42, _method="GET") == "/myview/42"
        assert transom.url_for("myview", _method="POST") == "/myview/create"


def test_redirect_no_app() -> None:
    response = transom.redirect("https://localhost", 307)
    assert response.location == "https://localhost"
    assert response.status_code == 307


def test_abort_no_app() -> None:
    with pytest.raises(werkzeug.exceptions.Unauthorized):
        transom.abort(401)
    with pytest.raises(LookupError):
        transom.abort(900)


class TestNoImports:
    """An app is made without importing the module it is named after, so
    that tools can make one for a module that fails to import."""

    def test_name_with_import_error(
        self, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "importerror.py").write_text("raise NotImplementedError()")
        monkeypatch.setattr(sys, "path", [os.fspath(tmp_path), *sys.path])
        app = App("importerror")
        assert "importerror" not in sys.modules
        # The module was found all the same: the app is rooted next to it.
        assert app.root_path == os.fspath(tmp_path)


class TestStreaming:
    def test_streaming_with_context(self, app: App, client: TestClient) -> None:
        @app.route("/")
        def index() -> Response:
            def generate() -> cabc.Iterator[str]:
                yield "Hello "
                yield request.args["name"]
                yield "!"

            return Response(transom.stream_with_context(generate()))

        rv = client.get("/?name=World")
        assert rv.data == b"Hello World!"

    def test_streaming_with_context_as_decorator(
        self, app: App, client: TestClient
    ) -> None:
        @app.route("/")
        def index() -> Response:
            @transom.stream_with_context
            def generate(hello: str) -> cabc.Iterator[str]:
                yield hello
                yield request.args["name"]
                yield "!"

            return Response(generate("Hello "))

        rv = client.get("/?name=World")
        assert rv.data == b"Hello World!"

    def test_streaming_with_context_and_custom_close(
        self, app: App, client: TestClient
    ) -> None:
        called: list[int] = []

        class Wrapper:
            """An iterator with a close() of its own, which must be called."""

            def __init__(self, gen: cabc.Iterator[str]) -> None:
                self._gen = gen

            def __iter__(self) -> Wrapper:
                return self

            def close(self) -> None:
                called.append(42)

            def __next__(self) -> str:
                return next(self._gen)

        @app.route("/")
        def index() -> Response:
            def generate() -> cabc.Iterator[str]:
                yield "Hello "
                yield request.args["name"]
                yield "!"

            return Response(transom.stream_with_context(Wrapper(generate())))

        rv = client.get("/?name=World")
        assert rv.data == b"Hello World!"
        assert called == [42]

    def test_stream_keeps_session(self, app: App, client: TestClient) -> None:
        @app.route("/")
        def index() -> Response:
            session["test"] = "flask"

            @transom.stream_with_context
            def gen() -> cabc.Iterator[str]:
                yield str(session["test"])

            return Response(gen())

        rv = client.get("/")
        assert rv.data == b"flask"


class TestHelpers:
    def test_make_response(self, app: App) -> None:
        with app.test_request_context():
            rv = transom.make_response()
            assert rv.status_code == 200
            assert rv.mimetype == "text/html"

            rv = transom.make_response("Hello")
            assert rv.status_code == 200
            assert rv.data == b"Hello"
            assert rv.mimetype == "text/html"

    @pytest.mark.parametrize("mode", ["r", "rb", "rt"])
    def test_open_resource(self, app: App, mode: t.Literal["r", "rb", "rt"]) -> None:
        with app.open_resource("static/index.html", mode) as f:
            assert "<h1>Hello World!</h1>" in str(f.read())

    @pytest.mark.parametrize("mode", ["w", "x", "a", "r+"])
    def test_open_resource_exceptions(self, app: App, mode: str) -> None:
        # The type checkers refuse these modes already; the run time too.
        untyped: t.Any = app
        with pytest.raises(ValueError):
            untyped.open_resource("static/index.html", mode)

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
    def test_open_resource_with_encoding(
        self, tmp_path: pathlib.Path, encoding: str
    ) -> None:
        app = App("flask_test", root_path=tmp_path)
        (tmp_path / "test").write_text("test", encoding=encoding)
        with app.open_resource("test", mode="rt", encoding=encoding) as f:
            assert f.read() == "test"
