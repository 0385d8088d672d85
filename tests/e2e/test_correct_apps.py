"""The app of tests/type_check/check_correct_apps.py, which every checker
accepts, does what its types say: each form there works at run time."""

from __future__ import annotations

import pytest

from tests.type_check import check_correct_apps as checked
from transom import App
from transom import request
from transom.typing import ResponseValue


def test_a_verb_switched_off_answers_405() -> None:
    client = checked.app.test_client()
    assert client.get("/archive/1").text == "Post 1"
    response = client.delete("/archive/1")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_a_list_in_a_headers_mapping_sends_a_line_each() -> None:
    client = checked.app.test_client()
    login = client.post("/login")
    assert login.headers.getlist("Set-Cookie") == ["user=ada", "theme=dark"]
    logout = client.get("/logout")
    assert logout.status_code == 200
    assert logout.headers.getlist("Set-Cookie") == ["user=", "theme="]


def test_a_newline_in_a_listed_header_value_is_a_400() -> None:
    app = App(__name__)

    @app.route("/echo")
    def echo() -> ResponseValue:
        return "ok", {"X-Echo": ["fixed", request.args.get("v", "")]}

    response = app.test_client().get("/echo?v=a%0d%0aSet-Cookie:+x=1")
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers


def test_links_in_every_accepted_form() -> None:
    with checked.app.test_request_context():
        assert checked.links() == [
            "/archive/1",
            "/archive/1",
            "/paint/red",
            "/paint/red?size=2",
            "/paint/blue?size=2",
            "/search",
            "/search?page=2",
            "/search",
            "/price/2.5",
            "/price/3",
        ]


@pytest.mark.parametrize(
    ("path", "text"),
    [("/paint/red?size=2", "red 2"), ("/search", "None 1"), ("/price/2.5", "2.50")],
)
def test_views_receive_converted_values(path: str, text: str) -> None:
    assert checked.app.test_client().get(path).text == text
