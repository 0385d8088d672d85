"""transom.params: annotations resolved once into ValueType."""

from __future__ import annotations

import datetime
import enum
import re
import typing as t
import uuid

import annotated_types as at
import pytest

from transom import Converter
from transom.converters import ChoiceConverter
from transom.converters import IntConverter
from transom.converters import PathConverter
from transom.converters import StrConverter
from transom.exceptions import ConverterError
from transom.params import SLASHES
from transom.params import ConverterRegistry
from transom.params import EmptyRangeError
from transom.params import Length
from transom.params import PathStr
from transom.params import Range
from transom.params import ValueType


class Color(enum.Enum):
    RED = "red"


def _resolve(annotation: object, *, in_path: bool = False) -> ValueType:
    return ConverterRegistry().resolve(
        annotation, "parameter 'x' of f()", in_path=in_path
    )


@pytest.mark.parametrize(
    ("bounds", "value", "ok"),
    [
        (Range(ge=1), 1, True),
        (Range(ge=1), 0, False),
        (Range(gt=1), 1, False),
        (Range(le=5), 5, True),
        (Range(lt=5), 5, False),
        (Range(ge=1, le=3), 2, True),
        (Range(), -(10**9), True),
    ],
)
def test_range_check(bounds: Range, value: int, ok: bool) -> None:
    assert bounds.check(value) is ok


@pytest.mark.parametrize(
    ("bounds", "signed", "negative_only"),
    [
        (Range(ge=-1), True, False),
        (Range(gt=-0.5), True, False),
        (Range(ge=0), False, False),
        (Range(gt=-1, le=5), True, False),
        (Range(le=-1), False, True),
        (Range(lt=0), False, True),
        (Range(le=0), False, False),
        (Range(), False, False),
    ],
)
def test_range_sign(bounds: Range, signed: bool, negative_only: bool) -> None:
    assert bounds.signed is signed
    assert bounds.negative_only is negative_only


@pytest.mark.parametrize(
    ("bounds", "text"),
    [
        (Range(ge=1, le=100), "from 1 to 100"),
        (Range(ge=0), "at least 0"),
        (Range(gt=0.5), "above 0.5"),
        (Range(le=9), "at most 9"),
        (Range(ge=-1, lt=5), "at least -1 and below 5"),
        (Range(), "of any size"),
    ],
)
def test_range_describe(bounds: Range, text: str) -> None:
    assert bounds.describe() == text


@pytest.mark.parametrize(
    "bounds",
    [
        {"ge": 10, "le": 5},
        {"ge": 5, "lt": 5},
        {"gt": 5, "le": 5},
        {"gt": 5, "lt": 5},
        {"ge": 1, "gt": 3, "le": 3},
        {"ge": 0, "le": 9, "lt": 0},
    ],
)
def test_a_range_no_number_fits_is_refused(bounds: dict[str, float]) -> None:
    with pytest.raises(EmptyRangeError) as raised:
        Range(**bounds)
    message = str(raised.value)
    assert message.startswith(f"{Range.__name__}(")
    assert ": no number fits these bounds. Fix: give a lower bound below" in message
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    "bounds",
    [{"ge": 5, "le": 5}, {"gt": 1, "lt": 2}, {"ge": -3, "lt": -2.5}, {"le": 0}, {}],
)
def test_a_range_some_number_fits_is_accepted(bounds: dict[str, float]) -> None:
    assert repr(Range(**bounds)).startswith("Range(")


def test_range_bounds_are_keywords() -> None:
    with pytest.raises(TypeError):
        Range(1, 100)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def test_an_empty_annotated_types_interval_is_refused() -> None:
    with pytest.raises(EmptyRangeError):
        _resolve(t.Annotated[int, at.Interval(gt=5, lt=3)])


def test_range_and_length_repr_show_set_bounds_only() -> None:
    assert repr(Range(ge=1, le=3)) == "Range(ge=1, le=3)"
    assert repr(Range()) == "Range()"
    assert repr(Length(max=3)) == "Length(max=3)"
    assert repr(Length(2, 4)) == "Length(min=2, max=4)"


@pytest.mark.parametrize(
    ("bounds", "text"),
    [
        (Length(max=4), "of at most 4 characters"),
        (Length(min=2), "of at least 2 characters"),
        (Length(3, 3), "of exactly 3 characters"),
        (Length(2, 5), "of 2 to 5 characters"),
    ],
)
def test_length(bounds: Length, text: str) -> None:
    assert bounds.describe() == text
    assert bounds.check("abc") is (bounds.min <= 3 <= (bounds.max or 3))


