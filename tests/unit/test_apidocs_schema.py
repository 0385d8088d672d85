"""transom.apidocs.schema: annotations as JSON Schema."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import inspect
import typing as t
import uuid

import pytest

from transom import Accepted
from transom import App
from transom import Created
from transom import Length
from transom import NoContent
from transom import PathStr
from transom import Range
from transom import Response
from transom import Status
from transom.apidocs import JSONSchema
from transom.apidocs import ResponseShape
from transom.apidocs import SchemaBuilder
from transom.apidocs import describe_routes
from transom.converters import Converter
from transom.typing import JSONValue
from transom.typing import ResponseBody
from transom.typing import ResponseValue

REF = "#/components/schemas/"
BodyT = t.TypeVar("BodyT", bound=ResponseBody)


class PartialContent(Status[BodyT]):
    code = 206


class Teapot(Status[str]):
    code = 418


class LoudTeapot(Teapot):
    """A subclass of a status with a fixed body keeps the body."""


class Color(enum.Enum):
    """A colour."""

    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@dataclasses.dataclass
class Author:
    """Someone who writes."""

    name: str
    """The name on the cover."""
    born: int | None = None


@dataclasses.dataclass
class Book:
    title: str
    authors: list[Author]
    color: Color


class Page(t.TypedDict):
    """One page."""

    items: list[Book]
    next: t.NotRequired[int]


class Partial(t.TypedDict, total=False):
    a: int
    b: t.Required[str]


@dataclasses.dataclass
class Tree:
    value: int
    children: list[Tree]


class Point(t.NamedTuple):
    x: int
    y: float


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, {"type": "string"}),
        (int, {"type": "integer"}),
        (float, {"type": "number"}),
        (bool, {"type": "boolean"}),
        (None, {"type": "null"}),
        (uuid.UUID, {"type": "string", "format": "uuid"}),
        (datetime.date, {"type": "string", "format": "date"}),
        (datetime.datetime, {"type": "string", "format": "date-time"}),
        (datetime.time, {"type": "string", "format": "time"}),
        (decimal.Decimal, {"type": "string", "format": "decimal"}),
        (t.Any, {}),
        (object, {}),
        (t.Literal["a", "b"], {"type": "string", "enum": ["a", "b"]}),
        (t.Literal[1, 2], {"type": "integer", "enum": [1, 2]}),
        (t.Literal["a", 1], {"enum": ["a", 1]}),
        (list[int], {"type": "array", "items": {"type": "integer"}}),
        (cabc.Sequence[str], {"type": "array", "items": {"type": "string"}}),
        (list[t.Any], {"type": "array"}),
        (list, {"type": "array"}),
        (
            set[str],
            {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        ),
        (tuple[int, ...], {"type": "array", "items": {"type": "integer"}}),
        (
            tuple[int, str],
            {
                "type": "array",
                "prefixItems": [{"type": "integer"}, {"type": "string"}],
                "minItems": 2,
                "maxItems": 2,
            },
        ),
        (
            dict[str, int],
            {"type": "object", "additionalProperties": {"type": "integer"}},
        ),
        (dict[str, object], {"type": "object"}),
        (JSONValue, {}),
        (dict[str, JSONValue], {"type": "object"}),
        (list[JSONValue], {"type": "array"}),
        (cabc.Mapping[str, t.Any], {"type": "object"}),
        (dict, {"type": "object"}),
        (int | None, {"anyOf": [{"type": "integer"}, {"type": "null"}]}),
        (int | t.Any, {}),
        (
            t.Annotated[int, Range(ge=1, lt=10)],
            {"type": "integer", "minimum": 1, "exclusiveMaximum": 10},
        ),
        (
            t.Annotated[float, Range(gt=0.5, le=2)],
            {"type": "number", "exclusiveMinimum": 0.5, "maximum": 2},
        ),
        (
            t.Annotated[str, Length(min=2, max=8)],
            {"type": "string", "minLength": 2, "maxLength": 8},
        ),
        (t.Annotated[str, Length(max=8)], {"type": "string", "maxLength": 8}),
        (t.Annotated[str, "other metadata"], {"type": "string"}),
        (list[Color], {"type": "array", "items": {"$ref": REF + "Color"}}),
    ],
)
def test_schema(annotation: object, expected: JSONSchema) -> None:
    assert SchemaBuilder().schema(annotation) == expected


class _AnnotatedTypesLike:
    """An object with annotated-types' attribute names."""

    ge = 3
    max_length = 4


def test_constraint_objects_from_other_libraries() -> None:
    schema = SchemaBuilder().schema(t.Annotated[int, _AnnotatedTypesLike()])
    assert schema == {"type": "integer", "minimum": 3, "maxLength": 4}


