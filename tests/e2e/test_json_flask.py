"""Flask's tests of JSON (tests/test_json.py), ported to transom with
Flask's names renamed to transom's.

transom's JSON defaults differ from Flask's on purpose (docs/flask.md,
"JSON output"), and the tests that show them assert transom's output and
then the setting that gives Flask's: dates and datetimes are ISO 8601
(``test_jsonify_datetime``, ``test_jsonify_aware_datetimes``,
``test_tojson_filter``), keys keep their order and output stays compact in
debug mode (``test_json_key_sorting``), and a body that is not JSON gets a
400 that names the problem whatever the mode
(``test_bad_request_debug_message``).

Changed: transom has no module-level ``json.dumps``, ``loads``, ``dump`` or
``load``: the tests call the provider, ``app.json`` (or
``transom.json.default_provider`` outside an app). A provider is made with
no app (``JSONProvider()``), and a type it cannot write is taught to it by
overriding its ``default`` static method in a subclass rather than setting
an attribute on the instance. Views that close over their value take no
parameter with a default, which transom would read from the query string.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime
import decimal
import io
import typing as t
import uuid

import pytest
import typing_extensions as te
from werkzeug.http import http_date

import transom
from transom import App
from transom import request
from transom.ctx import AppContext
from transom.ctx import RequestContext
from transom.json import JSONProvider
from transom.json import default_provider
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


@pytest.fixture
def req_ctx(app: App) -> cabc.Iterator[RequestContext]:
    with app.test_request_context() as ctx:
        yield ctx


@pytest.mark.parametrize("debug", [True, False])
def test_bad_request_debug_message(app: App, client: TestClient, debug: bool) -> None:
    app.config["DEBUG"] = debug
    app.config["TRAP_BAD_REQUEST_ERRORS"] = False

    @app.route("/json", methods=["POST"])
    def post_json() -> str:
        request.get_json()
        return ""

    rv = client.post("/json", data=None, content_type="application/json")
    assert rv.status_code == 400
    # Flask says why in debug mode only; the error is the client's own.
    assert b"Failed to decode JSON object" in rv.data


def test_json_bad_requests(app: App, client: TestClient) -> None:
    @app.route("/json", methods=["POST"])
    def return_json() -> Response:
        return transom.jsonify(foo=str(request.get_json()))

    rv = client.post("/json", data="malformed", content_type="application/json")
    assert rv.status_code == 400


def test_json_custom_mimetypes(app: App, client: TestClient) -> None:
    @app.route("/json", methods=["POST"])
    def return_json() -> str:
        return str(request.get_json())

    rv = client.post("/json", data='"foo"', content_type="application/x+json")
    assert rv.data == b"foo"


@pytest.mark.parametrize(
    ("test_value", "expected"), [(True, '"\\u2603"'), (False, '"\u2603"')]
)
def test_json_as_unicode(
    test_value: bool, expected: str, app: App, app_ctx: AppContext
) -> None:
    app.json.ensure_ascii = test_value
    assert app.json.dumps("\N{SNOWMAN}") == expected


def test_json_dump_to_file(app: App, app_ctx: AppContext) -> None:
    test_data = {"name": "Flask"}
    out = io.StringIO()
    out.write(app.json.dumps(test_data))
    out.seek(0)
    assert app.json.loads(out.read()) == test_data


@pytest.mark.parametrize(
    "test_value", [0, -1, 1, 23, 3.14, "s", "longer string", True, False, None]
)
def test_jsonify_basic_types(test_value: object, app: App, client: TestClient) -> None:
    def value() -> Response:
        return transom.jsonify(test_value)

    url = "/jsonify_basic_types"
    app.add_url_rule(url, url, value)
    rv = client.get(url)
    assert rv.mimetype == "application/json"
    assert app.json.loads(rv.data) == test_value


_DICT: t.Final[dict[str, object]] = {
    "a": 0,
    "b": 23,
    "c": 3.14,
    "d": "t",
    "e": "Hi",
    "f": True,
    "g": False,
    "h": ["test list", 10, False],
    "i": {"test": "dict"},
}


def test_jsonify_dicts(app: App, client: TestClient) -> None:
    @app.route("/kw")
    def return_kwargs() -> Response:
        return transom.jsonify(**_DICT)

    @app.route("/dict")
    def return_dict() -> Response:
        return transom.jsonify(_DICT)

    for url in "/kw", "/dict":
        rv = client.get(url)
        assert rv.mimetype == "application/json"
        assert app.json.loads(rv.data) == _DICT


def test_jsonify_arrays(app: App, client: TestClient) -> None:
    values: list[object] = [
        0,
        42,
        3.14,
        "t",
        "hello",
        True,
        False,
        ["test list", 2, False],
        {"test": "dict"},
    ]

    @app.route("/args_unpack")
    def return_args_unpack() -> Response:
        return transom.jsonify(*values)

    @app.route("/array")
    def return_array() -> Response:
        return transom.jsonify(values)

    for url in "/args_unpack", "/array":
        rv = client.get(url)
        assert rv.mimetype == "application/json"
        assert app.json.loads(rv.data) == values


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (datetime.datetime(1973, 3, 11, 6, 30, 45), "1973-03-11T06:30:45"),
        (datetime.date(1975, 1, 5), "1975-01-05"),
    ],
)
def test_jsonify_datetime(
    app: App, client: TestClient, value: datetime.date, iso: str
) -> None:
    @app.route("/")
    def index() -> Response:
        return transom.jsonify(value=value)

    # Flask writes HTTP dates: "Sun, 11 Mar 1973 06:30:45 GMT".
    assert client.get().json == {"value": iso}
    assert http_date(value) != iso


class _FixedOffset(datetime.tzinfo):
    """A fixed offset in hours east of UTC."""

    def __init__(self, hours: int, name: str) -> None:
        self._offset = datetime.timedelta(hours=hours)
        self._name = name

    @te.override
    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
        return self._offset

    @te.override
    def tzname(self, dt: datetime.datetime | None) -> str:
        return self._name

    @te.override
    def dst(self, dt: datetime.datetime | None) -> datetime.timedelta:
        return datetime.timedelta()


@pytest.mark.parametrize(
    ("name", "hours", "iso"),
    [
        ("UTC", 0, "2017-01-01T12:34:56+00:00"),
        ("PST", -8, "2017-01-01T12:34:56-08:00"),
        ("KST", 9, "2017-01-01T12:34:56+09:00"),
    ],
)
def test_jsonify_aware_datetimes(name: str, hours: int, iso: str) -> None:
    # Flask converts to GMT and drops the offset; ISO 8601 keeps it, so
    # the same instant reads back.
    dt = datetime.datetime(2017, 1, 1, 12, 34, 56, tzinfo=_FixedOffset(hours, name))
    assert default_provider.dumps(dt) == f'"{iso}"'
    assert datetime.datetime.fromisoformat(iso) == dt


def test_jsonify_uuid_types(app: App, client: TestClient) -> None:
    test_uuid = uuid.UUID(bytes=b"\xde\xad\xbe\xef" * 4)

    def uuid_test() -> Response:
        return transom.jsonify(x=test_uuid)

    url = "/uuid_test"
    app.add_url_rule(url, url, uuid_test)
    rv = client.get(url)
    rv_x = app.json.loads(rv.data)["x"]
    assert rv_x == str(test_uuid)
    assert uuid.UUID(rv_x) == test_uuid


def test_json_decimal() -> None:
    assert default_provider.dumps(decimal.Decimal("0.003")) == '"0.003"'


def test_json_attr(app: App, client: TestClient) -> None:
    @app.route("/add", methods=["POST"])
    def add() -> str:
        json = request.get_json()
        return str(json["a"] + json["b"])

    rv = client.post(
        "/add",
        data=app.json.dumps({"a": 1, "b": 2}),
        content_type="application/json",
    )
    assert rv.data == b"3"


def test_tojson_filter(app: App, req_ctx: RequestContext) -> None:
    # Jinja tests the filter; this checks it writes with the app's provider.
    rv = transom.render_template_string(
        "const data = {{ data|tojson }};",
        data={"name": "</script>", "time": datetime.datetime(2021, 2, 1, 7, 15)},
    )
    # Flask: '{"name": "\\u003c/script\\u003e", "time": "Mon, 01 Feb 2021
    # 07:15:00 GMT"}', spaced, with an HTTP date.
    assert rv == (
        'const data = {"name":"\\u003c/script\\u003e","time":"2021-02-01T07:15:00"};'
    )


class _X:
    def __init__(self, val: int) -> None:
        self.val = val


class _CustomProvider(JSONProvider):
    @staticmethod
    @te.override
    def default(o: object) -> object:
        if isinstance(o, _X):
            return f"<{o.val}>"
        return JSONProvider.default(o)

    def object_hook(self, obj: dict[str, t.Any]) -> object:
        if len(obj) == 1 and "_foo" in obj:
            return _X(obj["_foo"])
        return obj

    @te.override
    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        kwargs.setdefault("object_hook", self.object_hook)
        return super().loads(s, **kwargs)


def test_json_customization(app: App, client: TestClient) -> None:
    app.json = _CustomProvider()

    @app.route("/", methods=["POST"])
    def index() -> str:
        return app.json.dumps(request.get_json()["x"])

    rv = client.post(
        "/",
        data=app.json.dumps({"x": {"_foo": 42}}),
        content_type="application/json",
    )
    assert rv.data == b'"<42>"'


def test_json_key_sorting(app: App, client: TestClient) -> None:
    app.debug = True
    assert not app.json.sort_keys
    d = dict.fromkeys(range(20), "foo")

    @app.route("/")
    def index() -> Response:
        return transom.jsonify(values=d)

    # In the order given, compact in debug mode too.
    assert client.get("/").json == {"values": {str(k): "foo" for k in d}}
    assert client.get("/").data.startswith(b'{"values":{"0":"foo","1":"foo",')

    # Flask's output: sorted keys, indented in debug mode.
    d = dict(reversed(d.items()))
    app.json.sort_keys = True
    app.json.compact = False
    rv = client.get("/")
    lines = [x.strip() for x in rv.data.strip().decode("utf-8").splitlines()]
    assert lines == [
        "{",
        '"values": {',
        *(f'"{i}": "foo",' for i in range(19)),
        '"19": "foo"',
        "}",
        "}",
    ]


def test_html_method() -> None:
    class ObjectWithHTML:
        def __html__(self) -> str:
            return "<p>test</p>"

    assert default_provider.dumps(ObjectWithHTML()) == '"<p>test</p>"'
