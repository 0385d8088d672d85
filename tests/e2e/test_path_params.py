"""Path parameters: the verb's annotations choose the converters."""

from __future__ import annotations

import enum
import socket
import threading
import time
import typing as t
import uuid

import annotated_types as at
import pytest
from werkzeug.serving import make_server

from transom import App
from transom import Converter
from transom import Length
from transom import PathStr
from transom import Range
from transom import View
from transom import url_for
from transom.converters import MAX_DIGITS
from transom.exceptions import ConverterError
from transom.exceptions import RouteError
from transom.testing import TestClient
from transom.typing import JSONValue


class Color(enum.Enum):
    RED = "red"
    DARK_BLUE = "dark-blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Point(t.NamedTuple):
    x: int
    y: int


class PointConverter(Converter[Point]):
    regex = r"-?[0-9]{1,9},-?[0-9]{1,9}"

    def to_python(self, value: str) -> Point:
        x, y = value.split(",")
        return Point(int(x), int(y))

    def to_url(self, value: Point) -> str:
        return f"{value.x},{value.y}"


@pytest.fixture
def params_app(app: App) -> App:
    @app.route("/str/<value>")
    def as_str(value: str) -> dict[str, JSONValue]:
        return {"value": value, "type": type(value).__name__}

    @app.route("/unannotated/<value>")
    def unannotated(value) -> str:  # type: ignore[no-untyped-def]
        return t.cast(str, value)

    @app.route("/int/<value>")
    def as_int(value: int) -> dict[str, JSONValue]:
        return {"value": value}

    @app.route("/float/<value>")
    def as_float(value: float) -> dict[str, JSONValue]:
        return {"value": value}

    @app.route("/uuid/<value>")
    def as_uuid(value: uuid.UUID) -> dict[str, JSONValue]:
        return {"value": str(value), "type": type(value).__name__}

    @app.route("/files/<path>")
    def files(path: PathStr) -> str:
        return path

    @app.route("/files/<path>/edit")
    def edit_file(path: PathStr) -> str:
        return f"edit {path}"

    @app.route("/sort/<order>")
    def sort(order: t.Literal["asc", "desc"]) -> str:
        return order

    @app.route("/color/<color>")
    def color(color: Color) -> dict[str, JSONValue]:
        return {"name": color.name, "type": type(color).__name__}

    @app.route("/level/<level>")
    def level(level: Level) -> dict[str, JSONValue]:
        return {"name": level.name}

    @app.route("/page/<n>")
    def page(n: t.Annotated[int, Range(ge=1, le=100)]) -> dict[str, JSONValue]:
        return {"n": n}

    @app.route("/offset/<n>")
    def offset(n: t.Annotated[int, Range(ge=-5)]) -> dict[str, JSONValue]:
        return {"n": n}

    @app.route("/temp/<t_>")
    def temp(t_: t.Annotated[float, Range(gt=-273.15)]) -> dict[str, JSONValue]:
        return {"t": t_}

    @app.route("/name/<name>")
    def name(name: t.Annotated[str, Length(min=2, max=5)]) -> str:
        return name

    @app.route("/at/<n>")
    def annotated_types_bounds(
        n: t.Annotated[int, at.Ge(2), at.Lt(5)],
    ) -> dict[str, JSONValue]:
        return {"n": n}

    @app.route("/at-len/<s>")
    def annotated_types_len(s: t.Annotated[str, at.MaxLen(3)]) -> str:
        return s

    @app.route("/explicit/<int:value>")
    def explicit(value: int) -> dict[str, JSONValue]:
        return {"value": value}

    @app.route("/bounded/<int(min=10):value>")
    def bounded(value: int) -> dict[str, JSONValue]:
        return {"value": value}

    @app.route("/both/<a>/<b>")
    class Both(View):
        def get(self, a: int, b: str) -> dict[str, JSONValue]:
            return {"a": a, "b": b}

        def put(self, a: int, b: str) -> tuple[str, int]:
            return f"{a + 1}{b}", 201

    app.register_converter(Point, PointConverter, name="point")

    @app.route("/at-point/<p>")
    def at_point(p: Point) -> dict[str, JSONValue]:
        return {"x": p.x, "y": p.y, "type": type(p).__name__}

    @app.route("/named-point/<point:p>")
    def named_point(p: Point) -> str:
        return f"{p.x}|{p.y}"

    return app


