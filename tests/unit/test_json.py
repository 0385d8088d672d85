"""transom.json: the JSON provider of apps, requests and responses."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import itertools
import json
import math
import threading
import typing as t
import uuid

import pytest
from benchmarks import json_checks
from markupsafe import Markup

from transom.json import JSONProvider
from transom.json import default_provider


class Level(enum.Enum):
    HIGH = "high"


@dataclasses.dataclass
class Item:
    name: str
    when: datetime.date


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"b": 1, "a": 2}, '{"b":1,"a":2}'),
        (Item("x", datetime.date(2024, 1, 2)), '{"name":"x","when":"2024-01-02"}'),
        (uuid.UUID(int=0), '"00000000-0000-0000-0000-000000000000"'),
        (decimal.Decimal("1.10"), '"1.10"'),
        (Level.HIGH, '"high"'),
        (datetime.datetime(2024, 1, 2, 3, 4), '"2024-01-02T03:04:00"'),
        (datetime.time(3, 4), '"03:04:00"'),
        (frozenset({1}), "[1]"),
        (Markup("<b>x</b>"), '"<b>x</b>"'),
        ("ü", '"ü"'),
    ],
)
def test_dumps(value: object, text: str) -> None:
    assert JSONProvider().dumps(value) == text


def test_unknown_type_is_a_type_error() -> None:
    with pytest.raises(
        TypeError, match="Object of type object is not JSON serializable"
    ):
        JSONProvider().dumps(object())


def test_options() -> None:
    provider = JSONProvider()
    provider.sort_keys = True
    provider.compact = False
    assert provider.dumps({"b": 1, "a": 2}) == '{\n  "a": 2,\n  "b": 1\n}'
    provider.ensure_ascii = True
    assert provider.dumps("ü") == '"\\u00fc"'


def test_loads() -> None:
    assert default_provider.loads('{"a": [1, 2]}') == {"a": [1, 2]}
    assert default_provider.loads(b"[1]") == [1]
    with pytest.raises(ValueError):
        default_provider.loads("{bad")


def test_deep_nesting_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        default_provider.loads("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize("compact", [True, False])
@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize(
    "value",
    [
        {"b": [1, 2.5, None], "a": {"é": True}, "c": "x"},
        [float("nan"), float("inf"), -0.0, 10**30, 1e-7],
        {3: "int key", 1.5: "float key", 2: "another"},
        {None: "null key"},
        {True: "bool key", False: "another"},
        'top-level text with \u2028 and "quotes"',
        [],
        {"deep": [[[{"x": [1]}]]]},
    ],
)
def test_every_setting_writes_what_json_dumps_writes(
    compact: bool, sort_keys: bool, ensure_ascii: bool, value: object
) -> None:
    provider = JSONProvider()
    provider.compact = compact
    provider.sort_keys = sort_keys
    provider.ensure_ascii = ensure_ascii
    expected = json.dumps(
        value,
        sort_keys=sort_keys,
        ensure_ascii=ensure_ascii,
        separators=(",", ":") if compact else None,
        indent=None if compact else 2,
    )
    assert provider.dumps(value) == expected
    assert provider.dumps(value) == expected  # once more, from a kept encoder


@pytest.mark.parametrize("compact", [True, False])
def test_a_cycle_is_named_as_json_dumps_names_it(compact: bool) -> None:
    provider = JSONProvider()
    provider.compact = compact
    cycle: dict[str, object] = {"items": []}
    t.cast("list[object]", cycle["items"]).append(cycle)
    with pytest.raises(ValueError, match="^Circular reference detected$"):
        provider.dumps(cycle)
    # Nothing of the failed document stays behind.
    assert provider.dumps({"items": [1]}) == (
        '{"items":[1]}' if compact else '{\n  "items": [\n    1\n  ]\n}'
    )


def test_threads_encoding_one_document_each_get_it_whole() -> None:
    # The kept encoder holds no per-document state: threads that switch
    # in the middle of a document (the dates call back into Python) do not
    # see each other's containers as cycles.
    shared = {"when": [datetime.date(2024, 1, day) for day in range(1, 29)]}
    expected = default_provider.dumps(shared)
    results: list[str | BaseException] = []

    def work() -> None:
        for _ in range(300):
            try:
                results.append(default_provider.dumps(shared))
            except Exception as e:  # shown in the failed assertion
                results.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 1200


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, 2.5, "x\\u00e9"], "b": null}',
        "\ufeff{}",
        "NaN",
        "[Infinity]",
        "{",
        '"\\ud83d\\ude00"',
        "1e308",
    ],
)
def test_loads_of_text_answers_as_json_loads_with_the_strict_options(
    text: str,
) -> None:
    assert _loaded(default_provider.loads, text) == _loaded(_strict_loads, text)


_DOCUMENT: t.Final = '{"name": "Ad\u00e9", "tags": ["\u2603", 1.5], "n": null}'


@pytest.mark.parametrize(
    "data",
    [
        _DOCUMENT.encode(),
        b"\xef\xbb\xbf" + _DOCUMENT.encode(),  # UTF-8 with its BOM
        _DOCUMENT.encode("utf-16"),  # with a BOM
        _DOCUMENT.encode("utf-16-le"),
        _DOCUMENT.encode("utf-16-be"),
        _DOCUMENT.encode("utf-32"),
        _DOCUMENT.encode("utf-32-be"),
        bytearray(_DOCUMENT.encode()),
        "\ufeff\ufeff{}".encode(),  # a second BOM is text
        b"[NaN]",
        b"{} []",
        b"",
    ],
)
def test_loads_of_bytes_answers_as_json_loads_with_the_strict_options(
    data: bytes | bytearray,
) -> None:
    expected = _loaded(_strict_loads, data)
    assert _loaded(default_provider.loads, data) == expected
    assert _loaded(default_provider.loads, data) == expected  # the kept decoder


def _strict_loads(s: str | bytes | bytearray) -> t.Any:
    def refuse(name: str) -> t.NoReturn:
        raise ValueError(name)

    return json.loads(s, parse_constant=refuse)


def _loaded(loads: t.Callable[[t.Any], t.Any], s: object) -> object:
    """What ``loads`` gives for ``s``, or the class of its error."""
    try:
        return loads(s)
    except ValueError as e:
        return type(e)


@pytest.mark.parametrize(
    "text",
    ["1e999", "-1e999", "[1E400]", '{"a": 1e+999}', "[" + "9" * 400 + ".5]"],
)
@pytest.mark.parametrize("hooked", [False, True])
def test_a_number_beyond_a_float_is_refused(text: str, hooked: bool) -> None:
    # json.loads reads it as infinity, which NaN/Infinity rules exist to keep out.
    options = {"object_hook": dict} if hooked else {}
    with pytest.raises(ValueError, match="beyond the range of a float"):
        default_provider.loads(text, **options)
    assert default_provider.loads("[1.7e308, 1e-999]") == [1.7e308, 0.0]


@pytest.mark.parametrize(
    "number",
    ["1e999", "-1e+999", "1E-400", "2e308", "9" * 210 + "e99", "1" * 320 + ".5"],
)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_each_number_is_read_as_json_reads_it_or_refused(
    number: str, as_bytes: bool
) -> None:
    """In documents that hold exponent marks and points elsewhere (which
    send them past the first look), short and long, as text and as bytes:
    a number that json.loads reads as infinite is refused, any other is
    read as json.loads reads it."""
    for text in (
        f'["see e.g. page 3", {number}]',
        f'["{"e" * 300}", {number}, 1.5]',
        f'["2e100", {number}]',  # a near miss, sent to the exact decoder
    ):
        expected: list[float | str] = json.loads(text)
        document: str | bytes = text.encode() if as_bytes else text
        if math.isinf(t.cast("float", expected[1])):
            with pytest.raises(ValueError, match="beyond the range of a float"):
                default_provider.loads(document)
        else:
            assert default_provider.loads(document) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[1][2]",
        "{}{}",
        "[1]]",
        '{"a": 1}}',
        "[1,]",
        "[",
        "]",
        "{]",
        "[1] ",
        " [1]",
        "\n{}\t",
        '"text"',
        "2",
        "[]",
        '{"a": [1, {"b": null}], "c": "]"}',
        "[1.5, -0.25, 1E2, 7]",
        "[" + "9" * 300 + ".5]",  # long, with no exponent: finite
    ],
)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_document_reads_or_fails_as_json_loads_says(
    text: str, as_bytes: bool
) -> None:
    """Arrays and objects with nothing around them are read by the scanner
    alone: what follows one, or a malformed one, gets json.loads's answer."""
    document: str | bytes = text.encode() if as_bytes else text
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as e:
        with pytest.raises(json.JSONDecodeError) as caught:
            default_provider.loads(document)
        assert (caught.value.msg, caught.value.pos) == (e.msg, e.pos)
    else:
        assert default_provider.loads(document) == expected


