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


def test_json_bodies_of_typed_dicts_dataclasses_and_nested_values() -> None:
    client = checked.app.test_client()
    assert client.get("/tags").json == [{"name": "python", "count": 2}]
    assert client.post("/tags").json == {
        "tag": {"name": "new", "count": 0},
        "ids": [1, 2],
        "pair": [1, "a"],
    }
    assert client.get("/author").json == {"name": "ada", "joined": "2024-05-01"}
    assert client.get("/author/full").json == {
        "author": {"name": "ada", "joined": "2024-05-01"},
        "posts": [1, 2],
    }


def test_typed_error_handlers_session_config_and_decorators() -> None:
    client = checked.app.test_client()
    assert client.get("/nowhere").text == "nothing here"
    response = client.post("/form")
    assert (response.text, response.headers["X-Form"]) == ("form", "1")
    assert client.get("/decorated/3").text == "n=3"
    assert client.get("/cart").json == {"items": ["apple"], "debug": False}
    assert client.get("/cart").json == {"items": ["apple", "apple"], "debug": False}
    with checked.app.test_request_context():
        assert checked.more_links() == ["/tags", "/decorated/3", "/form"]


def test_an_error_handler_for_a_class_takes_its_subclasses() -> None:
    app = App(__name__)
    app.register_error_handler(checked.QuotaError, checked.quota)

    @app.route("/quota")
    def over() -> str:
        raise checked.QuotaError

    response = app.test_client().get("/quota")
    assert (response.status_code, response.text) == (429, "over quota")
