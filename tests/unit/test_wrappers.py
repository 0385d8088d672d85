"""Unit tests of transom.wrappers: the request and response defaults."""

from __future__ import annotations

import io
import typing as t

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request as WerkzeugRequest

from transom.wrappers import Request
from transom.wrappers import Response
from transom.wrappers import query_args

_TRUNCATED = (
    b"--b\r\n"
    b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\n"
    b"the body ends before the closing boundary"
)


def _request(**kwargs: t.Any) -> Request:
    builder = EnvironBuilder(**kwargs)
    try:
        return Request(builder.get_environ())
    finally:
        builder.close()


def test_response_defaults_to_html() -> None:
    assert Response("x").mimetype == "text/html"


def test_endpoint_is_none_before_routing() -> None:
    request = _request()
    assert request.endpoint is None
    assert request.view_args is None


def test_malformed_json_is_a_bad_request_naming_the_problem() -> None:
    request = _request(data=b"{", content_type="application/json")
    with pytest.raises(BadRequest, match="Failed to decode JSON object"):
        request.get_json()


def test_wrong_content_type_is_unsupported_media_type() -> None:
    request = _request(data=b"{}", content_type="text/plain")
    with pytest.raises(UnsupportedMediaType):
        request.get_json()


class _Recorder:
    def __init__(self) -> None:
        self.files: list[io.BytesIO] = []

    def __call__(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None,
        content_length: int | None = None,
    ) -> t.IO[bytes]:
        file = io.BytesIO()
        self.files.append(file)
        return file


def test_files_of_a_failed_multipart_parse_are_closed() -> None:
    request = _request(data=_TRUNCATED, content_type="multipart/form-data; boundary=b")
    recorder = _Recorder()
    parser = request.make_form_data_parser()
    parser.stream_factory = recorder
    parser.silent = False
    with pytest.raises(ValueError):
        parser.parse(
            request.stream,
            "multipart/form-data",
            request.content_length,
            {"boundary": "b"},
        )
    assert recorder.files and all(f.closed for f in recorder.files)
    # The parser's own factory is restored after the parse.
    assert parser.stream_factory is recorder


def test_files_of_a_parse_over_the_limits_are_closed() -> None:
    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        b"content\r\n"
        + b"".join(
            b'--b\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nx\r\n' % i
            for i in range(5)
        )
        + b"--b--\r\n"
    )
    request = _request(data=body, content_type="multipart/form-data; boundary=b")
    recorder = _Recorder()
    parser = request.make_form_data_parser()
    parser.stream_factory = recorder
    parser.max_form_parts = 2
    with pytest.raises(RequestEntityTooLarge):
        parser.parse(
            request.stream, "multipart/form-data", len(body), {"boundary": "b"}
        )
    assert recorder.files and all(f.closed for f in recorder.files)


def test_a_successful_parse_leaves_files_open_for_the_view() -> None:
    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        b"content\r\n--b--\r\n"
    )
    request = _request(data=body, content_type="multipart/form-data; boundary=b")
    assert request.files["file"].read() == b"content"
    request.close()
    assert request.files["file"].stream.closed


def _args_or_error(fn: t.Callable[[], t.Any]) -> object:
    try:
        return list(fn().items(multi=True))
    except ValueError as e:  # UnicodeDecodeError: not UTF-8
        return type(e)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab=&%+;2Fé\x00 ", max_size=30))
@example("q=x&page=2")
@example("a&&=b&c=&=&a=1=2")
@example("%zz=%2&+a+=b%20c")
@example("\xc3\xa9=\xe9")
def test_query_args_are_what_request_args_are(query: str) -> None:
    environ = EnvironBuilder().get_environ()
    environ["QUERY_STRING"] = query
    fast = _args_or_error(lambda: query_args(environ))
    slow = _args_or_error(lambda: Request(environ).args)
    assert fast == slow
    if not isinstance(fast, type):
        assert type(query_args(environ)) is type(Request(environ).args)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=30) | st.text(alphabet="ab=&%+;2Fé ", max_size=30))
@example(b"name=ada&age=36")
@example(b"a&&=b&c=&=&a=1=2")
@example(b"%zz=%2&+a+=b%20c")
@example(b"\xff=1")
def test_urlencoded_forms_are_what_werkzeug_reads(body: bytes | str) -> None:
    data = body.encode() if isinstance(body, str) else body

    def form(cls: type[WerkzeugRequest]) -> list[tuple[str, str]]:
        environ = EnvironBuilder(
            method="POST",
            data=data,
            content_type="application/x-www-form-urlencoded",
        ).get_environ()
        return list(cls(environ).form.items(multi=True))

    assert form(Request) == form(WerkzeugRequest)
