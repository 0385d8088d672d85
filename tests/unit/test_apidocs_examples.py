"""transom.apidocs.examples: example values and URLs."""

from __future__ import annotations

import pytest

from transom.apidocs import JSONSchema
from transom.apidocs.examples import example
from transom.apidocs.examples import example_url
from transom.apidocs.examples import url_text


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"type": "integer"}, 1),
        ({"type": "integer", "minimum": 5}, 5),
        ({"type": "integer", "exclusiveMinimum": 5}, 6),
        ({"type": "integer", "maximum": 0}, 0),
        ({"type": "integer", "minimum": -9, "exclusiveMaximum": -3}, -4),
        ({"type": "number"}, 1.5),
        ({"type": "boolean"}, True),
        ({"type": "null"}, None),
        ({"type": "string"}, "text"),
        ({"type": "string", "minLength": 6}, "textxx"),
        ({"type": "string", "maxLength": 2}, "te"),
        ({"type": "string", "format": "date"}, "2024-05-31"),
        ({"type": "string", "format": "uuid"}, "3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        ({"enum": ["b", "a"]}, "b"),
        ({"type": "integer", "default": 7}, 7),
        ({"anyOf": [{"type": "null"}, {"type": "integer"}]}, 1),
        ({"type": "array", "items": {"type": "boolean"}}, [True]),
        (
            {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "null"}]},
            [1, None],
        ),
        ({"type": "array"}, []),
        ({"type": "object"}, {}),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, {"key": 1}),
        ({}, None),
    ],
)
def test_example(schema: JSONSchema, value: object) -> None:
    assert example(schema) == value


def test_property_names_are_string_examples() -> None:
    schema: JSONSchema = {
        "type": "object",
        "properties": {"title": {"type": "string"}, "n": {"type": "integer"}},
    }
    assert example(schema) == {"title": "title", "n": 1}


def test_references_are_followed_and_recursion_stops() -> None:
    components: dict[str, JSONSchema] = {
        "Tree": {
            "type": "object",
            "properties": {
                "value": {"type": "integer"},
                "children": {"type": "array", "items": {"$ref": "#/Tree"}},
            },
        }
    }

    def resolve(schema: JSONSchema) -> JSONSchema:
        return components[str(schema["$ref"]).removeprefix("#/")]

    # The recursion ends in an empty array: a null item would not be a Tree.
    assert example({"$ref": "#/Tree"}, resolve) == {"value": 1, "children": []}


def test_examples_fit_narrow_open_intervals_and_named_keys() -> None:
    assert (
        example({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}) == 0.5
    )
    assert example({"type": "string", "examples": ["given"]}) == "given"
    schema: JSONSchema = {
        "type": "object",
        "additionalProperties": {"type": "integer"},
        "propertyNames": {"type": "string", "format": "uuid"},
    }
    assert example(schema) == {"3fa85f64-5717-4562-b3fc-2c963f66afa6": 1}


def test_example_url() -> None:
    url = example_url(
        "/post/{post_id}/{slug}",
        {"post_id": 3, "slug": "a b/c"},
        [("ids", [1, 2]), ("flag", True), ("q", "x&y")],
    )
    assert url == "/post/3/a%20b%2Fc?ids=1&ids=2&flag=true&q=x%26y"
    assert example_url("/", {}) == "/"


@pytest.mark.parametrize(
    ("value", "text"), [(True, "true"), (False, "false"), (1.5, "1.5")]
)
def test_url_text(value: object, text: str) -> None:
    assert url_text(value) == text