def test_enum_components() -> None:
    builder = SchemaBuilder()
    assert builder.schema(Color) == {"$ref": REF + "Color"}
    assert builder.schema(Level) == {"$ref": REF + "Level"}
    assert builder.components == {
        "Color": {
            "title": "Color",
            "type": "string",
            "enum": ["red", "blue"],
            "description": "A colour.",
        },
        "Level": {"title": "Level", "type": "integer", "enum": [1, 2]},
    }


def test_dataclass_and_typeddict_components_nested() -> None:
    builder = SchemaBuilder()
    assert builder.schema(Page) == {"$ref": REF + "Page"}
    components = builder.components
    assert list(components) == ["Author", "Book", "Color", "Page"]
    assert components["Page"] == {
        "title": "Page",
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": REF + "Book"}},
            "next": {"type": "integer"},
        },
        "required": ["items"],
        "description": "One page.",
    }
    assert components["Book"] == {
        "title": "Book",
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "authors": {"type": "array", "items": {"$ref": REF + "Author"}},
            "color": {"$ref": REF + "Color"},
        },
        "required": ["title", "authors", "color"],
    }
    author = components["Author"]
    assert author["description"] == "Someone who writes."
    assert author["properties"]["name"] == {
        "type": "string",
        "description": "The name on the cover.",
    }
    assert author["properties"]["born"] == {
        "anyOf": [{"type": "integer"}, {"type": "null"}]
    }
    # asdict() writes every field, defaults included.
    assert author["required"] == ["name", "born"]


def test_typeddict_total_false() -> None:
    builder = SchemaBuilder()
    builder.schema(Partial)
    assert builder.components["Partial"]["required"] == ["b"]


def test_recursive_dataclass() -> None:
    builder = SchemaBuilder()
    assert builder.schema(Tree) == {"$ref": REF + "Tree"}
    children = builder.components["Tree"]["properties"]["children"]
    assert children == {"type": "array", "items": {"$ref": REF + "Tree"}}


def test_named_tuple_is_an_array() -> None:
    builder = SchemaBuilder()
    builder.schema(Point)
    assert builder.components["Point"] == {
        "title": "Point",
        "type": "array",
        "prefixItems": [{"type": "integer"}, {"type": "number"}],
        "minItems": 2,
        "maxItems": 2,
    }


def test_component_names_never_collide() -> None:
    first = type("Same", (), {"__annotations__": {"a": int}})
    second = type("Same", (), {"__annotations__": {"b": int}})
    builder = SchemaBuilder()
    refs = [
        builder.schema(dataclasses.dataclass(first)),
        builder.schema(dataclasses.dataclass(second)),
    ]
    assert refs[0] == {"$ref": REF + "Same"}
    assert refs[1] != refs[0]
    assert len(builder.components) == 2


def test_resolve_follows_refs() -> None:
    builder = SchemaBuilder()
    ref = builder.schema(Color)
    assert builder.resolve(ref)["enum"] == ["red", "blue"]
    assert builder.resolve({"type": "string"}) == {"type": "string"}


# -- parameters ---------------------------------------------------------------


class Point2(t.NamedTuple):
    x: int
    y: int


class PointConverter(Converter[Point2]):
    regex = r"[0-9]+,[0-9]+"

    def to_python(self, value: str) -> Point2:
        x, y = value.split(",")
        return Point2(int(x), int(y))

    def to_url(self, value: Point2) -> str:
        return f"{value.x},{value.y}"


def _param_schemas(app: App) -> dict[str, JSONSchema]:
    builder = SchemaBuilder()
    (route,) = describe_routes(app)
    return {p.name: builder.param_schema(p) for p in route.operations[0].params}


def test_parameter_schemas(app: App) -> None:
    app.register_converter(Point2, PointConverter)

    @app.route("/p/<a>/<b>/<c>/<d>/<e>/<f>")
    def view(
        a: int,
        b: float,
        c: uuid.UUID,
        d: Color,
        e: PathStr,
        f: Point2,
        flag: bool = False,
        ids: list[int] | None = None,
        order: t.Literal["asc", "desc"] = "asc",
        page: t.Annotated[int, Range(ge=1, le=100)] = 1,
        offset: t.Annotated[int, Range(ge=-5)] = 0,
        name: t.Annotated[str, Length(min=1, max=20)] | None = None,
        day: datetime.date | None = None,
        color: Color = Color.BLUE,
        levels: list[t.Literal[1, 2]] | None = None,
    ) -> str:
        return ""

    schemas = _param_schemas(app)
    # int and float converters take no sign unless a bound below zero is set.
    assert schemas["a"] == {"type": "integer", "minimum": 0}
    assert schemas["b"] == {"type": "number", "minimum": 0}
    assert schemas["c"] == {"type": "string", "format": "uuid"}
    assert schemas["d"] == {"$ref": REF + "Color"}
    assert schemas["e"] == {"type": "string"}
    assert schemas["f"] == {"type": "string", "pattern": "^(?:[0-9]+,[0-9]+)$"}
    assert schemas["flag"] == {"type": "boolean", "default": False}
    assert schemas["ids"] == {
        "type": "array",
        "items": {"type": "integer", "minimum": 0},
    }
    assert schemas["order"] == {
        "type": "string",
        "enum": ["asc", "desc"],
        "default": "asc",
    }
    assert schemas["page"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 1,
    }
    assert schemas["offset"] == {"type": "integer", "minimum": -5, "default": 0}
    assert schemas["name"] == {"type": "string", "minLength": 1, "maxLength": 20}
    assert schemas["day"] == {"type": "string", "format": "date"}
    assert schemas["color"] == {"$ref": REF + "Color", "default": "blue"}
    assert schemas["levels"] == {
        "type": "array",
        "items": {"type": "integer", "enum": [1, 2]},
    }


