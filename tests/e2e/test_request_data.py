"""Request data, end to end: query strings, forms, cookies and JSON, and the
4xx every bad input gets."""

from __future__ import annotations

import json

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app
from werkzeug.wsgi import get_content_length

from transom import App
from transom import View
from transom import request
from transom.testing import EnvironOptions
from transom.testing import TestClient
from transom.typing import JSONValue


@pytest.fixture
def data_app(app: App) -> App:
    @app.route("/args")
    def args() -> dict[str, JSONValue]:
        return {
            "q": request.args["q"],
            "page": request.args.get("page", 1, type=int),
            "tags": request.args.getlist("tag"),
        }

    @app.route("/form", methods=["POST"])
    def form() -> dict[str, JSONValue]:
        return {
            "name": request.form["name"],
            "colours": request.form.getlist("colour"),
            "note": request.form.get("note", ""),
        }

    @app.route("/values", methods=["GET", "POST"])
    def values() -> dict[str, JSONValue]:
        return {"v": request.values.getlist("v")}

    @app.route("/cookie")
    def cookie() -> dict[str, JSONValue]:
        return {"theme": request.cookies["theme"]}

    @app.route("/json")
    class Json(View):
        def post(self) -> dict[str, JSONValue]:
            return {"got": request.get_json()}

        def put(self) -> dict[str, JSONValue]:
            return {"got": request.json}

        def patch(self) -> dict[str, JSONValue]:
            return {"got": request.get_json(silent=True)}

        def delete(self) -> dict[str, JSONValue]:
            return {"got": request.get_json(force=True)}

    return app


@pytest.fixture
def data_client(data_app: App) -> TestClient:
    return data_app.test_client()


def test_query_string(data_client: TestClient) -> None:
    response = data_client.get("/args?q=shoes&page=2&tag=a&tag=b")
    assert response.json == {"q": "shoes", "page": 2, "tags": ["a", "b"]}
    defaults = data_client.get("/args", query_string={"q": "é & <x>"})
    assert defaults.json == {"q": "é & <x>", "page": 1, "tags": []}


def test_query_value_that_does_not_convert_uses_the_default(
    data_client: TestClient,
) -> None:
    assert data_client.get("/args?q=x&page=two").json == {
        "q": "x",
        "page": 1,
        "tags": [],
    }


def test_urlencoded_form(data_client: TestClient) -> None:
    response = data_client.post(
        "/form", data={"name": "Ada", "colour": ["red", "blue"]}
    )
    assert response.json == {"name": "Ada", "colours": ["red", "blue"], "note": ""}


def test_multipart_form(data_client: TestClient) -> None:
    response = data_client.post(
        "/form",
        data={"name": "Ada", "note": "n"},
        content_type="multipart/form-data",
    )
    assert response.json == {"name": "Ada", "colours": [], "note": "n"}


def test_values_combine_query_and_form(data_client: TestClient) -> None:
    response = data_client.post("/values?v=1", data={"v": "2"})
    assert response.json == {"v": ["1", "2"]}


def test_cookies(data_client: TestClient) -> None:
    data_client.set_cookie("theme", "dark")
    assert data_client.get("/cookie").json == {"theme": "dark"}


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/args", {}),
        ("GET", "/args?Q=upper-case-is-another-key", {}),
        ("POST", "/form", {}),
        ("POST", "/form", {"data": {"nam": "typo"}}),
        ("POST", "/form", {"json": {"name": "json is not a form"}}),
        ("POST", "/form", {"data": "name=Ada", "content_type": "text/plain"}),
        ("GET", "/cookie", {}),
    ],
)
def test_a_missing_key_is_a_400(
    data_client: TestClient, method: str, path: str, kwargs: EnvironOptions
) -> None:
    response = data_client.open(path, method=method, **kwargs)
    assert response.status_code == 400
    assert "Bad Request" in response.text


def test_a_missing_key_is_a_400_in_production_too(data_app: App) -> None:
    data_app.testing = False
    assert data_app.test_client().get("/args").status_code == 400


def test_a_missing_key_can_be_handled_as_a_key_error(app: App) -> None:
    @app.route("/")
    def index() -> str:
        try:
            return request.args["absent"]
        except KeyError:
            return "default"

    assert app.test_client().get("/").text == "default"


