"""transom.decoding: JSON documents, forms and texts decoded, every error with its pointer."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import typing as t
import uuid

import pytest
import typing_extensions as te
from werkzeug.datastructures import MultiDict

from transom.decoding import Decoder
from transom.decoding import decoder_for
from transom.decoding import escape
from transom.decoding import unknown_fields
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


def _form(pairs: list[tuple[str, str]]) -> MultiDict[str, str]:
    return MultiDict(pairs)


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


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Movie(te.TypedDict):
    title: str
    year: te.NotRequired[int]
    rating: te.NotRequired[float | None]


@dataclasses.dataclass
class Circle:
    kind: t.Literal["circle"]
    radius: t.Annotated[float, Range(gt=0)]


@dataclasses.dataclass
class Square:
    kind: t.Literal["square"]
    side: float = 1.0


@dataclasses.dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("end comes before start")


@dataclasses.dataclass
class Tree:
    name: str
    children: list[Tree] = dataclasses.field(default_factory=list["Tree"])


@pytest.mark.parametrize(
    ("annotation", "good", "decoded"),
    [
        (
            uuid.UUID,
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            uuid.UUID("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        ),
        (datetime.date, "2024-05-31", datetime.date(2024, 5, 31)),
        (
            datetime.datetime,
            "2024-05-31T12:30:00+02:00",
            datetime.datetime(
                2024,
                5,
                31,
                12,
                30,
                tzinfo=datetime.timezone(datetime.timedelta(hours=2)),
            ),
        ),
        (decimal.Decimal, "9.99", decimal.Decimal("9.99")),
        (decimal.Decimal, 3, decimal.Decimal(3)),
        (decimal.Decimal, 2.5, decimal.Decimal("2.5")),
        (Color, "red", Color.RED),
        (Level, 2, Level.HIGH),
        (t.Literal["a", 1], 1, 1),
        (t.Literal[Color.BLUE], "blue", Color.BLUE),
        (tuple[int, str], [1, "a"], (1, "a")),
        (tuple[int, ...], [1, 2, 3], (1, 2, 3)),
        (set[int], [1, 2, 2], {1, 2}),
        (int | None, None, None),
        (dict[int, str], {"1": "a"}, {1: "a"}),
        (dict[Color, int], {"red": 1}, {Color.RED: 1}),
        (t.Any, {"x": [1]}, {"x": [1]}),
    ],
)
def test_types_from_their_json_form(
    annotation: t.Any, good: object, decoded: object
) -> None:
    value = decoder_for(annotation).decode(good)
    assert value == decoded
    assert type(value) is type(decoded)


@pytest.mark.parametrize(
    ("annotation", "bad", "message", "expected"),
    [
        (uuid.UUID, "nope", "'nope' is not a valid UUID", "UUID"),
        (
            datetime.date,
            "2024-02-30",
            "'2024-02-30' is not a valid date",
            "date (YYYY-MM-DD)",
        ),
        (
            datetime.date,
            20240531,
            "expected date (YYYY-MM-DD), got integer",
            "date (YYYY-MM-DD)",
        ),
        (
            datetime.datetime,
            "yesterday",
            "'yesterday' is not a valid date-time",
            "date-time (ISO 8601)",
        ),
        (
            decimal.Decimal,
            "NaN",
            "'NaN' is not a valid decimal number",
            "decimal number",
        ),
        (decimal.Decimal, "1e", "'1e' is not a valid decimal number", "decimal number"),
        (
            decimal.Decimal,
            True,
            "expected decimal number, got boolean",
            "decimal number",
        ),
        (Color, "green", "'green' is not allowed", "one of 'red', 'blue'"),
        (
            Color,
            1,
            "expected one of 'red', 'blue', got integer",
            "one of 'red', 'blue'",
        ),
        (Level, True, "expected one of 1, 2, got boolean", "one of 1, 2"),
        (Level, 3, "3 is not allowed", "one of 1, 2"),
        (t.Literal[1], True, "expected one of 1, got boolean", "one of 1"),
        (tuple[int, str], [1], "has 1 items", "array of 2 items"),
        (
            t.Annotated[int, Range(ge=1, le=10)],
            11,
            "11 is out of range",
            "integer from 1 to 10",
        ),
        (
            t.Annotated[decimal.Decimal, Range(gt=0)],
            "0",
            "'0' is out of range",
            "decimal number above 0",
        ),
        (
            t.Annotated[str, Length(max=2)],
            "abc",
            "has 3 characters",
            "string of at most 2 characters",
        ),
        (
            t.Annotated[list[int], Length(min=1)],
            [],
            "has 0 items",
            "array of at least 1 items",
        ),
        (float, 10**400, f"{str(10**400)[:37]}... is too large", "number"),
        (float, float("inf"), "inf is not a finite number", "number"),
        (set[list[int]], [[1]], "holds values that cannot be in a set", "array"),
        (
            dict[int, str],
            {"x": "a"},
            "the key 'x' is not a non-negative integer",
            "a non-negative integer",
        ),
    ],
)
def test_errors_say_what_was_expected(
    annotation: t.Any, bad: object, message: str, expected: str
) -> None:
    errors = _errors(decoder_for(annotation), bad)
    assert [(message, expected)] == [(m, e) for _, m, e in errors]


def test_errors_in_items_point_at_them() -> None:
    assert _errors(decoder_for(tuple[int, str]), ["a", 1]) == [
        ("/0", "expected integer, got string", "integer"),
        ("/1", "expected string, got integer", "string"),
    ]
    assert _errors(decoder_for(dict[str, list[int]]), {"a": [1, "x"]}) == [
        ("/a/1", "expected integer, got string", "integer"),
    ]


def test_typeddict_required_and_not_required() -> None:
    decoder = decoder_for(Movie)
    assert decoder.decode({"title": "Up"}) == {"title": "Up"}
    assert decoder.decode({"title": "Up", "year": 2009, "rating": None}) == {
        "title": "Up",
        "year": 2009,
        "rating": None,
    }
    assert _errors(decoder, {"year": "2009"}) == [
        ("/title", "is required", "string"),
        ("/year", "expected integer, got string", "integer"),
    ]


@dataclasses.dataclass
class Options:
    verbose: bool = False
    level: Level = Level.LOW


@dataclasses.dataclass
class Job:
    name: str
    options: Options = dataclasses.field(default_factory=Options)
    when: datetime.date | None = None


def test_nested_dataclass_defaults() -> None:
    decoder = decoder_for(Job)
    assert decoder.decode({"name": "x"}) == Job("x", Options(), None)
    assert decoder.decode(
        {"name": "x", "options": {"level": 2}, "when": "2024-01-02"}
    ) == Job("x", Options(level=Level.HIGH), datetime.date(2024, 1, 2))
    assert _errors(
        decoder, {"name": "x", "options": {"level": 5, "verbose": "yes"}}
    ) == [
        ("/options/verbose", "expected boolean, got string", "boolean"),
        ("/options/level", "5 is not allowed", "one of 1, 2"),
    ]


def test_recursive_dataclass() -> None:
    decoder = decoder_for(Tree)
    document = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}
    assert decoder.decode(document) == Tree("a", [Tree("b", [Tree("c")])])
    assert _errors(
        decoder, {"name": "a", "children": [{"children": [{"name": 1}]}]}
    ) == [
        ("/children/0/name", "is required", "string"),
        ("/children/0/children/0/name", "expected string, got integer", "string"),
    ]


def test_post_init_errors_point_at_the_object() -> None:
    decoder = decoder_for(list[Span])
    assert decoder.decode([{"start": 1, "end": 2}]) == [Span(1, 2)]
    assert _errors(decoder, [{"start": 1, "end": 2}, {"start": 3, "end": 2}]) == [
        ("/1", "end comes before start", "a valid Span"),
    ]


def test_union_picks_the_member_by_json_kind() -> None:
    decoder = decoder_for(int | str | list[int])
    assert decoder.decode(3) == 3
    assert decoder.decode("3") == "3"
    assert decoder.decode([3]) == [3]
    assert _errors(decoder, 2.5) == [
        (
            "",
            "expected integer or string or array, got number",
            "integer or string or array",
        )
    ]
    assert _errors(decoder, ["x"]) == [
        ("/0", "expected integer, got string", "integer")
    ]
    numbers = decoder_for(int | float)
    assert type(numbers.decode(3)) is int
    assert type(numbers.decode(3.0)) is float


def test_union_of_choices_and_text() -> None:
    decoder = decoder_for(t.Literal["all"] | Color | str)
    assert decoder.decode("all") == "all"
    assert decoder.decode("red") is Color.RED
    assert decoder.decode("other") == "other"
    choices = decoder_for(t.Literal["all"] | Color)
    assert _errors(choices, "other") == [
        ("", "'other' is not allowed", "one of 'all' or one of 'red', 'blue'")
    ]


def test_tagged_union() -> None:
    decoder = decoder_for(list[Circle | Square])
    assert decoder.decode([{"kind": "square"}, {"kind": "circle", "radius": 2}]) == [
        Square("square"),
        Circle("circle", 2.0),
    ]
    assert _errors(
        decoder,
        [
            {"kind": "circle", "radius": 0},
            {"kind": "hexagon"},
            {"side": 1},
            {"kind": "square", "x": 1},
        ],
    ) == [
        ("/0/radius", "0 is out of range", "number above 0"),
        ("/1/kind", "'hexagon' is not allowed", "one of 'circle', 'square'"),
        ("/2/kind", "is required", "one of 'circle', 'square'"),
        ("/3/x", "is not a field of Square", "one of the fields 'kind', 'side'"),
    ]


def test_unknown_fields_policy() -> None:
    document = {"name": "a", "price": 1, "colour": "red"}
    assert _errors(decoder_for(Item), document) == [
        ("/colour", "is not a field of Item", "one of the fields 'name', 'price'")
    ]
    assert decoder_for(Item, unknown="ignore").decode(document) == Item("a", 1.0)

    @unknown_fields("ignore")
    @dataclasses.dataclass
    class Loose:
        name: str

    @unknown_fields("forbid")
    @dataclasses.dataclass
    class Tight:
        name: str

    assert decoder_for(Loose).decode({"name": "a", "x": 1}) == Loose("a")
    with pytest.raises(InvalidData):
        decoder_for(Tight, unknown="ignore").decode({"name": "a", "x": 1})
    with pytest.raises(ValueError, match="use 'forbid' or 'ignore'"):
        unknown_fields("keep")  # type: ignore[arg-type]
    with pytest.raises(RouteError, match="unknown='keep' is not a policy"):
        decoder_for(Item, unknown="keep")  # type: ignore[call-overload]


def test_unknown_fields_of_a_typeddict_with_optional_keys() -> None:
    decoder = decoder_for(Movie)
    assert _errors(decoder, {"title": "Up", "year": 1, "extra": 1}) == [
        (
            "/extra",
            "is not a field of Movie",
            "one of the fields 'title', 'year', 'rating'",
        )
    ]


def test_generated_source_is_readable_in_tracebacks() -> None:
    import linecache

    decoder = decoder_for(Item)
    filename = decoder._fast.__code__.co_filename  # pyright: ignore[reportPrivateUsage]
    assert filename.startswith("<transom decoder ")
    assert filename.endswith(": Item>")
    source = "".join(linecache.getlines(filename))
    assert "x = v['price']" in source


# -- forms and texts -----------------------------------------------------------


@dataclasses.dataclass
class Signup:
    name: t.Annotated[str, Length(min=1)]
    age: t.Annotated[int, Range(ge=13)]
    topics: list[Color]
    newsletter: bool = False
    referrer: str | None = None
    born: datetime.date | None = None


def test_form_converts_text_laxly() -> None:
    decoder = decoder_for(Signup, source="form")
    form = _form(
        [
            ("name", "Ada"),
            ("age", "36"),
            ("topics", "red"),
            ("topics", "blue"),
            ("newsletter", "on"),
        ]
    )
    assert decoder.decode_form(form) == Signup("Ada", 36, [Color.RED, Color.BLUE], True)
    empty = _form([("name", "Ada"), ("age", "36"), ("born", "")])
    assert decoder.decode_form(empty) == Signup("Ada", 36, [], False, None, None)


def test_form_errors_collected() -> None:
    decoder = decoder_for(Signup, source="form")
    with pytest.raises(InvalidData) as caught:
        decoder.decode_form(_form([("age", "x"), ("topics", "green"), ("csrf", "t")]))
    assert [
        (e.source, e.pointer, e.message, e.expected) for e in caught.value.errors
    ] == [
        ("form", "/name", "is required", "text of at least 1 characters"),
        ("form", "/age", "'x' is not an integer at least 13", "an integer at least 13"),
        (
            "form",
            "/topics/0",
            "'green' is not one of 'red', 'blue'",
            "one of 'red', 'blue'",
        ),
        (
            "form",
            "/csrf",
            "is not a field of Signup",
            "one of the fields 'name', 'age', 'topics', 'newsletter', 'referrer', 'born'",
        ),
    ]
    loose = decoder_for(Signup, source="form", unknown="ignore")
    assert (
        loose.decode_form(_form([("name", "A"), ("age", "20"), ("csrf", "t")])).age
        == 20
    )


def test_form_into_a_typeddict() -> None:
    decoder = decoder_for(Movie, source="form")
    assert decoder.decode_form(_form([("title", "Up"), ("year", "2009")])) == {
        "title": "Up",
        "year": 2009,
    }


def test_form_post_init_error() -> None:
    decoder = decoder_for(Span, source="form")
    with pytest.raises(InvalidData) as caught:
        decoder.decode_form(_form([("start", "5"), ("end", "1")]))
    assert caught.value.errors == (
        ErrorDetail("form", "", "end comes before start", "a valid Span"),
    )


def test_form_of_a_scalar_is_refused() -> None:
    with pytest.raises(RouteError, match="a whole form cannot be read into int"):
        decoder_for(int).decode_form(_form([]))


@pytest.mark.parametrize(
    ("annotation", "texts", "value"),
    [
        (int, ["42"], 42),
        (int, "42", 42),
        (t.Annotated[int, Range(ge=-5)], "-3", -3),
        (str, "", ""),
        (int | None, [], None),
        (int | None, [""], None),
        (list[int], ["1", "2"], [1, 2]),
        (list[int], [], []),
        (tuple[int, ...], ["1"], (1,)),
        (
            uuid.UUID,
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            uuid.UUID("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        ),
        (datetime.datetime, "2024-05-31T10:00:00", datetime.datetime(2024, 5, 31, 10)),
        (decimal.Decimal, "1.50", decimal.Decimal("1.50")),
        (bool, "yes", True),
        (t.Literal["a", "b"], "b", "b"),
    ],
)
def test_text_values(annotation: t.Any, texts: str | list[str], value: object) -> None:
    assert decoder_for(annotation, source="header").decode_text(texts) == value


def test_text_errors_name_the_pointer() -> None:
    decoder = decoder_for(int, source="header")
    with pytest.raises(InvalidData) as caught:
        decoder.decode_text([], pointer="/X-Count")
    assert caught.value.errors == (
        ErrorDetail("header", "/X-Count", "is required", "a non-negative integer"),
    )
    with pytest.raises(InvalidData) as caught:
        decoder.decode_text("-1", pointer="/X-Count")
    assert caught.value.errors == (
        ErrorDetail(
            "header",
            "/X-Count",
            "'-1' is not a non-negative integer",
            "a non-negative integer",
        ),
    )
    decimals = decoder_for(t.Annotated[decimal.Decimal, Range(le=1)], source="cookie")
    with pytest.raises(InvalidData, match="is not decimal number at most 1"):
        decimals.decode_text("2")


def test_text_of_a_structure_is_refused_at_build() -> None:
    with pytest.raises(RouteError, match=r"list\[int\] cannot be read from text"):
        decoder_for(list[list[int]], source="header", where="parameter 'x' of f()")


def _nested(depth: int, leaf: object) -> dict[str, object]:
    document: dict[str, object] = {"name": leaf}
    for _ in range(depth):
        document = {"name": "n", "children": [document]}
    return document


def test_deep_documents_of_a_recursive_type() -> None:
    decoder = decoder_for(Tree)
    tree = decoder.decode(_nested(200, "leaf"))
    for _ in range(200):
        tree = tree.children[0]
    assert tree.name == "leaf"
    assert _errors(decoder, _nested(5, 1)) == [
        ("/children/0" * 5 + "/name", "expected string, got integer", "string")
    ]
    assert _errors(decoder, _nested(5000, 1)) == [
        ("", "is nested too deeply to decode", "a shallower document")
    ]


@dataclasses.dataclass
class Mixed:
    b: str
    a: int = dataclasses.field(kw_only=True)
    c: float = 0.0
    d: int = dataclasses.field(init=False, default=7)


def test_keyword_only_and_not_init_fields() -> None:
    decoder = decoder_for(Mixed)
    value = decoder.decode({"a": 1, "b": "x", "c": 2.5})
    assert (value.a, value.b, value.c, value.d) == (1, "x", 2.5, 7)
    assert _errors(decoder, {"a": 1, "b": "x", "d": 1}) == [
        ("/d", "is not a field of Mixed", "one of the fields 'b', 'a', 'c'")
    ]


def test_an_integer_too_long_to_show() -> None:
    assert _errors(decoder_for(float), 10**5000) == [
        ("", "an integer of about 5001 digits is too large", "number")
    ]


@dataclasses.dataclass
class WithInitVar:
    name: str
    scale: dataclasses.InitVar[int] = 1
    size: int = 0
    unit: t.ClassVar[str] = "cm"

    def __post_init__(self, scale: int) -> None:
        self.size *= scale


def test_init_vars_are_decoded_and_class_vars_are_not_fields() -> None:
    decoder = decoder_for(WithInitVar)
    assert decoder.decode({"name": "a", "scale": 3, "size": 2}).size == 6
    assert decoder.decode({"name": "a", "size": 2}).size == 2
    assert _errors(decoder, {"name": "a", "unit": "m"}) == [
        (
            "/unit",
            "is not a field of WithInitVar",
            "one of the fields 'name', 'scale', 'size'",
        )
    ]
