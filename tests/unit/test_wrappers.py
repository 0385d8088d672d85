"""Unit tests of transom.wrappers: the request and response defaults."""

from __future__ import annotations

import io
import typing as t

import pytest
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.test import EnvironBuilder

from transom.wrappers import Request
from transom.wrappers import Response

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
