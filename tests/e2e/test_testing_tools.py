"""The testing tools on a whole app built by a factory, as a tutorial app's
tests use them: fixtures for the app, client and runner; ``with client:``
to look at the session and ``g`` after a request; a session set up before
one; a command run against the same app; an app served under a root."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import pytest

from transom import App
from transom import View
from transom import current_app
from transom import g
from transom import redirect
from transom import request
from transom import session
from transom import url_for
from transom._ctxvars import current_request_ctx
from transom.cli.testing import CliRunner
from transom.testing import TestClient
from transom.wrappers import Response


def create_app(test_config: dict[str, t.Any] | None = None) -> App:
    app = App("tutorial", static_folder=None)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config is not None:
        app.config.update(test_config)
    app.extensions["users"] = {}
    closed: list[str] = []
    app.extensions["closed"] = closed

    @app.teardown_appcontext
    def close_db(error: BaseException | None) -> None:
        if g.pop("db", None) is not None:
            closed.append("db")

    def users() -> dict[int, str]:
        g.db = "open"
        found: dict[int, str] = current_app.extensions["users"]
        return found

    @app.command()
    def init_db(*, admin: str = "admin") -> None:
        """Clear the users and add the admin."""
        users().clear()
        users()[1] = admin
        print("Initialized the database.")

    @app.before_request
    def load_logged_in_user() -> None:
        user_id = session.get("user_id")
        g.user = None if user_id is None else users().get(user_id)

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return f"Hello, {g.user or 'stranger'}!"

    @app.route("/auth/login")
    class Login(View):
        def post(self) -> Response | tuple[str, int]:
            name = request.form.get("username", "")
            ids = [i for i, user in users().items() if user == name]
            if not ids:
                return "Unknown user.", 400
            session.clear()
            session["user_id"] = ids[0]
            return redirect(url_for(Index.get), 303)

    @app.route("/auth/logout")
    class Logout(View):
        def get(self) -> Response:
            session.clear()
            return redirect(url_for(Index.get))

    return app


@pytest.fixture
def app() -> cabc.Iterator[App]:
    app = create_app({"TESTING": True})
    runner = app.test_cli_runner()
    assert runner.invoke(["init-db", "--admin", "test"]).exit_code == 0
    yield app
    app.extensions["users"].clear()


@pytest.fixture
def client(app: App) -> TestClient:
    return app.test_client()


@pytest.fixture
def runner(app: App) -> CliRunner:
    return app.test_cli_runner()


def test_login_then_look_inside(app: App, client: TestClient) -> None:
    closed: list[str] = app.extensions["closed"]
    closed.clear()  # the fixture's init-db closed one
    with client:
        response = client.post(
            "/auth/login", data={"username": "test"}, follow_redirects=True
        )
        assert response.text == "Hello, test!"
        assert [r.headers["Location"] for r in response.history] == ["/"]
        assert session["user_id"] == 1
        assert g.user == "test"
        assert request.path == "/"
        assert url_for("login") == "/auth/login"  # the kept context builds URLs
        assert closed == ["db", "db"]  # each request torn down once
    assert current_request_ctx() is None
    assert closed == ["db", "db"]


def test_logout(client: TestClient) -> None:
    with client.session_transaction() as sess:
        sess["user_id"] = 1
    with client:
        client.get("/auth/logout")
        assert "user_id" not in session
    assert client.get("/").text == "Hello, stranger!"


def test_unknown_user(client: TestClient) -> None:
    with client:
        response = client.post("/auth/login", data={"username": "nobody"})
        assert response.status_code == 400
        assert g.user is None
        assert "user_id" not in session


def test_init_db_command(app: App, runner: CliRunner) -> None:
    result = runner.invoke(["init-db"])
    assert (result.exit_code, result.output) == (0, "Initialized the database.\n")
    assert app.extensions["users"] == {1: "admin"}
    assert "init-db" in runner.invoke(["--help"]).output


def test_an_app_under_a_root_and_a_host() -> None:
    app = create_app(
        {
            "TESTING": True,
            "SERVER_NAME": "example.com",
            "APPLICATION_ROOT": "/tutorial",
            "PREFERRED_URL_SCHEME": "https",
        }
    )
    app.test_cli_runner().invoke(["init-db", "--admin", "ada"])
    client = app.test_client()
    with client:
        response = client.post(
            "/auth/login", data={"username": "ada"}, follow_redirects=True
        )
        assert response.text == "Hello, ada!"
        assert request.url == "https://example.com/tutorial/"
        assert response.history[0].headers["Location"] == "/tutorial/"
    with client.session_transaction() as sess:
        assert sess["user_id"] == 1
        sess["user_id"] = 2
    assert client.get("/").text == "Hello, stranger!"
