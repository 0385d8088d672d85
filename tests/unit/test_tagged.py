"""transom.tagged: JSON that gives back the types JSON lacks."""

from __future__ import annotations

import dataclasses
import datetime
import json
import typing as t
import uuid

import pytest
from markupsafe import Markup

from transom.tagged import Tag
from transom.tagged import TaggedJSON

NOW = datetime.datetime(2024, 5, 1, 12, 30, 15, 123456)


@pytest.mark.parametrize(
    "value",
    [
        (1, 2, 3),
        (),
        b"\xff\x00",
        b"",
        Markup("<b>Hello!</b>"),
        uuid.UUID("7eb41166-9ebf-4d26-b771-ea3f54f8b383"),
        NOW,
        NOW.replace(tzinfo=datetime.UTC),
        NOW.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
        datetime.date(2024, 5, 1),
        {"nested": [(1, (2, b"x")), {"when": NOW}]},
        {" t": [1]},  # a user's dict that looks like a tag
        {" di": "escape key itself"},
        {" t": (1,), "other": 2},  # two keys: never a tag
        {"": 0},
        "plain",
        [1, 2.5, True, None, "x"],
    ],
    ids=repr,
)
def test_values_round_trip_with_their_type(value: object) -> None:
    tagged = TaggedJSON()
    back = tagged.loads(tagged.dumps(value))
    assert back == value
    assert type(back) is type(value)
    if isinstance(value, dict):
        inner = t.cast("dict[str, object]", value)
        assert [type(v) for v in t.cast("dict[str, object]", back).values()] == [
            type(v) for v in inner.values()
        ]


def test_nested_types_are_kept() -> None:
    tagged = TaggedJSON()
    back = tagged.loads(tagged.dumps({"a": [(1, b"x")]}))
    assert type(back["a"][0]) is tuple
    assert type(back["a"][0][1]) is bytes


def test_bytearray_comes_back_as_bytes() -> None:
    tagged = TaggedJSON()
    assert tagged.loads(tagged.dumps(bytearray(b"ab"))) == b"ab"


def test_an_object_with_html_comes_back_as_markup() -> None:
    class Page:
        def __html__(self) -> str:
            return "<p>hi</p>"

    tagged = TaggedJSON()
    back = tagged.loads(tagged.dumps(Page()))
    assert back == Markup("<p>hi</p>")
    assert type(back) is Markup


def test_plain_json_reads_as_itself() -> None:
    # What sessions were before tags: untagged JSON must still load.
    text = '{"user":"ada","cart":[1,"two",{"n":null}],"when":"2024-05-01"}'
    assert TaggedJSON().loads(text) == json.loads(text)
    assert TaggedJSON().loads(text.encode()) == json.loads(text)


def test_plain_values_are_written_as_plain_json() -> None:
    value = {"user": "ada", "n": [1, {"x": None}]}
    assert TaggedJSON().dumps(value) == json.dumps(value, separators=(",", ":"))


def test_other_types_go_to_the_provider() -> None:
    @dataclasses.dataclass
    class Point:
        x: int

    tagged = TaggedJSON()
    assert tagged.loads(tagged.dumps({"p": Point(1)})) == {"p": {"x": 1}}
    with pytest.raises(TypeError, match="object is not JSON serializable"):
        tagged.dumps({"o": object()})


@dataclasses.dataclass(frozen=True)
class Money:
    cents: int


class MoneyTag(Tag[Money]):
    key = " money"
    types = (Money,)

    def to_json(self, value: Money) -> t.Any:
        return value.cents

    def to_python(self, value: t.Any) -> Money:
        return Money(value)


def test_a_registered_tag_is_used() -> None:
    tagged = TaggedJSON()
    tagged.register(MoneyTag())
    text = tagged.dumps({"price": Money(250)})
    assert text == '{"price":{" money":250}}'
    assert tagged.loads(text) == {"price": Money(250)}
    # A user's dict with the new key is escaped.
    assert tagged.loads(tagged.dumps({" money": 1})) == {" money": 1}


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("money", "must start with a space"),
        (" di", "must start with a space and not be ' di'"),
        (" t", "is taken by _TupleTag"),
    ],
)
def test_a_bad_tag_key_names_the_fix(key: str, message: str) -> None:
    class Bad(MoneyTag):
        pass

    Bad.key = key
    with pytest.raises(ValueError, match=message):
        TaggedJSON().register(Bad())


@pytest.mark.parametrize(
    "text", ['{" b":"not base64!"}', '{" u":"nope"}', '{" di":[1]}', '{" d":3}']
)
def test_a_malformed_tag_is_an_error(text: str) -> None:
    # Signed data is never malformed; the session turns this into an empty
    # session anyway (itsdangerous's BadPayload).
    with pytest.raises((ValueError, TypeError)):
        TaggedJSON().loads(text)