def test_pathstr_is_str_with_marker() -> None:
    assert t.get_args(PathStr) == (str, SLASHES)
    value_type = _resolve(PathStr, in_path=True)
    assert isinstance(value_type.converter, PathConverter)
    assert value_type.base is str


def test_plain_types() -> None:
    assert isinstance(_resolve(int).converter, IntConverter)
    assert isinstance(_resolve(str).converter, StrConverter)
    for annotation in (float, bool, uuid.UUID, datetime.date):
        assert _resolve(annotation).base is annotation


def test_optional_and_list() -> None:
    optional = _resolve(int | None)
    assert (optional.base, optional.optional, optional.many) == (int, True, False)
    many = _resolve(list[int])
    assert (many.base, many.optional, many.many) == (int, False, True)
    both = _resolve(list[str] | None)
    assert (both.optional, both.many) == (True, True)
    bare = _resolve(list)
    assert (bare.base, bare.many) == (str, True)


def test_choices() -> None:
    literal = _resolve(t.Literal["a", "b"])
    assert isinstance(literal.converter, ChoiceConverter)
    assert literal.parse("b") == "b"
    enum_type = _resolve(Color)
    assert enum_type.parse("red") is Color.RED
    assert enum_type.describe() == "one of 'red'"


def test_constraints_from_annotated_types() -> None:
    value_type = _resolve(t.Annotated[int, at.Ge(2), at.Le(4)])
    assert value_type.constraints == (Range(ge=2), Range(le=4))
    assert value_type.parse("3") == 3
    with pytest.raises(ValueError):
        value_type.parse("5")
    interval = _resolve(t.Annotated[int, at.Interval(gt=0, lt=10)])
    assert interval.constraints == (Range(gt=0, lt=10),)
    lengths = _resolve(t.Annotated[str, at.Len(1, 3)])
    assert lengths.constraints == (Length(1, 3),)
    assert _resolve(t.Annotated[str, at.MinLen(2)]).constraints == (Length(2),)


def test_unrelated_metadata_is_left_alone() -> None:
    assert _resolve(t.Annotated[int, "a doc string", object()]).constraints == ()


def test_signed_numbers_follow_the_lower_bound() -> None:
    assert _resolve(t.Annotated[int, Range(ge=-5)]).parse("-5") == -5
    assert _resolve(t.Annotated[float, Range(ge=-1)]).parse("-0.5") == -0.5
    with pytest.raises(ValueError):
        _resolve(int).parse("-1")
    with pytest.raises(ValueError):
        _resolve(t.Annotated[int, Range(ge=0)]).parse("-1")


@pytest.mark.parametrize(
    ("text", "ok"),
    [("", True), ("a/b", True), ("line\nbreak", True), ("x" * 10_000, True)],
)
def test_query_text_accepts_any_text(text: str, ok: bool) -> None:
    assert _resolve(str).parse(text) == text
    assert _resolve(PathStr).parse(text) == text


def test_path_text_is_one_segment() -> None:
    path_type = _resolve(str, in_path=True)
    with pytest.raises(ValueError):
        path_type.parse("a/b")


def test_length_applies_to_query_text() -> None:
    value_type = _resolve(t.Annotated[str, Length(max=2)])
    assert value_type.parse("ab") == "ab"
    with pytest.raises(ValueError):
        value_type.parse("abc")


@pytest.mark.parametrize(
    ("annotation", "text"),
    [
        (int, "a non-negative integer"),
        (t.Annotated[int, Range(ge=-1)], "an integer at least -1"),
        (float, "a non-negative number"),
        (t.Annotated[float, Range(gt=-1)], "a number above -1"),
        (t.Annotated[int, Range(ge=1, le=50)], "an integer from 1 to 50"),
        (t.Annotated[float, Range(gt=0)], "a number above 0"),
        (t.Annotated[int, Range(le=9)], "a non-negative integer at most 9"),
        (str, "text"),
        (t.Annotated[str, Length(max=3)], "text of at most 3 characters"),
        (bool, "true or false"),
        (datetime.date, "a date (YYYY-MM-DD)"),
        (uuid.UUID, "a UUID (8-4-4-4-12 hexadecimal digits)"),
        (t.Literal["a", "b"], "one of 'a', 'b'"),
    ],
)
def test_describe(annotation: object, text: str) -> None:
    assert _resolve(annotation).describe() == text


