"""Every form a view may return, and the errors for everything else."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import http
import typing as t
import uuid

import pytest
import typing_extensions as te
from werkzeug.datastructures import Headers
from werkzeug.wrappers import Response as WerkzeugResponse

from transom import App
from transom import Response
from transom import jsonify
from transom import make_response
from transom import redirect
from transom import render_template_string
from transom.exceptions import ResponseTypeError
from transom.json import JSONProvider
from transom.testing import TestClient
from transom.typing import StartResponse
from transom.typing import WSGIEnvironment


class Movie(t.TypedDict):
    title: str
    year: int


@dataclasses.dataclass
class Book:
    title: str
    tags: list[str]
    published: datetime.date


class Genre(enum.Enum):
    DRAMA = "drama"


def _route(app: App, value: object, rule: str = "/r") -> TestClient:
    def view() -> t.Any:
        return value

    app.add_route(rule, view, endpoint="view")
    return app.test_client()


def test_str_is_html(app: App) -> None:
    response = _route(app, "<b>hi</b>").get("/r")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.mimetype_params == {"charset": "utf-8"}
    assert response.text == "<b>hi</b>"


def test_bytes_are_sent_as_they_are(app: App) -> None:
    response = _route(app, b"\x00\xffraw").get("/r")
    assert response.data == b"\x00\xffraw"
    assert response.headers["Content-Length"] == "5"


def test_bytearray(app: App) -> None:
    assert _route(app, bytearray(b"abc")).get("/r").data == b"abc"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2]}),
        ([1, "two", None], [1, "two", None]),
        ([], []),
        ({}, {}),
        (Movie(title="Heat", year=1995), {"title": "Heat", "year": 1995}),
        (
            Book("Dune", ["sf"], datetime.date(1965, 8, 1)),
            {"title": "Dune", "tags": ["sf"], "published": "1965-08-01"},
        ),
        ({"genre": Genre.DRAMA}, {"genre": "drama"}),
        (
            {"id": uuid.UUID(int=1), "price": decimal.Decimal("1.50")},
            {"id": "00000000-0000-0000-0000-000000000001", "price": "1.50"},
        ),
        ({"text": "ünïcode"}, {"text": "ünïcode"}),
    ],
)
def test_json_bodies(app: App, value: object, expected: object) -> None:
    response = _route(app, value).get("/r")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == expected


def test_generator_is_streamed(app: App, client: TestClient) -> None:
    produced: list[int] = []

    @app.route("/stream")
    def stream() -> cabc.Iterator[str]:
        for i in range(3):
            produced.append(i)
            yield f"chunk{i};"

    response = client.get("/stream", buffered=False)
    assert response.status_code == 200
    assert "Content-Length" not in response.headers
    assert response.is_streamed
    assert response.get_data() == b"chunk0;chunk1;chunk2;"
    assert produced == [0, 1, 2]


def test_iterator_of_bytes(app: App) -> None:
    assert _route(app, iter([b"a", b"b"])).get("/r").data == b"ab"


def test_response_object_is_returned_unchanged(app: App) -> None:
    made = Response("made", status=202, headers={"X-Made": "yes"})
    response = _route(app, made).get("/r")
    assert (response.status_code, response.text) == (202, "made")
    assert response.headers["X-Made"] == "yes"


def test_wsgi_application(app: App, client: TestClient) -> None:
    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        start_response("201 CREATED", [("Content-Type", "text/plain")])
        return [f"wsgi saw {environ['PATH_INFO']}".encode()]

    @app.route("/wsgi")
    def view() -> t.Any:
        return wsgi

    response = client.get("/wsgi")
    assert response.status_code == 201
    assert response.mimetype == "text/plain"
    assert response.text == "wsgi saw /wsgi"


def test_werkzeug_response(app: App) -> None:
    response = _route(app, WerkzeugResponse("plain werkzeug", status=203)).get("/r")
    assert (response.status_code, response.text) == (203, "plain werkzeug")


@pytest.mark.parametrize(
    ("value", "status", "headers"),
    [
        (("created", 201), 201, {}),
        (("created", http.HTTPStatus.CREATED), 201, {}),
        (("teapot", 418, {"X-A": "1"}), 418, {"X-A": "1"}),
        (("h", {"X-A": "1", "X-B": "2"}), 200, {"X-A": "1", "X-B": "2"}),
        (("h", Headers([("X-A", "1")])), 200, {"X-A": "1"}),
        (("h", [("X-A", "1")]), 200, {"X-A": "1"}),
        (({"json": True}, 201, [("X-A", "1")]), 201, {"X-A": "1"}),
        ((Response("r", status=200), 404), 404, {}),
        (
            ("h", 200, {"Content-Type": "text/plain"}),
            200,
            {"Content-Type": "text/plain"},
        ),
    ],
)
def test_tuple_forms(
    app: App, value: object, status: int, headers: dict[str, str]
) -> None:
    response = _route(app, value).get("/r")
    assert response.status_code == status
    for name, text in headers.items():
        assert response.headers[name] == text


def test_headers_as_list_of_pairs_keep_repeats(app: App) -> None:
    value = ("h", [("Link", "</a>"), ("Link", "</b>")])
    response = _route(app, value).get("/r")
    assert response.headers.getlist("Link") == ["</a>", "</b>"]


def test_header_mapping_replaces_defaults(app: App) -> None:
    response = _route(app, ("h", {"Content-Type": "text/plain"})).get("/r")
    assert response.headers.getlist("Content-Type") == ["text/plain"]


_BAD_VALUES: list[tuple[object, str]] = [
    (None, "returned None (is a 'return' statement missing?)"),
    (42, "returned int 42"),
    (3.5, "returned float 3.5"),
    (True, "returned bool True"),
    ({1, 2}, "returned set {1, 2}"),
    (object, "returned type"),
    (("a", "b", "c", "d"), "returned tuple"),
    (("a",), "returned tuple"),
    ((), "returned tuple"),
    (("body", "201"), "returned tuple ('body', '201')"),
    (("body", "201", {}), "returned tuple"),
    (("body", 201, 7), "returned tuple"),
    ((("nested",), 200), "returned tuple"),
    ((None, 200), "returned tuple (None, 200)"),
]


@pytest.mark.parametrize(("value", "message"), _BAD_VALUES)
def test_other_values_are_a_type_error(app: App, value: object, message: str) -> None:
    client = _route(app, value)
    with pytest.raises(ResponseTypeError) as info:
        client.get("/r")
    text = str(info.value)
    assert f"_route.<locals>.view {message}" in text
    assert "Return a str (HTML), bytes, a dict" in text
    assert isinstance(info.value, TypeError)


def test_type_error_is_a_500_when_serving(
    monkeypatch: pytest.MonkeyPatch, value: object = None
) -> None:
    app = App("serving", static_folder=None)
    # The logger is shared by every app of that name: quiet it for this test only.
    monkeypatch.setattr(app.logger, "disabled", True)
    response = _route(app, value).get("/r")
    assert response.status_code == 500
    assert "None" not in response.text


def test_type_error_names_a_class_view_method(app: App, client: TestClient) -> None:
    from transom import View

    @app.route("/v")
    class Broken(View):
        def get(self) -> t.Any:
            return 1

    with pytest.raises(ResponseTypeError, match=r"Broken\.get returned int 1"):
        client.get("/v")


def test_type_error_names_the_before_request_hook(app: App, client: TestClient) -> None:
    @app.before_request
    def gate() -> t.Any:
        return 7

    with pytest.raises(ResponseTypeError, match=r"gate returned int 7"):
        client.get("/anything")


def test_type_error_names_the_error_handler(app: App, client: TestClient) -> None:
    @app.errorhandler(404)
    def missing(e: Exception) -> t.Any:
        return None

    with pytest.raises(ResponseTypeError, match=r"missing returned None"):
        client.get("/nothing")


def test_make_response_then_change_it(app: App, client: TestClient) -> None:
    @app.route("/m")
    def m() -> Response:
        response = make_response({"ok": True}, 201)
        response.headers["X-Extra"] = "1"
        response.set_cookie("seen", "yes")
        return response

    response = client.get("/m")
    assert response.status_code == 201
    assert response.json == {"ok": True}
    assert response.headers["X-Extra"] == "1"
    assert "seen=yes" in response.headers["Set-Cookie"]


def test_make_response_forms(app: App) -> None:
    with app.test_request_context():
        assert make_response().status_code == 200
        assert make_response("x").get_data(as_text=True) == "x"
        assert make_response("x", 404).status_code == 404
        assert make_response("x", {"X-A": "1"}).headers["X-A"] == "1"
        three = make_response("x", 202, [("X-B", "2")])
        assert (three.status_code, three.headers["X-B"]) == (202, "2")
        with pytest.raises(ResponseTypeError):
            make_response(None)  # type: ignore[call-overload]


def test_make_response_outside_context_is_clear() -> None:
    with pytest.raises(RuntimeError, match="application context"):
        make_response("x")


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((), {"a": 1}, {"a": 1}),
        (({"b": 2},), {}, {"b": 2}),
        ((1, 2), {}, [1, 2]),
        (([3],), {}, [3]),
        (("text",), {}, "text"),
        ((), {}, None),  # null, as in Flask
        ((None,), {}, None),
    ],
)
def test_jsonify(
    app: App, args: tuple[object, ...], kwargs: dict[str, object], expected: object
) -> None:
    with app.app_context():
        response = jsonify(*args, **kwargs)
    assert response.mimetype == "application/json"
    assert response.json == expected


def test_jsonify_of_nothing_is_null(app: App) -> None:
    with app.app_context():
        assert jsonify().get_data() == b"null\n"


def test_jsonify_rejects_both_forms() -> None:
    with pytest.raises(TypeError, match="positional or keyword arguments, not both"):
        jsonify(1, a=2)


def test_jsonify_works_outside_a_context() -> None:
    assert jsonify(a=1).json == {"a": 1}


def test_jsonify_from_a_view(app: App, client: TestClient) -> None:
    @app.route("/j")
    def j() -> Response:
        return jsonify(items=[1, 2])

    assert client.get("/j").json == {"items": [1, 2]}


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirect(app: App, client: TestClient, code: int) -> None:
    @app.route("/old")
    def old() -> Response:
        return redirect("/new?x=1", code)

    response = client.get("/old")
    assert response.status_code == code
    assert response.location == "/new?x=1"


def test_redirect_refuses_header_injection() -> None:
    with pytest.raises(ValueError, match="CR or LF"):
        redirect("/next\r\nSet-Cookie: evil=1")


def test_response_default_mimetype_is_html() -> None:
    assert Response("x").mimetype == "text/html"


def test_json_defaults_differ_from_flask_as_documented(app: App) -> None:
    # Flask sorts keys, escapes non-ASCII, writes HTTP dates and indents in
    # debug mode; docs/flask.md says why transom does none of these.
    app.debug = True
    value = {"b": "ü", "a": datetime.date(1975, 1, 5)}

    @app.route("/")
    def index() -> Response:
        return jsonify(value)

    body = app.test_client().get("/").get_data(as_text=True)
    assert body == '{"b":"ü","a":"1975-01-05"}\n'
    app.json.sort_keys = True
    app.json.ensure_ascii = True
    app.json.compact = False
    with app.app_context():
        flask_like = jsonify(value).get_data(as_text=True)
    assert flask_like == '{\n  "a": "1975-01-05",\n  "b": "\\u00fc"\n}\n'


class _Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents


class _MoneyJSON(JSONProvider):
    @staticmethod
    @te.override
    def default(o: object) -> object:
        if isinstance(o, _Money):
            return f"{o.cents / 100:.2f} EUR"
        return JSONProvider.default(o)


def test_a_providers_default_writes_more_types(app: App, client: TestClient) -> None:
    app.json = _MoneyJSON()

    @app.route("/price")
    def price() -> dict[str, t.Any]:
        # The provider's own types still go through JSONProvider.default.
        # (A type the app's provider adds is no JSONValue: typed Any.)
        return {"price": _Money(1250), "day": datetime.date(2024, 5, 1)}

    @app.route("/jsonify")
    def with_jsonify() -> Response:
        return jsonify(price=_Money(5))

    @app.route("/template")
    def template() -> str:
        return render_template_string("{{ value|tojson }}", value=[_Money(100)])

    assert client.get("/price").json == {"price": "12.50 EUR", "day": "2024-05-01"}
    assert client.get("/jsonify").json == {"price": "0.05 EUR"}
    assert client.get("/template").text == '["1.00 EUR"]'
    # Without it the type is still refused, naming the type.
    with pytest.raises(TypeError, match="_Money is not JSON serializable"):
        JSONProvider().dumps(_Money(1))