@pytest.fixture
def params_client(params_app: App) -> TestClient:
    return params_app.test_client()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/str/hello", {"value": "hello", "type": "str"}),
        ("/str/h%C3%A9llo", {"value": "héllo", "type": "str"}),
        ("/int/42", {"value": 42}),
        ("/int/007", {"value": 7}),
        ("/float/2.5", {"value": 2.5}),
        ("/float/3", {"value": 3.0}),
        (
            "/uuid/12345678-1234-5678-1234-567812345678",
            {"value": "12345678-1234-5678-1234-567812345678", "type": "UUID"},
        ),
        ("/color/dark-blue", {"name": "DARK_BLUE", "type": "Color"}),
        ("/level/2", {"name": "HIGH"}),
        ("/page/1", {"n": 1}),
        ("/page/100", {"n": 100}),
        ("/offset/-5", {"n": -5}),
        ("/offset/0", {"n": 0}),
        ("/offset/17", {"n": 17}),
        ("/temp/-3.5", {"t": -3.5}),
        ("/at/2", {"n": 2}),
        ("/explicit/5", {"value": 5}),
        ("/bounded/10", {"value": 10}),
        ("/both/1/x", {"a": 1, "b": "x"}),
        ("/at-point/3,-4", {"x": 3, "y": -4, "type": "Point"}),
    ],
)
def test_values_are_converted(
    params_client: TestClient, path: str, expected: dict[str, object]
) -> None:
    response = params_client.get(path)
    assert response.status_code == 200, response.text
    assert response.json == expected


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/unannotated/anything", "anything"),
        ("/files/a/b/c.txt", "a/b/c.txt"),
        ("/files/a/b/edit", "edit a/b"),
        ("/sort/desc", "desc"),
        ("/name/ab", "ab"),
        ("/name/abcde", "abcde"),
        ("/at-len/abc", "abc"),
        ("/named-point/1,2", "1|2"),
    ],
)
def test_text_values(params_client: TestClient, path: str, text: str) -> None:
    response = params_client.get(path)
    assert response.status_code == 200
    assert response.text == text


@pytest.mark.parametrize(
    "path",
    [
        "/int/abc",
        "/int/-1",
        "/int/1.5",
        "/int/%EF%BC%91",  # FULLWIDTH DIGIT ONE
        "/int/%D9%A3",  # ARABIC-INDIC DIGIT THREE
        "/int/" + "9" * (MAX_DIGITS + 1),
        "/int/" + "9" * 5000,
        "/int/1_000",
        "/int/+1",
        "/int/%201",
        "/float/nan",
        "/float/inf",
        "/float/1e5",
        "/float/-2.5",
        "/float/" + "1" * (MAX_DIGITS + 1),
        "/uuid/not-a-uuid",
        "/uuid/12345678123456781234567812345678",
        "/str/a/b",
        "/sort/up",
        "/sort/ASC",
        "/color/RED",
        "/color/green",
        "/level/3",
        "/level/LOW",
        "/page/0",
        "/page/101",
        "/page/-1",
        "/offset/-6",
        "/offset/--1",
        "/temp/-273.15",
        "/name/a",
        "/name/abcdef",
        "/at/1",
        "/at/5",
        "/at-len/abcd",
        "/explicit/%D9%A3",
        "/bounded/9",
        "/bounded/%D9%A3%D9%A3",
        "/both/x/y",
        "/at-point/3",
        "/at-point/1,2,3",
        "/named-point/a,b",
        "/files/",
    ],
)
def test_value_that_does_not_convert_is_404(
    params_client: TestClient, path: str
) -> None:
    assert params_client.get(path).status_code == 404


def test_404_for_bad_path_value_with_other_methods(params_client: TestClient) -> None:
    assert params_client.put("/both/x/y").status_code == 404
    response = params_client.put("/both/2/y")
    assert (response.status_code, response.text) == (201, "3y")


def test_round_trip_through_url_for(params_app: App) -> None:
    with params_app.test_request_context():
        assert url_for("color", color=Color.DARK_BLUE) == "/color/dark-blue"
        assert url_for("level", level=Level.HIGH) == "/level/2"
        assert url_for("sort", order="asc") == "/sort/asc"
        assert url_for("files", path="a/b c.txt") == "/files/a/b%20c.txt"
        assert url_for("at_point", p=Point(1, -2)) == "/at-point/1,-2"
        assert url_for("named_point", p=Point(5, 6)) == "/named-point/5,6"
        assert url_for("offset", n=-3) == "/offset/-3"
        ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
        assert url_for("as_uuid", value=ident) == f"/uuid/{ident}"
    client = params_app.test_client()
    assert client.get("/color/dark-blue").json == {
        "name": "DARK_BLUE",
        "type": "Color",
    }


def test_converter_value_error_is_404(app: App, client: TestClient) -> None:
    class Strict(t.NamedTuple):
        value: int

    class StrictConverter(Converter[Strict]):
        regex = "[0-9]+"

        def to_python(self, value: str) -> Strict:
            if value.startswith("0"):
                raise ValueError("no leading zeros")
            return Strict(int(value))

        def to_url(self, value: Strict) -> str:
            return str(value.value)

    app.register_converter(Strict, StrictConverter)

    @app.route("/strict/<s>")
    def strict(s: Strict) -> str:
        return str(s.value)

    assert client.get("/strict/12").text == "12"
    assert client.get("/strict/012").status_code == 404


