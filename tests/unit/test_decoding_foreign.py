"""transom.decoding: pydantic models, attrs classes and msgspec Structs, with
their errors as pointers."""

from __future__ import annotations

import attrs
import msgspec
import pydantic
import pytest
from werkzeug.datastructures import MultiDict

from transom.apidocs.schema import SchemaBuilder
from transom.apidocs.schema import shape_schema
from transom.decoding import decoder_for
from transom.exceptions import InvalidData
from transom.shapes import shape_of


class Line(pydantic.BaseModel):
    sku: str
    price: float


class Cart(pydantic.BaseModel):
    owner: str
    lines: list[Line]


class Point(msgspec.Struct):
    x: int
    y: int
    labels: list[str] = []


@attrs.define
class Pet:
    name: str = attrs.field(validator=attrs.validators.min_len(2))
    _age: int = 0
    toys: list[str] = attrs.field(factory=list[str])


def _errors(annotation: object, data: object) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidData) as caught:
        decoder_for(annotation).decode(data)
    return [(e.pointer, e.message, e.expected) for e in caught.value.errors]


def test_pydantic_model_is_validated_by_pydantic() -> None:
    cart = decoder_for(Cart).decode(
        {"owner": "ada", "lines": [{"sku": "a", "price": "2.5"}]}
    )
    assert cart == Cart(owner="ada", lines=[Line(sku="a", price=2.5)])


def test_pydantic_errors_become_pointers_under_the_parent() -> None:
    assert _errors(
        list[Cart], [{"owner": 1, "lines": [{"sku": "a", "price": "x"}]}]
    ) == [
        ("/0/owner", "Input should be a valid string", "string_type"),
        (
            "/0/lines/0/price",
            "Input should be a valid number, unable to parse string as a number",
            "float_parsing",
        ),
    ]


def test_msgspec_struct_is_converted_by_msgspec() -> None:
    assert decoder_for(Point).decode({"x": 1, "y": 2}) == Point(1, 2)
    assert _errors(dict[str, Point], {"a": {"x": 1, "y": 2, "labels": ["b", 3]}}) == [
        ("/a/labels/1", "Expected `str`, got `int`", "str"),
    ]
    assert _errors(Point, {"x": 1}) == [
        ("", "Object missing required field `y`", "a valid Point"),
    ]


def test_attrs_class_is_read_like_a_dataclass() -> None:
    decoder = decoder_for(Pet)
    assert decoder.decode({"name": "Rex", "age": 3}) == Pet("Rex", 3)
    assert decoder.decode({"name": "Rex"}).toys == []
    assert _errors(Pet, {"name": 1, "_age": 1}) == [
        ("/name", "expected string, got integer", "string"),
        ("/_age", "is not a field of Pet", "one of the fields 'name', 'age', 'toys'"),
    ]
    ((pointer, message, expected),) = _errors(list[Pet], [{"name": "R"}])
    assert (pointer, expected) == ("/0", "a valid Pet")
    assert "name" in message


def test_forms_into_foreign_classes() -> None:
    form: MultiDict[str, str] = MultiDict([("name", "Rex"), ("age", "4")])
    assert decoder_for(Pet, source="form").decode_form(form) == Pet("Rex", 4)
    pairs: MultiDict[str, str] = MultiDict([("sku", "a"), ("price", "1.5")])
    assert decoder_for(Line, source="form").decode_form(pairs) == Line(
        sku="a", price=1.5
    )
    with pytest.raises(InvalidData) as caught:
        decoder_for(Line, source="form").decode_form(
            MultiDict[str, str]([("sku", "a")])
        )
    assert [(e.source, e.pointer) for e in caught.value.errors] == [("form", "/price")]


def test_foreign_schemas_join_the_components() -> None:
    builder = SchemaBuilder()
    assert shape_schema(shape_of(Cart), builder) == {
        "$ref": "#/components/schemas/Cart"
    }
    assert shape_schema(shape_of(Point), builder) == {
        "$ref": "#/components/schemas/Point"
    }
    components = builder.components
    assert components["Cart"]["properties"]["lines"]["items"] == {
        "$ref": "#/components/schemas/Line"
    }
    assert components["Line"]["required"] == ["sku", "price"]
    assert components["Point"]["required"] == ["x", "y"]
    pet = shape_schema(shape_of(Pet), builder)
    assert builder.resolve(pet)["properties"]["age"] == {
        "type": "integer",
        "default": 0,
    }