_ESCAPES: t.Final = [
    "\\ud800",
    "\\udc00",
    "\\\\",
    "a",
    "\\uDBFF",
    "\\uDFFF",
    '\\"',
    "\\u00e9",
]


@pytest.mark.parametrize("hooked", [False, True])
def test_an_unpaired_surrogate_escape_is_refused_exactly(hooked: bool) -> None:
    """Every string of up to four of these escapes, as a value and as a key:
    refused exactly when json.loads would give a lone surrogate."""
    options = {"object_hook": dict} if hooked else {}
    for size in range(1, 5):
        for escapes in itertools.product(_ESCAPES, repeat=size):
            body = "".join(escapes)
            for text in (f'["x", "{body}"]', f'{{"{body}": [1]}}'):
                lone = any(
                    "\ud800" <= c <= "\udfff"
                    for c in json.dumps(json.loads(text), ensure_ascii=False)
                )
                try:
                    default_provider.loads(text, **options)
                except ValueError as e:
                    assert lone, text
                    assert "unpaired surrogate escape" in str(e)
                else:
                    assert not lone, text


def test_surrogates_in_text_or_encoded_as_utf8_are_refused() -> None:
    with pytest.raises(ValueError, match="surrogate code point"):
        default_provider.loads('["\ud800"]')
    with pytest.raises(ValueError, match=r"not valid UTF-8: .* at byte 2"):
        default_provider.loads(b'["\xed\xa0\x80"]')
    assert json.loads(b'["\xed\xa0\x80"]') == ["\ud800"]  # what this replaces


