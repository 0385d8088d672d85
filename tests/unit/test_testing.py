"""transom.testing: the test client's kept contexts, session transactions,
app-configured requests and typed arguments."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import pytest
import werkzeug.test
from werkzeug.wrappers import Request as WerkzeugRequest

from transom import App
from transom import g
from transom import redirect
from transom import request
from transom import session
from transom import stream_with_context
from transom._ctxvars import app_ctx_var
from transom._ctxvars import current_request_ctx
from transom.sessions import Session
from transom.testing import ClientError
from transom.testing import EnvironBuilder
from transom.testing import TestClient
from transom.testing import TestResponse
from transom.typing import JSONValue
from transom.wrappers import Response


@pytest.fixture
def app() -> App:
    app = App("test_testing", static_folder=None)
    app.config.update(TESTING=True, SECRET_KEY="test key")

    @app.route("/")
    def index() -> str:
        g.path = request.path
        return f"index {session.get('user', '-')}"

    @app.route("/login/<user>")
    def login(user: str) -> str:
        session["user"] = user
        g.user = user
        return "in"

    @app.route("/go")
    def go() -> Response:
        g.hop = "go"
        return redirect("/")

    @app.route("/where")
    def where() -> dict[str, JSONValue]:
        return {
            "url": request.url,
            "root": request.script_root,
            "host": request.host,
            "remote": request.remote_addr,
            "agent": request.user_agent.string,
            "secure": request.is_secure,
        }

    return app


def _json(response: TestResponse) -> dict[str, t.Any]:
    data = response.json
    assert isinstance(data, dict)
    return t.cast("dict[str, t.Any]", data)


# -- with client: ---------------------------------------------------------------


def test_without_the_block_nothing_is_kept(client: TestClient) -> None:
    client.get("/")
    assert current_request_ctx() is None


@pytest.mark.parametrize("through_response", [False, True])
def test_block_keeps_request_session_and_g(
    app: App, client: TestClient, through_response: bool
) -> None:
    if through_response:  # an after_request hook turns off the direct answer

        @app.after_request
        def unchanged(response: Response) -> Response:
            return response

    with client:
        assert client.get("/login/ada").text == "in"
        assert request.path == "/login/ada"
        assert session["user"] == "ada"
        assert g.user == "ada"
    assert current_request_ctx() is None
    assert app_ctx_var.get(None) is None


def test_teardown_runs_once_when_the_request_ends(app: App, client: TestClient) -> None:
    calls: list[str] = []

    @app.teardown_request
    def request_ends(error: BaseException | None) -> None:
        calls.append("request")

    @app.teardown_appcontext
    def app_context_ends(error: BaseException | None) -> None:
        calls.append("app")

    with client:
        client.get("/")
        assert calls == ["request", "app"]
        assert request.path == "/"
    assert calls == ["request", "app"]


def test_a_new_request_replaces_the_kept_one(client: TestClient) -> None:
    with client:
        client.get("/login/ada")
        first = current_request_ctx()
        client.get("/")
        assert current_request_ctx() is not first
        assert request.path == "/"
        assert "user" not in g  # each request has its own g
        assert g.path == "/"
    assert current_request_ctx() is None


def test_redirects_keep_the_last_request_and_the_history(client: TestClient) -> None:
    with client:
        response = client.get("/go", follow_redirects=True)
        assert response.text == "index -"
        assert [r.status_code for r in response.history] == [302]
        assert response.history[0].request.path == "/go"
        assert request.path == "/"
        assert "hop" not in g
    assert current_request_ctx() is None


def test_two_clients_never_share_g(app: App) -> None:
    first, second = app.test_client(), app.test_client()
    with first:
        first.get("/login/ada")
        with second:
            second.get("/login/bob")
            assert g.user == "bob" and session["user"] == "bob"
        assert g.user == "ada" and session["user"] == "ada"
        first.get("/")
        assert "user" not in g
    assert app_ctx_var.get(None) is None


def test_an_outer_context_comes_back(app: App, client: TestClient) -> None:
    with app.test_request_context("/outer") as outer:
        with client:
            client.get("/")
            assert request.path == "/"
        assert current_request_ctx() is outer


def test_an_exception_keeps_its_request(app: App, client: TestClient) -> None:
    @app.route("/boom")
    def boom() -> str:
        g.before = "boom"
        raise LookupError("boom")

    with client:
        with pytest.raises(LookupError):
            client.get("/boom")
        assert request.path == "/boom"
        assert g.before == "boom"
    assert current_request_ctx() is None


@pytest.mark.parametrize("read_inside", [True, False])
def test_streamed_bodies(app: App, client: TestClient, read_inside: bool) -> None:
    calls: list[str] = []

    @app.teardown_request
    def request_ends(error: BaseException | None) -> None:
        calls.append("request")

    @app.route("/stream")
    def stream() -> cabc.Iterator[str]:
        @stream_with_context
        def words() -> cabc.Iterator[str]:
            yield request.args["word"]
            yield "!"

        return words()

    with client:
        response = client.get("/stream?word=hi")
        assert calls == []  # the body holds the context
        if read_inside:
            assert response.text == "hi!"
            assert calls == ["request"]
        assert request.args["word"] == "hi"
    if not read_inside:
        assert current_request_ctx() is not None  # the unread body holds it
        assert response.text == "hi!"
    assert calls == ["request"]
    assert current_request_ctx() is None


def test_blocks_do_not_nest(client: TestClient) -> None:
    with client:
        with pytest.raises(ClientError, match="already open"):
            with client:
                pass
    with client:  # and the client can be used again
        client.get("/")


def test_the_debugger_hook_gets_a_reusable_context(app: App) -> None:
    kept: list[t.Any] = []
    environ = EnvironBuilder(app, "/login/ada").get_environ()
    environ["werkzeug.debug.preserve_context"] = kept.append
    body, _, _ = werkzeug.test.run_wsgi_app(app, environ, buffered=True)
    assert b"".join(body) == b"in"
    assert current_request_ctx() is None
    for _ in range(2):
        with kept[0]:
            assert session["user"] == "ada"
        assert current_request_ctx() is None


# -- session_transaction() -------------------------------------------------------


def test_session_transaction_sets_and_reads(client: TestClient) -> None:
    with client.session_transaction() as sess:
        assert isinstance(sess, Session)
        assert dict(sess) == {}
        sess["user"] = "ada"
    assert client.get("/").text == "index ada"
    client.get("/login/bob")
    with client.session_transaction() as sess:
        assert sess["user"] == "bob"


def test_session_transaction_without_changes_sets_no_cookie(
    client: TestClient,
) -> None:
    with client.session_transaction() as sess:
        assert sess.get("user") is None
    assert client.get_cookie("session") is None


def test_emptying_the_session_removes_its_cookie(client: TestClient) -> None:
    client.get("/login/ada")
    assert client.get_cookie("session") is not None
    with client.session_transaction() as sess:
        sess.clear()
    assert client.get_cookie("session") is None
    assert client.get("/").text == "index -"


def test_an_error_in_the_block_saves_nothing(client: TestClient) -> None:
    with pytest.raises(KeyError):
        with client.session_transaction() as sess:
            sess["user"] = "ada"
            raise KeyError("x")
    assert client.get("/").text == "index -"


def test_a_request_inside_the_transaction_raises(client: TestClient) -> None:
    with client.session_transaction() as sess:
        sess["user"] = "ada"
        with pytest.raises(ClientError, match="after the 'with' block"):
            client.get("/")
    assert client.get("/").text == "index ada"


def test_session_transaction_needs_a_secret_key(app: App, client: TestClient) -> None:
    app.secret_key = None
    with pytest.raises(ClientError, match=r"SECRET_KEY'\] = 'test'"):
        with client.session_transaction():
            pass


def test_session_transaction_needs_cookies(app: App) -> None:
    client = app.test_client(use_cookies=False)
    with pytest.raises(TypeError, match=r"use_cookies=True"):
        with client.session_transaction():
            pass


@pytest.mark.parametrize(
    "settings",
    [
        {"SERVER_NAME": "example.com:8080"},
        {"APPLICATION_ROOT": "/shop"},
        {"SESSION_COOKIE_PATH": "/"},
        {"SESSION_COOKIE_DOMAIN": "example.com", "SERVER_NAME": "www.example.com"},
        {"PREFERRED_URL_SCHEME": "https"},
    ],
)
def test_session_transaction_follows_the_cookie_settings(
    app: App, client: TestClient, settings: dict[str, str]
) -> None:
    app.config.update(settings)
    with client.session_transaction() as sess:
        sess["user"] = "ada"
    assert client.get("/").text == "index ada"
    client.get("/login/bob")
    with client.session_transaction() as sess:
        assert sess["user"] == "bob"


def test_session_transaction_keeps_a_permanent_session(
    app: App, client: TestClient
) -> None:
    with client.session_transaction() as sess:
        sess["user"] = "ada"
        sess.permanent = True
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None
    assert client.get("/").text == "index ada"


# -- requests as the app is configured --------------------------------------------


def test_requests_go_to_server_name_and_application_root(
    app: App, client: TestClient
) -> None:
    app.config.update(
        SERVER_NAME="example.com:8080",
        APPLICATION_ROOT="/shop",
        PREFERRED_URL_SCHEME="https",
    )
    data = _json(client.get("/where?q=1"))
    assert data["url"] == "https://example.com:8080/shop/where?q=1"
    assert data["root"] == "/shop"
    assert data["secure"] is True
    with app.test_request_context("/where") as ctx:
        assert ctx.request.url == "https://example.com:8080/shop/where"


def test_scheme_and_base_url_per_request(app: App, client: TestClient) -> None:
    assert _json(client.get("/where", url_scheme="https"))["secure"] is True
    data = _json(client.get("/where", base_url="http://other.test/app"))
    assert data["url"] == "http://other.test/app/where"
    data = _json(client.get("https://full.test/where"))
    assert data["url"] == "https://full.test/where"
    with pytest.raises(TypeError, match="put the scheme in base_url"):
        client.get("/where", base_url="http://x.test", url_scheme="https")


def test_environ_base(client: TestClient) -> None:
    assert _json(client.get("/where"))["remote"] == "127.0.0.1"
    client.environ_base["REMOTE_ADDR"] = "10.0.0.1"
    assert _json(client.get("/where"))["remote"] == "10.0.0.1"
    data = _json(
        client.get(
            "/where", environ_base={"REMOTE_ADDR": "10.0.0.2", "HTTP_USER_AGENT": "me"}
        )
    )
    assert (data["remote"], data["agent"]) == ("10.0.0.2", "me")
    data = _json(client.get("/where", environ_overrides={"REMOTE_ADDR": "10.0.0.3"}))
    assert data["remote"] == "10.0.0.3"


def test_ready_requests(app: App, client: TestClient) -> None:
    builder = werkzeug.test.EnvironBuilder("/where")
    client.environ_base["REMOTE_ADDR"] = "10.0.0.4"
    assert _json(client.open(builder))["remote"] == "10.0.0.4"
    environ = builder.get_environ()
    assert _json(client.open(WerkzeugRequest(environ)))["remote"] == "10.0.0.4"
    environ["REMOTE_ADDR"] = "10.0.0.5"  # its own wins
    assert _json(client.open(WerkzeugRequest(environ)))["remote"] == "10.0.0.5"
    with pytest.raises(TypeError, match="pass a path with keyword arguments"):
        client.open(builder, method="POST")


def test_json_body(app: App, client: TestClient) -> None:
    @app.route("/echo", methods=["POST"])
    def echo() -> dict[str, JSONValue]:
        return {"body": request.get_data(as_text=True), "type": request.mimetype}

    app.json.sort_keys = True
    data = _json(client.post("/echo", json={"b": 1, "a": 2}))
    assert data["type"] == "application/json"
    assert data["body"] == app.json.dumps({"a": 2, "b": 1})
    with pytest.raises(TypeError, match="send one body"):
        client.post("/echo", json={}, data="x")


def test_a_misspelt_argument_is_never_ignored(client: TestClient) -> None:
    misspelt: dict[str, t.Any] = {"follow_redirect": True}
    with pytest.raises(TypeError, match="follow_redirect"):
        client.post("/", **misspelt)
