"""Cookies, end to end: reading, setting and deleting them, and setting one
before the response exists."""

from __future__ import annotations

import datetime

import pytest

from transom import App
from transom import Response
from transom import after_this_request
from transom import make_response
from transom import request
from transom.testing import TestClient


@pytest.fixture
def cookie_app(app: App) -> App:
    @app.route("/set/<name>/<value>")
    def set_cookie(name: str, value: str) -> Response:
        response = make_response(f"set {name}")
        response.set_cookie(name, value)
        return response

    @app.route("/read/<name>")
    def read(name: str) -> str:
        return repr(request.cookies.get(name))

    @app.route("/delete/<name>")
    def delete(name: str) -> Response:
        response = make_response("deleted")
        response.delete_cookie(name)
        return response

    @app.route("/remember")
    def remember() -> str:
        @after_this_request
        def set_visited(response: Response) -> Response:
            response.set_cookie("visited", "yes", max_age=3600)
            return response

        return "<p>remembered</p>"

    return app


@pytest.fixture
def cookie_client(cookie_app: App) -> TestClient:
    return cookie_app.test_client()


def test_set_and_read_back(cookie_client: TestClient) -> None:
    response = cookie_client.get("/set/theme/dark")
    assert response.headers["Set-Cookie"] == "theme=dark; Path=/"
    assert cookie_client.get("/read/theme").text == "'dark'"
    assert cookie_client.get("/read/other").text == "None"


def test_delete(cookie_client: TestClient) -> None:
    cookie_client.get("/set/theme/dark")
    response = cookie_client.get("/delete/theme")
    header = response.headers["Set-Cookie"]
    assert header.startswith("theme=;")
    assert "Max-Age=0" in header
    assert cookie_client.get("/read/theme").text == "None"


@pytest.mark.parametrize(
    "value", ["a b", 'quote"d', "semi;colon", "comma,", "é ü", "back\\slash"]
)
def test_values_that_need_quoting_round_trip(
    cookie_app: App, cookie_client: TestClient, value: str
) -> None:
    @cookie_app.route("/odd")
    def odd() -> Response:
        response = make_response("")
        response.set_cookie("odd", value)
        return response

    cookie_client.get("/odd")
    assert cookie_client.get("/read/odd").text == repr(value)


def test_cookie_attributes(cookie_app: App, cookie_client: TestClient) -> None:
    expires = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)

    @cookie_app.route("/full")
    def full() -> Response:
        response = make_response("")
        response.set_cookie(
            "full",
            "v",
            max_age=60,
            expires=expires,
            path="/shop",
            domain="example.com",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        return response

    header = cookie_client.get("/full").headers["Set-Cookie"]
    parts = [part.strip() for part in header.split(";")]
    assert parts == [
        "full=v",
        "Domain=example.com",
        "Expires=Wed, 02 Jan 2030 03:04:05 GMT",
        "Max-Age=60",
        "Secure",
        "HttpOnly",
        "Path=/shop",
        "SameSite=Strict",
    ]


def test_after_this_request_sets_a_cookie_on_a_str_response(
    cookie_client: TestClient,
) -> None:
    response = cookie_client.get("/remember")
    assert response.text == "<p>remembered</p>"
    assert response.headers["Set-Cookie"].startswith("visited=yes;")
    assert cookie_client.get("/read/visited").text == "'yes'"


def test_after_this_request_applies_to_its_request_only(
    cookie_client: TestClient,
) -> None:
    cookie_client.get("/remember")
    assert "Set-Cookie" not in cookie_client.get("/read/visited").headers


def test_after_this_request_needs_a_request() -> None:
    def hook(response: Response) -> Response:
        return response

    with pytest.raises(RuntimeError, match="request context"):
        after_this_request(hook)


def test_several_cookies(cookie_client: TestClient) -> None:
    cookie_client.get("/set/a/1")
    cookie_client.get("/set/b/2")
    assert cookie_client.get("/read/a").text == "'1'"
    assert cookie_client.get("/read/b").text == "'2'"


def test_malformed_cookie_header_is_not_an_error(cookie_app: App) -> None:
    client = cookie_app.test_client()
    response = client.get(
        "/read/theme", headers={"Cookie": 'theme="unterminated; ;;=; \x7f=x; theme2'}
    )
    assert response.status_code == 200