# -- responses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, [ResponseShape("200", "text/html", {"type": "string"})]),
        (
            cabc.Iterator[str],
            [ResponseShape("200", "text/html", {"type": "string"})],
        ),
        (bytes, [ResponseShape("200", "application/octet-stream", None)]),
        (
            dict[str, int],
            [
                ResponseShape(
                    "200",
                    "application/json",
                    {"type": "object", "additionalProperties": {"type": "integer"}},
                )
            ],
        ),
        (
            list[Color],
            [
                ResponseShape(
                    "200",
                    "application/json",
                    {"type": "array", "items": {"$ref": REF + "Color"}},
                )
            ],
        ),
        (Author, [ResponseShape("200", "application/json", {"$ref": REF + "Author"})]),
        (Response, [ResponseShape("200", None, None)]),
        (inspect.Parameter.empty, [ResponseShape("default", None, None)]),
        (ResponseValue, [ResponseShape("default", None, None)]),
        ("Unresolved", [ResponseShape("200", None, None)]),
        (
            tuple[Author, t.Literal[201]],
            [ResponseShape("201", "application/json", {"$ref": REF + "Author"})],
        ),
        (tuple[str, t.Literal[204]], [ResponseShape("204", None, None)]),
        (
            tuple[str, int],
            [ResponseShape("default", "text/html", {"type": "string"})],
        ),
        (
            tuple[str, dict[str, str]],
            [ResponseShape("200", "text/html", {"type": "string"})],
        ),
        (
            tuple[str, t.Literal[200, 404], dict[str, str]],
            [
                ResponseShape("200", "text/html", {"type": "string"}),
                ResponseShape("404", "text/html", {"type": "string"}),
            ],
        ),
        (
            Author | tuple[dict[str, str], t.Literal[404]] | None,
            [
                ResponseShape("200", "application/json", {"$ref": REF + "Author"}),
                ResponseShape(
                    "404",
                    "application/json",
                    {"type": "object", "additionalProperties": {"type": "string"}},
                ),
            ],
        ),
    ],
)
def test_responses(annotation: object, expected: list[ResponseShape]) -> None:
    assert SchemaBuilder().responses(annotation) == expected


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (
            Created[Author],
            [ResponseShape("201", "application/json", {"$ref": REF + "Author"})],
        ),
        (Accepted[str], [ResponseShape("202", "text/html", {"type": "string"})]),
        (NoContent, [ResponseShape("204", None, None)]),
        (Created[None], [ResponseShape("201", None, None)]),
        (Created, [ResponseShape("201", None, None)]),  # no body declared
        (
            PartialContent[list[int]],
            [
                ResponseShape(
                    "206",
                    "application/json",
                    {"type": "array", "items": {"type": "integer"}},
                )
            ],
        ),
        (Teapot, [ResponseShape("418", "text/html", {"type": "string"})]),
        (LoudTeapot, [ResponseShape("418", "text/html", {"type": "string"})]),
        (
            Created[Author] | tuple[dict[str, str], t.Literal[409]] | NoContent,
            [
                ResponseShape("201", "application/json", {"$ref": REF + "Author"}),
                ResponseShape(
                    "409",
                    "application/json",
                    {"type": "object", "additionalProperties": {"type": "string"}},
                ),
                ResponseShape("204", None, None),
            ],
        ),
        # Status itself: some status, chosen by the subclass returned.
        (Status[str], [ResponseShape("default", "text/html", {"type": "string"})]),
    ],
)
def test_declared_statuses(annotation: object, expected: list[ResponseShape]) -> None:
    """A Status in the return annotation gives its code and its body."""
    assert SchemaBuilder().responses(annotation) == expected
