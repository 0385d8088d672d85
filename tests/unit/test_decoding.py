"""transom.decoding: JSON documents, forms and texts decoded, every error with its pointer."""

from __future__ import annotations

import dataclasses
import typing as t

import pytest

from transom.decoding import Decoder
from transom.decoding import decoder_for
from transom.decoding import escape
from transom.exceptions import ErrorDetail
from transom.exceptions import InvalidData
from transom.exceptions import RouteError
from transom.params import Length
from transom.params import Range


@dataclasses.dataclass
class Item:
    name: str
    price: t.Annotated[float, Range(ge=0)]


@dataclasses.dataclass
class Order:
    title: t.Annotated[str, Length(min=1, max=20)]
    quantity: int
    items: list[Item]
    tags: list[str] = dataclasses.field(default_factory=list[str])
    note: str | None = None


def _errors(decoder: Decoder[t.Any], data: object) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidData) as caught:
        decoder.decode(data)
    return [(e.pointer, e.message, e.expected) for e in caught.value.errors]


def test_dataclass_decodes_with_defaults() -> None:
    decoder = decoder_for(Order)
    order = decoder.decode(
        {"title": "x", "quantity": 2, "items": [{"name": "a", "price": 1}]}
    )
    assert order == Order("x", 2, [Item("a", 1.0)], [], None)
    assert isinstance(order.items[0].price, float)
    t.assert_type(order, Order)


def test_default_factory_is_called_per_document() -> None:
    decoder = decoder_for(Order)
    first = decoder.decode({"title": "x", "quantity": 1, "items": []})
    second = decoder.decode({"title": "x", "quantity": 1, "items": []})
    first.tags.append("changed")
    assert second.tags == []


def test_every_error_is_collected_with_its_pointer() -> None:
    document = {
        "title": "",
        "quantity": "2",
        "items": [{"name": "a", "price": -1}, {"nam": "b", "price": "x"}],
        "extra": 1,
    }
    assert _errors(decoder_for(Order), document) == [
        ("/title", "has 0 characters", "string of 1 to 20 characters"),
        ("/quantity", "expected integer, got string", "integer"),
        ("/items/0/price", "-1 is out of range", "number at least 0"),
        ("/items/1/name", "is required", "string"),
        (
            "/items/1/price",
            "expected number at least 0, got string",
            "number at least 0",
        ),
        ("/items/1/nam", "is not a field of Item", "one of the fields 'name', 'price'"),
        (
            "/extra",
            "is not a field of Order",
            "one of the fields 'title', 'quantity', 'items', 'tags', 'note'",
        ),
    ]


def test_error_details_carry_the_source() -> None:
    with pytest.raises(InvalidData) as caught:
        decoder_for(int, source="header").decode("1")
    assert caught.value.errors == (
        ErrorDetail("header", "", "expected integer, got string", "integer"),
    )
    assert caught.value.errors[0].to_json() == {
        "source": "header",
        "pointer": "",
        "message": "expected integer, got string",
        "expected": "integer",
    }
    assert str(caught.value) == "1 error: header (whole): expected integer, got string"


def test_whole_document_that_is_not_an_object() -> None:
    assert _errors(decoder_for(Item), [1]) == [
        ("", "expected object, got array", "object")
    ]


@pytest.mark.parametrize(
    ("annotation", "good", "decoded", "bad", "got"),
    [
        (str, "a", "a", 1, "integer"),
        (int, 3, 3, 3.0, "number"),
        (int, -3, -3, True, "boolean"),
        (float, 3, 3.0, "3", "string"),
        (float, 2.5, 2.5, None, "null"),
        (bool, True, True, 1, "integer"),
        (type(None), None, None, 0, "integer"),
        (list[int], [1, 2], [1, 2], {}, "object"),
        (dict[str, int], {"a": 1}, {"a": 1}, [], "array"),
    ],
)
def test_json_types_are_strict(
    annotation: t.Any, good: object, decoded: object, bad: object, got: str
) -> None:
    decoder = decoder_for(annotation)
    value = decoder.decode(good)
    assert value == decoded and type(value) is type(decoded)
    ((pointer, message, _),) = _errors(decoder, bad)
    assert pointer == ""
    assert message.endswith(f"got {got}")


def test_list_of_strings_is_copied() -> None:
    data = ["a", "b"]
    value = decoder_for(list[str]).decode(data)
    assert value == data and value is not data


def test_dict_keys_are_escaped_in_pointers() -> None:
    decoder = decoder_for(dict[str, int])
    assert _errors(decoder, {"a/b~c": "x"}) == [
        ("/a~1b~0c", "expected integer, got string", "integer")
    ]
    assert escape("~/") == "~0~1"


def test_decoder_is_built_once_per_type() -> None:
    assert decoder_for(Order) is decoder_for(Order)
    assert decoder_for(Order) is not decoder_for(Order, unknown="ignore")
    assert decoder_for(Item) is not decoder_for(Item, source="form")


def test_form_of_nested_objects_is_refused_at_build() -> None:
    with pytest.raises(
        RouteError, match=r"field Order.items: a form holds text fields"
    ):
        decoder_for(Order, source="form", where="parameter 'order' of Shop.post")
