"""Answers written straight to WSGI (no after_request hook, no session)
are byte for byte those that go through a Response (with a hook), and the
matcher without a URL adapter answers as werkzeug's adapter does."""

from __future__ import annotations

import datetime
import typing as t

import pytest
import typing_extensions as te
from itsdangerous import TimestampSigner
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import Unauthorized

from transom import App
from transom import View
from transom import abort
from transom import session
from transom.sessions import SecureCookieSessionInterface
from transom.sessions import Session
from transom.testing import TestResponse
from transom.typing import JSONValue
from transom.wrappers import Request
from transom.wrappers import Response


def _make_app(with_hook: bool) -> App:
    app = App("direct_app", static_folder=None)

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return "<p>Hello, World!</p>"

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> dict[str, int]:
            return {"id": post_id}

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    @app.route("/items")
    def items(n: int = 2) -> list[int]:
        return list(range(n))

    @app.route("/dir/")
    def directory() -> str:
        return "a directory"

    @app.route("/abort/<int:code>")
    def aborting(code: int, description: str | None = None) -> str:
        if description is None:
            abort(code)
        abort(code, description=description)

    @app.route("/abort-response")
    def abort_response() -> str:
        abort(Response("made by the view", 202, {"X-Made": "yes"}))

    @app.route("/not-allowed")
    def not_allowed() -> str:
        raise MethodNotAllowed(["GET", "PATCH"])

    @app.route("/unauthorized")
    def unauthorized() -> str:
        raise Unauthorized(www_authenticate=WWWAuthenticate("basic", {"realm": "x"}))

    if with_hook:

        @app.after_request
        def keep(response: Response) -> Response:
            return response

    return app


def _answer(response: TestResponse) -> tuple[str, list[tuple[str, str]], bytes]:
    return response.status, response.headers.to_wsgi_list(), response.get_data()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("HEAD", "/"),
        ("GET", "/post/3"),
        ("HEAD", "/post/3"),
        ("DELETE", "/post/3"),
        ("OPTIONS", "/post/3"),
        ("GET", "/items?n=3"),
        ("GET", "/items?n=x"),
        ("GET", "/nowhere"),
        ("HEAD", "/nowhere"),
        ("GET", "/post/abc"),
        ("PUT", "/post/3"),
        ("POST", "/"),
        ("get", "/"),
        ("GET", "/dir"),
        ("GET", "//post//3"),
        ("GET", "/caf%C3%A9"),
        ("GET", "/abort/403"),
        ("HEAD", "/abort/403"),
        ("GET", "/abort/410?description=<b>gone</b>"),
        ("GET", "/abort/418"),
        ("GET", "/abort/400"),
        ("GET", "/abort/304"),
        ("GET", "/abort-response"),
        ("GET", "/not-allowed"),
        ("GET", "/unauthorized"),
    ],
)
def test_direct_answers_equal_response_answers(method: str, path: str) -> None:
    direct_client = _make_app(with_hook=False).test_client()
    through = _make_app(with_hook=True).test_client().open(path, method=method)
    # Twice: the second answer may come from what the first one matched.
    for _ in range(2):
        direct = direct_client.open(path, method=method)
        assert _answer(direct) == _answer(through)


def test_every_method_of_a_path_after_another() -> None:
    direct_client = _make_app(with_hook=False).test_client()
    through_client = _make_app(with_hook=True).test_client()
    for method in ("GET", "HEAD", "POST", "OPTIONS", "DELETE", "GET", "POST"):
        for path in ("/", "/dir/", "/dir", "/items"):
            direct = direct_client.open(path, method=method)
            through = through_client.open(path, method=method)
            assert _answer(direct) == _answer(through), (method, path)


def test_error_handler_still_answers_404_and_405() -> None:
    app = _make_app(with_hook=False)

    @app.errorhandler(404)
    def missing(e: Exception) -> tuple[str, int]:
        return "missing", 404

    @app.errorhandler(405)
    def refused(e: Exception) -> tuple[str, int]:
        return "refused", 405

    client = app.test_client()
    assert client.get("/nowhere").text == "missing"
    assert client.put("/post/3").text == "refused"


def test_a_host_werkzeug_refuses_is_refused_every_time() -> None:
    client = _make_app(with_hook=False).test_client()
    for _ in range(2):
        assert client.get("/", headers={"Host": "a..b"}).status_code == 400
        assert client.get("/", headers={"Host": "example.com"}).status_code == 200


class _FixedClock(SecureCookieSessionInterface):
    """Signs and expires as if always at the same instant, so that two apps
    give the same cookies; it changes nothing in how they are saved."""

    @te.override
    def expiration(self, app: App, session: Session) -> datetime.datetime | None:
        return NOW if session.permanent else None


NOW: t.Final = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def _session_app(with_hook: bool) -> App:
    app = App("direct_session_app", static_folder=None)
    app.secret_key = "direct-key"
    app.session_interface = _FixedClock()

    @app.route("/set/<value>")
    def set_value(value: str) -> str:
        session["value"] = value
        return "set"

    @app.route("/get")
    def get_value() -> dict[str, JSONValue]:
        return {"value": session.get("value")}

    @app.route("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    @app.route("/permanent")
    def permanent() -> str:
        session.permanent = True
        return "permanent"

    @app.route("/gone")
    def gone() -> str:
        session["seen"] = True
        abort(410)

    @app.route("/untouched")
    def untouched() -> str:
        return "untouched"

    if with_hook:

        @app.after_request
        def keep(response: Response) -> Response:
            return response

    return app


def test_answers_with_a_session_equal_response_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def get_timestamp(self: TimestampSigner) -> int:
        return 1_900_000_000

    monkeypatch.setattr(TimestampSigner, "get_timestamp", get_timestamp)
    direct_client = _session_app(with_hook=False).test_client()
    through_client = _session_app(with_hook=True).test_client()
    steps = [
        ("GET", "/untouched"),
        ("GET", "/get"),
        ("GET", "/set/ada"),
        ("HEAD", "/get"),
        ("GET", "/get"),
        ("GET", "/permanent"),
        ("GET", "/gone"),
        ("GET", "/untouched"),
        ("GET", "/clear"),
        ("GET", "/get"),
    ]
    for method, path in steps:
        direct = direct_client.open(path, method=method)
        through = through_client.open(path, method=method)
        assert _answer(direct) == _answer(through), (method, path)
    assert direct_client.get("/get").json == {"value": None}


def test_a_session_interface_that_saves_its_own_way_sees_a_response() -> None:
    class Marking(SecureCookieSessionInterface):
        @te.override
        def save_session(
            self, app: App, session: Session, response: Response, request: Request
        ) -> None:
            super().save_session(app, session, response, request)
            response.headers["X-Saved"] = "yes"

    app = _session_app(with_hook=False)
    app.session_interface = Marking()
    response = app.test_client().get("/set/ada")
    assert response.headers["X-Saved"] == "yes"
    assert response.headers["Vary"] == "Cookie"
    assert "session=" in response.headers["Set-Cookie"]