@pytest.mark.parametrize("name", list(json_checks.documents(10_000)))
def test_hard_documents_read_as_json_loads_reads_them(name: str) -> None:
    """The documents the JSON-checks benchmark times (python -m
    benchmarks.json_checks): each reads as ``json.loads`` reads it, or is
    refused for its depth alone."""
    text = json_checks.documents(10_000)[name]
    if text.startswith("[" * 257):
        with pytest.raises(ValueError, match="nested more than 256 levels"):
            default_provider.loads(text.encode())
    else:
        assert default_provider.loads(text.encode()) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("[" * 256 + "]" * 256, False),
        ("[" * 257 + "]" * 257, True),
        ('[{"a": ' * 128 + "1" + "}]" * 128, False),
        ('[{"a": ' * 129 + "1" + "}]" * 129, True),
        ('["' + "[" * 300 + '"]', False),
        ('["\\"' + "[" * 300 + '", "\\\\"]', False),
        ('["\\\\", ' + "[" * 300 + "]" * 300 + "]", True),
        ('["\\\\\\"' + "{" * 300 + '", ' + "[" * 256 + "]" * 256 + "]", True),
    ],
)
@pytest.mark.parametrize("hooked", [False, True])
def test_the_depth_limit_counts_brackets_outside_strings(
    text: str, deep: bool, hooked: bool
) -> None:
    # With a hook, the depth is read from the text instead of the value.
    options = {"object_pairs_hook": dict} if hooked else {}
    if deep:
        with pytest.raises(ValueError, match="nested more than 256 levels"):
            default_provider.loads(text, **options)
    else:
        assert default_provider.loads(text, **options) == json.loads(text)
