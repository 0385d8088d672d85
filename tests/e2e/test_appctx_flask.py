"""Flask's tests of the app context (tests/test_appctx.py), ported to
transom with Flask's names renamed to transom's.

Flask 3.2's expectations hold: a request sent inside ``app.app_context()``
has an app context of its own, so ``teardown_appcontext`` runs for it and
for the ``with`` block. Changed, with the difference in docs/flask.md:
``g``'s class is ``app.g_class``, a subclass of :class:`transom.G` (Flask's
``app_ctx_globals_class`` takes any class), and ``repr(g)`` shows what it
holds rather than the app's name; ``test_robust_teardown`` has no signals,
and the failures of the two hooks come in one flat ``ExceptionGroup``
(Flask nests one group per kind of hook). The current app context, which
Flask's test reaches through ``flask.globals.app_ctx``, is read from
transom's context variable; ``not current_app`` is ``not
has_app_context()``, since a type checker holds the proxy to be always
true.
"""

from __future__ import annotations

import collections.abc as cabc

import pytest

import transom
from transom import App
from transom import G
from transom._ctxvars import app_ctx_var
from transom.ctx import AppContext
from transom.testing import TestClient
from transom.wrappers import Response


@pytest.fixture
def app() -> App:
    app = App("flask_test", static_folder=None)
    app.config.update(TESTING=True, SECRET_KEY="test key")
    return app


@pytest.fixture
def app_ctx(app: App) -> cabc.Iterator[AppContext]:
    with app.app_context() as ctx:
        yield ctx


def test_basic_url_generation(app: App) -> None:
    app.config["SERVER_NAME"] = "localhost"
    app.config["PREFERRED_URL_SCHEME"] = "https"

    @app.route("/")
    def index() -> str:
        return ""

    with app.app_context():
        assert transom.url_for("index") == "https://localhost/"


def test_url_generation_requires_server_name(app: App) -> None:
    with app.app_context():
        with pytest.raises(RuntimeError):
            transom.url_for("index")


def test_url_generation_without_context_fails() -> None:
    with pytest.raises(RuntimeError):
        transom.url_for("index")


def test_request_context_means_app_context(app: App) -> None:
    with app.test_request_context():
        assert transom.current_app == app
    assert not transom.has_app_context()


def test_app_context_provides_current_app(app: App) -> None:
    with app.app_context():
        assert transom.current_app == app
    assert not transom.has_app_context()


def test_app_tearing_down(app: App) -> None:
    seen: list[BaseException | None] = []

    @app.teardown_appcontext
    def cleanup(exception: BaseException | None) -> None:
        seen.append(exception)

    with app.app_context():
        pass
    assert seen == [None]


def test_app_tearing_down_with_previous_exception(app: App) -> None:
    seen: list[BaseException | None] = []

    @app.teardown_appcontext
    def cleanup(exception: BaseException | None) -> None:
        seen.append(exception)

    try:
        raise Exception("dummy")
    except Exception:
        pass

    with app.app_context():
        pass
    assert seen == [None]


def test_app_tearing_down_with_handled_exception_by_except_block(app: App) -> None:
    seen: list[BaseException | None] = []

    @app.teardown_appcontext
    def cleanup(exception: BaseException | None) -> None:
        seen.append(exception)

    with app.app_context():
        try:
            raise Exception("dummy")
        except Exception:
            pass
    assert seen == [None]


def test_app_tearing_down_with_handled_exception_by_app_handler(
    app: App, client: TestClient
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = True
    seen: list[BaseException | None] = []

    @app.teardown_appcontext
    def cleanup(exception: BaseException | None) -> None:
        seen.append(exception)

    @app.route("/")
    def index() -> str:
        raise Exception("dummy")

    @app.errorhandler(Exception)
    def handler(e: Exception) -> Response:
        return transom.jsonify(str(e))

    with app.app_context():
        client.get("/")
    # The request's own app context, then the with block's.
    assert seen == [None, None]


def test_app_tearing_down_with_unhandled_exception(
    app: App, client: TestClient
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = True
    seen: list[BaseException | None] = []

    @app.teardown_appcontext
    def cleanup(exception: BaseException | None) -> None:
        seen.append(exception)

    @app.route("/")
    def index() -> str:
        raise ValueError("dummy")

    with pytest.raises(ValueError, match="dummy"):
        with app.app_context():
            client.get("/")

    assert len(seen) == 2
    assert isinstance(seen[0], ValueError)
    assert str(seen[0]) == "dummy"
    # The request's context and the with block's both saw the one error.
    assert seen[0] is seen[1]


def test_app_ctx_globals_methods(app: App, app_ctx: AppContext) -> None:
    g = transom.g
    assert g.get("foo") is None
    assert g.get("foo", "bar") == "bar"
    assert "foo" not in g
    g.foo = "bar"
    assert "foo" in g
    g.setdefault("bar", "the cake is a lie")
    g.setdefault("bar", "hello world")
    assert g.bar == "the cake is a lie"
    assert g.pop("bar") == "the cake is a lie"
    with pytest.raises(KeyError):
        g.pop("bar")
    assert g.pop("bar", "more cake") == "more cake"
    assert list(g) == ["foo"]
    # Flask: "<flask.g of 'flask_test'>".
    assert repr(g) == "<transom.g {'foo': 'bar'}>"


def test_custom_app_ctx_globals_class(app: App) -> None:
    class CustomRequestGlobals(G):
        def __init__(self) -> None:
            self.spam = "eggs"

    app.g_class = CustomRequestGlobals
    with app.app_context():
        assert transom.render_template_string("{{ g.spam }}") == "eggs"


def test_context_refcounts(app: App, client: TestClient) -> None:
    called: list[str] = []

    @app.teardown_request
    def teardown_req(error: BaseException | None = None) -> None:
        called.append("request")

    @app.teardown_appcontext
    def teardown_app(error: BaseException | None = None) -> None:
        called.append("app")

    @app.route("/")
    def index() -> str:
        # Entering the current app context again tears nothing down.
        with app_ctx_var.get():
            pass
        assert transom.request.environ["werkzeug.request"] is not None
        return ""

    res = client.get("/")
    assert res.status_code == 200
    assert res.data == b""
    assert called == ["request", "app"]


def test_clean_pop(app: App) -> None:
    app.testing = False
    called: list[str] = []

    @app.teardown_request
    def teardown_req(error: BaseException | None = None) -> None:
        raise ZeroDivisionError

    @app.teardown_appcontext
    def teardown_app(error: BaseException | None = None) -> None:
        called.append("TEARDOWN")

    # An app context alone runs no teardown_request hook.
    with app.app_context():
        called.append(transom.current_app.name)

    assert called == ["flask_test", "TEARDOWN"]
    assert not transom.has_app_context()


def test_robust_teardown(app: App, client: TestClient) -> None:
    count = 0

    @app.teardown_request
    def request_teardown(e: BaseException | None) -> None:
        nonlocal count
        count += 1
        raise ValueError("request_teardown")

    @app.teardown_appcontext
    def app_teardown(e: BaseException | None) -> None:
        nonlocal count
        count += 1
        raise ValueError("app_teardown")

    @app.get("/")
    def index() -> str:
        return ""

    with pytest.raises(ExceptionGroup, match="teardown hooks failed") as caught:
        client.get()
    assert [str(e) for e in caught.value.exceptions] == [
        "request_teardown",
        "app_teardown",
    ]
    assert count == 2