def test_json(data_client: TestClient) -> None:
    body = {"a": [1, 2.5, None, True], "b": {"c": "é"}}
    assert data_client.post("/json", json=body).json == {"got": body}
    assert data_client.put("/json", json=body).json == {"got": body}
    assert data_client.post("/json", json=[1, 2]).json == {"got": [1, 2]}
    assert data_client.post("/json", json="text").json == {"got": "text"}


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "application/vnd.x+json"],
)
def test_json_content_types(data_client: TestClient, content_type: str) -> None:
    response = data_client.post("/json", data='{"a": 1}', content_type=content_type)
    assert response.json == {"got": {"a": 1}}


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"",
        b"{'single': 'quotes'}",
        b'{"a": 1,}',
        b"\xff\xfe\x00",
        b"[" * 100_000 + b"]" * 100_000,
        b"NaN",
    ],
    ids=["truncated", "empty", "quotes", "trailing-comma", "bytes", "deep", "nan"],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_malformed_json_is_a_400(
    data_client: TestClient, method: str, body: bytes
) -> None:
    response = data_client.open(
        "/json", method=method, data=body, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_json_with_another_content_type_is_a_415(
    data_client: TestClient, method: str, content_type: str | None
) -> None:
    response = data_client.open(
        "/json", method=method, data=json.dumps({"a": 1}), content_type=content_type
    )
    assert response.status_code == 415


def test_silent_json_is_none_on_bad_input(data_client: TestClient) -> None:
    assert data_client.patch(
        "/json", data="{", content_type="application/json"
    ).json == {"got": None}
    assert data_client.patch("/json", data="{}", content_type="text/plain").json == {
        "got": None
    }


def test_forced_json_ignores_the_content_type(data_client: TestClient) -> None:
    response = data_client.delete("/json", data='{"a": 1}', content_type="text/plain")
    assert response.json == {"got": {"a": 1}}
    bad = data_client.delete("/json", data="{", content_type="text/plain")
    assert bad.status_code == 400


def test_a_body_over_max_content_length_is_a_413(data_app: App) -> None:
    data_app.config["MAX_CONTENT_LENGTH"] = 100
    client = data_app.test_client()
    assert client.post("/form", data={"name": "x" * 200}).status_code == 413
    assert client.post("/json", json={"a": "x" * 200}).status_code == 413
    assert client.post("/form", data={"name": "short"}).status_code == 200


@pytest.mark.parametrize(
    "declared",
    ["150", "0150", " 150", "150\t", "+150", "1_50", "١٥٠", "-150", "abc", "", "50"],
)
@pytest.mark.parametrize("chunked", [False, True])
def test_a_declared_length_is_read_as_werkzeug_reads_it(
    app: App, declared: str, chunked: bool
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 100

    @app.route("/nothing", methods=["POST"])
    def nothing() -> str:
        return "read nothing"

    environ = EnvironBuilder("/nothing", method="POST").get_environ()
    environ["CONTENT_LENGTH"] = declared
    if chunked:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    length = get_content_length(environ)
    # Sent as it is: the test client would set its own Content-Length.
    _, status, _ = run_wsgi_app(app, environ)
    assert status == (
        "413 REQUEST ENTITY TOO LARGE" if length and length > 100 else "200 OK"
    )


@pytest.mark.parametrize("deep", [False, True])
def test_a_json_body_with_one_long_string_is_read_or_refused_for_its_depth(
    app: App, deep: bool
) -> None:
    # One long string: the depth check matched strings with a pattern that
    # cost hundreds of times parsing such a body; python -m
    # benchmarks.json_checks times it.
    depth = 300 if deep else 200
    body = ("[" * depth + '"' + "a" * 1_000_000 + '"' + "]" * depth).encode()

    @app.route("/parsed", methods=["POST"])
    def parsed() -> str:
        value = request.get_json(silent=True)
        for _ in range(depth):
            value = value[0] if value else value
        return str(len(value or ""))

    answer = app.test_client().post(
        "/parsed", data=body, content_type="application/json"
    )
    assert answer.text == ("0" if deep else "1000000")
