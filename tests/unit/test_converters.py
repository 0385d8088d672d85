"""transom.converters: ASCII-only converters between URL text and values."""

from __future__ import annotations

import datetime
import enum
import re
import typing as t
import uuid

import pytest

from transom.converters import BUILTIN_CONVERTERS
from transom.converters import MAX_DIGITS
from transom.converters import WERKZEUG_NAMES
from transom.converters import BoolConverter
from transom.converters import ChoiceConverter
from transom.converters import Converter
from transom.converters import DateConverter
from transom.converters import FloatConverter
from transom.converters import IntConverter
from transom.converters import PathConverter
from transom.converters import StrConverter
from transom.converters import UUIDConverter
from transom.converters import ValidationError
from transom.converters import map_escape


def _matches(converter: Converter[t.Any], text: str) -> bool:
    return re.fullmatch(converter.regex, text) is not None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("0", True),
        ("42", True),
        ("9" * MAX_DIGITS, True),
        ("9" * (MAX_DIGITS + 1), False),
        ("-1", False),
        ("+1", False),
        ("1.0", False),
        ("١", False),  # ARABIC-INDIC DIGIT ONE
        ("１", False),  # FULLWIDTH DIGIT ONE
        ("", False),
    ],
)
def test_int_regex_is_ascii_and_bounded(text: str, ok: bool) -> None:
    assert _matches(IntConverter(), text) is ok


def test_int_signed_and_werkzeug_arguments() -> None:
    signed = IntConverter(signed=True)
    assert _matches(signed, "-5")
    assert signed.to_python("-5") == -5
    fixed = IntConverter(fixed_digits=4)
    assert _matches(fixed, "0042") and not _matches(fixed, "42")
    assert fixed.to_url(42) == "0042"
    bounded = IntConverter(min=1, max=3)
    assert bounded.to_python("2") == 2
    for text in ("0", "4"):
        with pytest.raises(ValidationError):
            bounded.to_python(text)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("1", True), ("1.5", True), ("-1.5", False), ("1.", False), (".5", False)],
)
def test_float_regex(text: str, ok: bool) -> None:
    assert _matches(FloatConverter(), text) is ok


def test_float_conversions() -> None:
    assert FloatConverter().to_python("2.5") == 2.5
    assert FloatConverter().to_url(2) == "2.0"
    assert _matches(FloatConverter(signed=True), "-0.5")
    with pytest.raises(ValidationError):
        FloatConverter(max=1.0).to_python("1.5")


def test_str_and_path() -> None:
    assert not _matches(StrConverter(), "a/b")
    assert _matches(PathConverter(), "a/b")
    assert StrConverter().to_url("a b") == "a%20b"
    with pytest.raises(ValueError, match="PathStr"):
        StrConverter().to_url("a/b")
    assert PathConverter().to_url("a b/c") == "a%20b/c"
    assert _matches(StrConverter(length=2), "ab")
    assert not _matches(StrConverter(length=2), "abc")
    assert _matches(StrConverter(minlength=2, maxlength=3), "abc")
    assert not _matches(StrConverter(minlength=2, maxlength=3), "a")


def test_uuid() -> None:
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    converter = UUIDConverter()
    assert _matches(converter, str(ident))
    assert _matches(converter, str(ident).upper())
    assert not _matches(converter, ident.hex)
    assert converter.to_python(str(ident)) == ident
    assert converter.to_url(ident) == str(ident)


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("FALSE", False), ("1", True), ("no", False), ("On", True)],
)
def test_bool(text: str, value: bool) -> None:
    converter = BoolConverter()
    assert _matches(converter, text)
    assert converter.to_python(text) is value
    assert converter.to_url(value) == ("true" if value else "false")


def test_date() -> None:
    converter = DateConverter()
    assert converter.to_python("2024-02-29") == datetime.date(2024, 2, 29)
    assert converter.to_url(datetime.date(2024, 1, 2)) == "2024-01-02"
    assert not _matches(converter, "2024-1-2")
    with pytest.raises(ValueError):
        converter.to_python("2024-02-30")


class Color(enum.Enum):
    RED = "red"
    LIGHT_RED = "light-red"


def test_choice_of_enum() -> None:
    converter = ChoiceConverter(None, *Color)
    assert converter.choices == (Color.RED, Color.LIGHT_RED)
    assert converter.to_python("light-red") is Color.LIGHT_RED
    assert converter.to_url(Color.RED) == "red"
    assert converter.to_url("red") == "red"
    assert _matches(converter, "light-red") and not _matches(converter, "RED")
    with pytest.raises(ValidationError):
        converter.to_python("blue")
    with pytest.raises(ValueError, match="is not one of"):
        converter.to_url("blue")


def test_choice_of_literals_and_werkzeug_any() -> None:
    ints = ChoiceConverter(None, 1, 2)
    assert ints.to_python("2") == 2
    assert ints.to_url(1) == "1"
    words = ChoiceConverter(None, "a", "ab")
    # Longest first, so "ab" is not matched as "a" followed by junk.
    assert re.fullmatch(words.regex, "ab") is not None
    assert words.to_python("ab") == "ab"


def test_map_escape_orders_longest_first() -> None:
    assert map_escape(["a", "a.b", "ab"]) == ["a\\.b", "ab", "a"]


def test_user_converter_subclass() -> None:
    class Upper(Converter[str]):
        regex = "[a-z]+"

        def to_python(self, value: str) -> str:
            return value.upper()

        def to_url(self, value: str) -> str:
            return value.lower()

    converter = Upper(None)
    assert converter.to_python("ab") == "AB"
    assert converter.to_url("AB") == "ab"


def test_base_converter_methods_must_be_implemented() -> None:
    with pytest.raises(NotImplementedError):
        Converter[int]().to_python("1")
    with pytest.raises(NotImplementedError):
        Converter[int]().to_url(1)


def test_registries() -> None:
    assert BUILTIN_CONVERTERS[int] is IntConverter
    assert BUILTIN_CONVERTERS[uuid.UUID] is UUIDConverter
    assert WERKZEUG_NAMES["path"] is PathConverter
    assert WERKZEUG_NAMES["any"] is ChoiceConverter


def test_one_segment_converters_are_part_isolating() -> None:
    # werkzeug matches these segment by segment, as it does its own string
    # converter; a regex with "/" in it would otherwise make werkzeug treat
    # "[^/]+" as taking slashes.
    for cls in (StrConverter, IntConverter, FloatConverter, UUIDConverter):
        assert cls().part_isolating
    assert StrConverter(length=3).part_isolating
    assert BoolConverter().part_isolating and DateConverter().part_isolating
    assert not PathConverter().part_isolating
    assert ChoiceConverter(None, "a", "b").part_isolating
    assert not ChoiceConverter(None, "a/b", "c").part_isolating


def test_a_converter_whose_regex_takes_slashes_is_not_part_isolating() -> None:
    class Slashed(Converter[str]):
        regex = "[a-z/]+"

    class Own(Converter[str]):
        regex = "[a-z]+"

    assert not Slashed.part_isolating
    assert Own.part_isolating
