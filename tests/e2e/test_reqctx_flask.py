"""Flask's tests of the request context (tests/test_reqctx.py), ported to
transom with Flask's names renamed to transom's.

Left out, with the difference in docs/flask.md: ``test_copy_context_thread``
(transom has no ``copy_current_request_context``; hand the thread the
values it needs). Not applicable: ``test_bad_environ_raises_bad_request``
from Flask 3.1, which Flask has since dropped: werkzeug 3.1 reads a ``Host``
header it cannot parse as the empty host, so no part of the framework sees
it. Changed: ``test_proper_test_request_context`` creates its app with
``subdomain_matching=True``, since transom refuses a ``subdomain=`` route
that the app's matching mode would ignore; the app fixture has no secret
key or static folder where a test needs neither; the failing session
interface's view reads the session, since transom opens it on first use
rather than when the request starts; ``has_request_context()`` is
``bool(request)``; ``full_dispatch_request`` takes the context, as in
Flask 3.2.
"""

from __future__ import annotations

import pytest
import typing_extensions as te

import transom
from transom import App
from transom import request
from transom import session
from transom.sessions import SecureCookieSessionInterface
from transom.sessions import Session
from transom.sessions import SessionInterface
from transom.testing import EnvironBuilder
from transom.wrappers import Request


@pytest.fixture
def app() -> App:
    app = App("flask_test", static_folder=None)
    app.config.update(TESTING=True, SECRET_KEY="test key")
    return app


def test_teardown_on_pop(app: App) -> None:
    seen: list[BaseException | None] = []

    @app.teardown_request
    def end_of_request(exception: BaseException | None) -> None:
        seen.append(exception)

    ctx = app.test_request_context()
    ctx.push()
    assert seen == []
    ctx.pop()
    assert seen == [None]


def test_teardown_with_previous_exception(app: App) -> None:
    seen: list[BaseException | None] = []

    @app.teardown_request
    def end_of_request(exception: BaseException | None) -> None:
        seen.append(exception)

    # An exception handled before the context exists is not the request's.
    try:
        raise Exception("dummy")
    except Exception:
        pass

    with app.test_request_context():
        assert seen == []
    assert seen == [None]


def test_teardown_with_handled_exception(app: App) -> None:
    seen: list[BaseException | None] = []

    @app.teardown_request
    def end_of_request(exception: BaseException | None) -> None:
        seen.append(exception)

    with app.test_request_context():
        assert seen == []
        try:
            raise Exception("dummy")
        except Exception:
            pass
    assert seen == [None]


def test_proper_test_request_context() -> None:
    app = App("flask_test", static_folder=None, subdomain_matching=True)
    app.config.update(SERVER_NAME="localhost.localdomain:5000")

    @app.route("/")
    def index() -> str:
        return ""

    @app.route("/", subdomain="foo")
    def sub() -> str:
        return ""

    with app.test_request_context("/"):
        assert (
            transom.url_for("index", _external=True)
            == "http://localhost.localdomain:5000/"
        )
    with app.test_request_context("/"):
        assert (
            transom.url_for("sub", _external=True)
            == "http://foo.localhost.localdomain:5000/"
        )

    # A Host other than SERVER_NAME's is no error (and no warning).
    with app.test_request_context("/", environ_overrides={"HTTP_HOST": "localhost"}):
        pass

    app.config.update(SERVER_NAME="localhost")
    with app.test_request_context("/", environ_overrides={"SERVER_NAME": "localhost"}):
        pass

    app.config.update(SERVER_NAME="localhost:80")
    with app.test_request_context(
        "/", environ_overrides={"SERVER_NAME": "localhost:80"}
    ):
        pass


def test_context_binding(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return f"Hello {request.args['name']}!"

    @app.route("/meh")
    def meh() -> str:
        return request.url

    with app.test_request_context("/?name=World"):
        assert index() == "Hello World!"
    with app.test_request_context("/meh"):
        assert meh() == "http://localhost/meh"
    assert not transom.has_request_context()


def test_context_test(app: App) -> None:
    assert not transom.has_request_context()
    ctx = app.test_request_context()
    ctx.push()
    try:
        assert transom.has_request_context()
    finally:
        ctx.pop()


def test_manual_context_binding(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return f"Hello {request.args['name']}!"

    ctx = app.test_request_context("/?name=World")
    ctx.push()
    assert index() == "Hello World!"
    ctx.pop()
    with pytest.raises(RuntimeError):
        index()


class _SessionError(Exception):
    pass


class _FailingSessionInterface(SessionInterface):
    @te.override
    def open_session(self, app: App, request: Request) -> Session | None:
        raise _SessionError()


def test_session_error_pops_context() -> None:
    class CustomApp(App):
        session_interface = _FailingSessionInterface()

    app = CustomApp("flask_test", static_folder=None)

    @app.route("/")
    def index() -> str:
        session.get("user")
        raise AssertionError("the session could not have opened")

    response = app.test_client().get("/")
    assert response.status_code == 500
    assert not transom.has_request_context()
    assert not transom.has_app_context()


class _PathAwareSessionInterface(SecureCookieSessionInterface):
    """A cookie of another name for the URLs that end in ``dynamic_cookie``."""

    @te.override
    def get_cookie_name(self, app: App) -> str:
        if request.url.endswith("dynamic_cookie"):
            return "dynamic_cookie_name"
        return super().get_cookie_name(app)


def test_session_dynamic_cookie_name() -> None:
    class CustomApp(App):
        session_interface = _PathAwareSessionInterface()

    app = CustomApp("flask_test", static_folder=None)
    app.secret_key = "secret_key"

    @app.route("/set", methods=["POST"])
    def set_value() -> str:
        session["value"] = request.form["value"]
        return "value set"

    @app.route("/get")
    def get_value() -> str:
        return str(session.get("value", "None"))

    @app.route("/set_dynamic_cookie", methods=["POST"])
    def set_dynamic_cookie() -> str:
        session["value"] = request.form["value"]
        return "value set"

    @app.route("/get_dynamic_cookie")
    def get_dynamic_cookie() -> str:
        return str(session.get("value", "None"))

    client = app.test_client()
    assert client.post("/set", data={"value": "42"}).data == b"value set"
    assert client.post("/set_dynamic_cookie", data={"value": "616"}).data == (
        b"value set"
    )
    # Each URL reads its own cookie back.
    assert client.get("/get").data == b"42"
    assert client.get("/get_dynamic_cookie").data == b"616"


def test_environ_for_valid_idna_completes() -> None:
    app = App("flask_test", static_folder=None)

    @app.route("/")
    def index() -> str:
        return "Hello World!"

    builder = EnvironBuilder(app)
    environ = builder.get_environ()
    builder.close()
    # Every one of these characters has an IDNA form.
    environ["HTTP_HOST"] = "ąśźäüжŠßя.com"
    with app.request_context(environ) as ctx:
        response = app.full_dispatch_request(ctx)
    assert response.status_code == 200


def test_normal_environ_completes() -> None:
    app = App("flask_test", static_folder=None)

    @app.route("/")
    def index() -> str:
        return "Hello World!"

    response = app.test_client().get("/", headers={"host": "xn--on-0ia.com"})
    assert response.status_code == 200
