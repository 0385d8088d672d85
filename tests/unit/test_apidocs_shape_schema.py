"""transom.apidocs.schema.shape_schema: JSON Schema of request data from its shape."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import typing as t
import uuid

import pytest
import typing_extensions as te
from openapi_spec_validator import validate

from transom.apidocs.examples import example
from transom.apidocs.schema import JSONSchema
from transom.apidocs.schema import SchemaBuilder
from transom.apidocs.schema import shape_schema
from transom.decoding import decoder_for
from transom.decoding import unknown_fields
from transom.params import Length
from transom.params import Range
from transom.shapes import shape_of


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class Step:
    """One step of a task."""

    name: t.Annotated[str, Length(min=1, max=20)]
    """What to do."""
    minutes: t.Annotated[int, Range(ge=0)] = 0


@dataclasses.dataclass
class Circle:
    kind: t.Literal["circle"]
    radius: float


@dataclasses.dataclass
class Square:
    kind: t.Literal["square"]
    side: float


class Meta(te.TypedDict):
    source: str
    version: te.NotRequired[int]


@unknown_fields("ignore")
@dataclasses.dataclass
class Loose:
    name: str


@dataclasses.dataclass
class Tree:
    name: str
    children: list[Tree] = dataclasses.field(default_factory=list["Tree"])


def _schema(annotation: object) -> tuple[JSONSchema, dict[str, JSONSchema]]:
    builder = SchemaBuilder()
    return shape_schema(shape_of(annotation), builder), builder.components


def test_scalars_and_constraints() -> None:
    assert _schema(t.Annotated[int, Range(ge=1, le=5)])[0] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 5,
    }
    assert _schema(t.Annotated[str, Length(max=3)])[0] == {
        "type": "string",
        "maxLength": 3,
    }
    assert _schema(uuid.UUID)[0] == {"type": "string", "format": "uuid"}
    assert _schema(datetime.datetime)[0] == {"type": "string", "format": "date-time"}
    assert _schema(decimal.Decimal)[0] == {"type": "string", "format": "decimal"}
    assert _schema(t.Literal["a", "b"])[0] == {"type": "string", "enum": ["a", "b"]}
    assert _schema(t.Any)[0] == {}


def test_containers() -> None:
    assert _schema(t.Annotated[list[int], Length(min=1, max=3)])[0] == {
        "type": "array",
        "items": {"type": "integer"},
        "minItems": 1,
        "maxItems": 3,
    }
    assert _schema(frozenset[str])[0] == {
        "type": "array",
        "items": {"type": "string"},
        "uniqueItems": True,
    }
    assert _schema(tuple[int, str])[0] == {
        "type": "array",
        "prefixItems": [{"type": "integer"}, {"type": "string"}],
        "minItems": 2,
        "maxItems": 2,
    }
    assert _schema(tuple[int, ...])[0] == {
        "type": "array",
        "items": {"type": "integer"},
    }
    assert _schema(dict[str, float])[0] == {
        "type": "object",
        "additionalProperties": {"type": "number"},
    }
    assert _schema(int | None)[0] == {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    assert _schema(int | str)[0] == {"anyOf": [{"type": "integer"}, {"type": "string"}]}


def test_dataclass_component_with_defaults_docs_and_no_extra_fields() -> None:
    schema, components = _schema(list[Step])
    assert schema == {"type": "array", "items": {"$ref": "#/components/schemas/Step"}}
    assert components == {
        "Step": {
            "title": "Step",
            "description": "One step of a task.",
            "type": "object",
            "properties": {
                "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 20,
                    "description": "What to do.",
                },
                "minutes": {"type": "integer", "minimum": 0, "default": 0},
            },
            "required": ["name"],
            "additionalProperties": False,
        }
    }


def test_unknown_policy_shows() -> None:
    _, components = _schema(Loose)
    assert "additionalProperties" not in components["Loose"]
    builder = SchemaBuilder()
    shape_schema(shape_of(Step), builder, unknown="ignore")
    assert "additionalProperties" not in builder.components["Step"]


def test_typeddict_and_enum_components() -> None:
    schema, components = _schema(dict[str, Meta])
    assert schema["additionalProperties"] == {"$ref": "#/components/schemas/Meta"}
    assert components["Meta"]["required"] == ["source"]
    schema, components = _schema(Color)
    assert schema == {"$ref": "#/components/schemas/Color"}
    assert components["Color"]["enum"] == ["red", "blue"]


def test_tagged_union_has_a_discriminator() -> None:
    schema, components = _schema(Circle | Square)
    assert schema == {
        "oneOf": [
            {"$ref": "#/components/schemas/Circle"},
            {"$ref": "#/components/schemas/Square"},
        ],
        "discriminator": {
            "propertyName": "kind",
            "mapping": {
                "circle": "#/components/schemas/Circle",
                "square": "#/components/schemas/Square",
            },
        },
    }
    assert set(components) == {"Circle", "Square"}


def test_recursive_class() -> None:
    schema, components = _schema(Tree)
    assert schema == {"$ref": "#/components/schemas/Tree"}
    assert components["Tree"]["properties"]["children"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Tree"},
        "default": [],
    } or components["Tree"]["properties"]["children"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Tree"},
    }


def test_a_class_sent_and_received_alike_shares_its_component() -> None:
    @dataclasses.dataclass
    class Pair:
        a: int
        b: str

    builder = SchemaBuilder()
    builder.schema(Pair)  # as a response
    request = shape_schema(shape_of(Pair), builder, unknown="ignore")
    assert request == {"$ref": "#/components/schemas/Pair"}
    assert list(builder.components) == ["Pair"]


def test_the_schemas_make_a_valid_openapi_document() -> None:
    builder = SchemaBuilder()
    parts: list[object] = [list[Step], Circle | Square, Tree, Meta, Color | None]
    body = {"anyOf": [shape_schema(shape_of(part), builder) for part in parts]}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": body}}},
                    "responses": {"204": {"description": "done"}},
                }
            }
        },
        "components": {"schemas": builder.components},
    }
    validate(document)


def test_dict_keys_that_are_not_text_have_property_names() -> None:
    assert _schema(dict[int, str])[0] == {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "propertyNames": {
            "type": "string",
            "pattern": "^(?:[0-9]{1,30})$",
            "examples": ["1"],
        },
    }
    assert _schema(dict[Color, int])[0]["propertyNames"] == {
        "type": "string",
        "enum": ["red", "blue"],
    }
    assert _schema(dict[uuid.UUID, int])[0]["propertyNames"] == {
        "type": "string",
        "format": "uuid",
    }
    assert "propertyNames" not in _schema(dict[str, int])[0]


@pytest.mark.parametrize(
    "annotation",
    [
        Step,
        list[Step],
        Circle | Square,
        Tree,
        Meta,
        Loose,
        dict[int, Step],
        dict[t.Annotated[int, Range(ge=-5, le=-1)], str],
        dict[float, bool],
        dict[Color, int],
        dict[datetime.date, decimal.Decimal],
        tuple[uuid.UUID, datetime.datetime],
        t.Annotated[str, Length(min=12)],
        t.Annotated[float, Range(gt=0, lt=1)],
        t.Literal[3, 4] | None,
        frozenset[t.Annotated[int, Range(le=-10)]],
    ],
)
def test_the_example_of_every_schema_decodes(annotation: object) -> None:
    builder = SchemaBuilder()
    schema = shape_schema(shape_of(annotation), builder)
    decoder_for(annotation).decode(example(schema, builder.resolve))