def test_to_text() -> None:
    assert _resolve(int).to_text(3) == "3"
    assert _resolve(int).to_text("3") == "3"
    assert _resolve(str).to_text("a b/c") == "a b/c"
    assert _resolve(str).to_text(5) == "5"
    assert _resolve(Color).to_text(Color.RED) == "red"
    assert _resolve(bool).to_text(False) == "false"
    with pytest.raises(ValueError):
        _resolve(int).to_text("three")
    with pytest.raises(ValueError):
        _resolve(Color).to_text("blue")


@pytest.mark.parametrize(
    ("annotation", "in_path", "message"),
    [
        (list[int], True, "a path parameter cannot be list[int]"),
        (int | None, True, "a path parameter cannot be"),
        (int | str, False, "is a union transom cannot convert to"),
        (int | str | None, False, "is a union transom cannot convert to"),
        (t.Annotated[str, Range(ge=1)], False, "applies to int and float, not str"),
        (t.Annotated[int, Length(max=2)], False, "applies to str, not int"),
        (t.Annotated[int, SLASHES], True, "PathStr (slashes allowed) applies to str"),
        (t.Annotated[int, Range(lt=0)], False, "allows only negative numbers"),
        (t.Literal[1.5], False, "values that are not str, int or Enum"),
        ("Missing", False, "the annotation 'Missing' is a name in quotes"),
        (t.ForwardRef("Missing"), False, "is a name in quotes"),
        (t.Any, False, "no converter for the annotation Any"),
        (dict[str, int], False, "no converter for the annotation dict[str, int]"),
    ],
)
def test_resolve_errors(annotation: object, in_path: bool, message: str) -> None:
    with pytest.raises(ConverterError, match=re.escape(message)) as info:
        _resolve(annotation, in_path=in_path)
    assert info.value.where == "parameter 'x' of f()"
    assert "Fix:" in str(info.value)


class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents


class MoneyConverter(Converter[Money]):
    regex = "[0-9]+c"

    def to_python(self, value: str) -> Money:
        return Money(int(value[:-1]))

    def to_url(self, value: Money) -> str:
        return f"{value.cents}c"


def test_register_by_type_and_name() -> None:
    registry = ConverterRegistry()
    registry.register(Money, MoneyConverter, "money")
    assert registry.names["money"] is MoneyConverter
    assert registry.type_for_name("money") is Money
    value_type = registry.resolve(Money, "x", in_path=False)
    assert value_type.parse("250c").cents == 250
    assert value_type.describe() == "a Money"


def test_registered_converter_does_not_serve_subclasses() -> None:
    """The base's converter gives a Money, not the Euro the view asks for:
    refused, until the subclass has a converter of its own."""

    class Euro(Money):
        pass

    registry = ConverterRegistry()
    registry.register(Money, MoneyConverter)
    with pytest.raises(ConverterError) as raised:
        registry.resolve(Euro, "x", in_path=True)
    assert str(raised.value).startswith(
        "x: no converter for the annotation"
    ) and "of its base class" in str(raised.value)
    registry.register(Euro, MoneyConverter)
    assert isinstance(
        registry.resolve(Euro, "x", in_path=True).converter, MoneyConverter
    )


def test_datetime_is_not_served_by_the_date_converter() -> None:
    registry = ConverterRegistry()
    with pytest.raises(ConverterError) as raised:
        registry.resolve(datetime.datetime, "parameter 'day' of f()", in_path=True)
    assert str(raised.value) == (
        "parameter 'day' of f(): no converter for the annotation datetime; the"
        " converter of its base class date would give a date, not a datetime."
        " Fix: register one with app.register_converter(datetime, YourConverter),"
        " or annotate the parameter as date."
    )


def test_registries_are_independent() -> None:
    first = ConverterRegistry()
    first.register(Money, MoneyConverter, "money")
    assert "money" not in ConverterRegistry().names


def test_type_for_name() -> None:
    registry = ConverterRegistry()
    assert registry.type_for_name("int") is int
    assert registry.type_for_name("any") is None
    assert registry.type_for_name("unknown") is None