def test_registered_converter_does_not_serve_subclasses(
    app: App, client: TestClient
) -> None:
    """A view annotated with a subclass would receive the base's value:
    refused at registration; a converter for the subclass serves it."""

    class Base:
        def __init__(self, text: str) -> None:
            self.text = text

    class Child(Base):
        pass

    class BaseConverter(Converter[Base]):
        def to_python(self, value: str) -> Base:
            return Base(value.upper())

        def to_url(self, value: Base) -> str:
            return value.text.lower()

    class ChildConverter(Converter[Child]):
        def to_python(self, value: str) -> Child:
            return Child(value.upper())

        def to_url(self, value: Child) -> str:
            return value.text.lower()

    app.register_converter(Base, BaseConverter)
    with pytest.raises(ConverterError, match="of its base class"):
        app.add_route("/child/<c>", _child_view(Child))
    app.register_converter(Child, ChildConverter)
    app.add_route("/child/<c>", _child_view(Child))
    assert client.get("/child/abc").text == "ABC"


def _child_view(cls: type[object]) -> t.Callable[..., str]:
    def view(c: t.Any) -> str:
        return t.cast(str, c.text)

    view.__annotations__["c"] = cls
    return view


def test_user_converter_replaces_builtin_for_int(app: App, client: TestClient) -> None:
    class SignedInt(Converter[int]):
        regex = "-?[0-9]{1,5}"

        def to_python(self, value: str) -> int:
            return int(value)

        def to_url(self, value: int) -> str:
            return str(value)

    app.register_converter(int, SignedInt)

    @app.route("/signed/<n>")
    def signed(n: int) -> str:
        return repr(n)

    assert client.get("/signed/-12").text == "-12"


def test_a_choice_with_a_slash_takes_two_segments(app: App, client: TestClient) -> None:
    @app.route("/kind/<kind>")
    def kind(kind: t.Literal["a/b", "c"]) -> str:
        return kind

    @app.route("/name/<name>/<rest>")
    def name(name: str, rest: str) -> str:
        return f"{name} {rest}"

    assert client.get("/kind/a/b").text == "a/b"
    assert client.get("/kind/c").text == "c"
    assert client.get("/kind/a").status_code == 404
    assert client.get("/name/x/y").text == "x y"
    assert client.get("/name/x").status_code == 404  # one segment each
    with app.test_request_context():
        assert url_for(kind, kind="a/b") == "/kind/a/b"


def test_two_pathstr_variables_in_one_rule_are_refused(app: App) -> None:
    # Matching such a rule tries every split of the path: a 64 KiB path
    # that fails near its end took 12 seconds.
    with pytest.raises(RouteError, match="'x' and 'y' may both hold slashes"):

        @app.route("/two/<x>/<y>/end")
        def two(x: PathStr, y: PathStr) -> str:
            return x + y


def _slash_app() -> App:
    app = App("slashes", static_folder=None)

    @app.route("/one/<x>/<y>/end")
    def one(x: PathStr, y: str) -> str:
        return f"{x} {y}"

    @app.route("/files/<x>/edit")
    def edit(x: PathStr) -> str:
        return x

    return app


LONG_PATHS: t.Final = [
    "/one/" + "a/" * 30_000 + "b",
    "/one/" + "a" * 60_000,
    "/files/" + "edit/" * 12_000,
    "/files/" + "/" * 60_000 + "x",
]


@pytest.mark.parametrize("path", LONG_PATHS, ids=["slashes", "one", "edits", "empty"])
def test_a_long_path_on_a_rule_with_one_pathstr_is_answered_in_linear_time(
    path: str,
) -> None:
    client = _slash_app().test_client()
    assert client.get("/one/a/b/c/end").text == "a/b c"
    start = time.process_time()
    assert client.get(path).status_code in (404, 308)
    # A guard, not a benchmark: linear matching takes milliseconds here,
    # the quadratic one took seconds.
    assert time.process_time() - start < 2.0


@pytest.mark.slow
def test_a_long_path_through_the_development_server() -> None:
    server = make_server("127.0.0.1", 0, _slash_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for path in LONG_PATHS:
            start = time.monotonic()
            with socket.create_connection(("127.0.0.1", server.port), 30) as sock:
                sock.sendall(f"GET {path} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
                assert sock.recv(12) in (b"HTTP/1.1 404", b"HTTP/1.1 308")
            assert time.monotonic() - start < 5.0  # a guard, as above
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
