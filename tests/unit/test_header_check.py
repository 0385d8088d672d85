"""transom._header_check: what may go out as a header name and value."""

from __future__ import annotations

import pytest

from transom import _header_check
from transom._header_check import check_header_name
from transom._header_check import check_headers
from transom.exceptions import HeaderValueError


@pytest.mark.parametrize(
    "headers",
    [
        [],
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "3")],
        [("X-Tab", "a\tb"), ("X-Latin-1", "caf\xe9 \x80\xff")],
        [("!#$%&'*+-.^_`|~09azAZ", "")],
        [("X-Spaces", "  padded  ")],
    ],
)
def test_good_headers_pass(headers: list[tuple[str, str]]) -> None:
    check_headers(headers)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("X\r\nSet-Cookie: a=1", "RFC 9110 token"),
        ("Set-Cookie: a=1; x", "RFC 9110 token"),
        ("X-Nul\x00", "RFC 9110 token"),
        ("X Y", "RFC 9110 token"),
        ("X\tY", "RFC 9110 token"),
        ("", "RFC 9110 token"),
        ("X-\xdc", "RFC 9110 token"),
        ("(X)", "RFC 9110 token"),
        (b"X-Bytes", "must be text (a str), not bytes"),
        (42, "must be text (a str), not int"),
        (["X"], "must be text (a str), not list"),
    ],
)
def test_bad_names_are_refused(name: object, problem: str) -> None:
    with pytest.raises(HeaderValueError, match="name") as info:
        check_headers([("Content-Type", "text/plain"), (name, "v")])
    assert problem in str(info.value)
    assert info.value.header == repr(name)
    assert info.value.code == 400


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\rb", "'\\r' at offset 1"),
        ("a\nb", "'\\n' at offset 1"),
        ("\x00", "'\\x00' at offset 0"),
        ("a\x0bb", "'\\x0b' at offset 1"),
        ("a\x1f", "'\\x1f' at offset 1"),
        ("a\x7f", "'\\x7f' at offset 1"),
        ("\u20ac", "'\u20ac' at offset 0"),
        ("a\ud800", "'\\ud800' at offset 1"),
    ],
)
def test_bad_values_are_refused(value: str, shown: str) -> None:
    with pytest.raises(HeaderValueError, match="The X-Test header value") as info:
        check_headers([("X-Test", value)])
    assert shown in str(info.value)
    assert info.value.header == "X-Test"


@pytest.mark.parametrize("value", [b"bytes", 3, None])
def test_values_must_be_text(value: object) -> None:
    with pytest.raises(HeaderValueError, match="value must be text"):
        check_headers([("X-Test", value)])


def test_check_header_name_alone() -> None:
    check_header_name("X-Fine")
    with pytest.raises(HeaderValueError):
        check_header_name("X:Bad")


def test_only_good_names_are_remembered_and_not_without_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    remembered = {"Content-Type"}
    monkeypatch.setattr(_header_check, "good_names", remembered)
    monkeypatch.setattr(_header_check, "_MAX_NAMES", 2)
    with pytest.raises(HeaderValueError):
        check_headers([("X Bad", "v")])
    check_headers([("X-One", "v"), ("X-Two", "v")])
    assert remembered == {"Content-Type", "X-One"}
