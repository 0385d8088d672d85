"""transom.responses: a view's return value becomes a Response."""

from __future__ import annotations

import dataclasses
import typing as t

import pytest
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Response as WerkzeugResponse

from transom.exceptions import ResponseTypeError
from transom.json import JSONProvider
from transom.responses import error_response
from transom.responses import json_response
from transom.responses import to_response
from transom.wrappers import Response


class CustomResponse(Response):
    pass


def _convert(rv: object, response_class: type[Response] = Response) -> Response:
    return to_response(
        rv,
        source="the_view",
        json=JSONProvider(),
        environ=EnvironBuilder().get_environ(),
        response_class=response_class,
    )


def test_str() -> None:
    response = _convert("<p>x</p>")
    assert response.get_data(as_text=True) == "<p>x</p>"
    assert response.mimetype == "text/html"


def test_response_class_is_used() -> None:
    assert type(_convert("x", CustomResponse)) is CustomResponse
    assert type(_convert({"a": 1}, CustomResponse)) is CustomResponse


class _Untyped(Response):
    default_mimetype = None


class _Plain(Response):
    default_mimetype = "text/plain"


@pytest.mark.parametrize("cls", [Response, _Untyped, _Plain])
@pytest.mark.parametrize(
    ("value", "body"),
    [
        ("<p>x</p>", "<p>x</p>"),
        (b"x", b"x"),
        (bytearray(b"x"), b"x"),
        (("x", 201), "x"),
        (("x", 404, Headers()), "x"),
    ],
)
def test_a_body_gets_the_headers_its_class_gives_it(
    cls: type[Response], value: object, body: str | bytes
) -> None:
    # to_response names the class's default type itself; the response is
    # the one the class would make without being told.
    expected = cls(body)
    response = _convert(value, cls)
    assert response.headers.to_wsgi_list() == expected.headers.to_wsgi_list()
    assert response.get_data() == expected.get_data()


def test_json_response() -> None:
    response = json_response({"b": 1, "a": [1, 2]}, JSONProvider())
    assert response.mimetype == "application/json"
    assert response.get_data(as_text=True) == '{"b":1,"a":[1,2]}\n'


def test_dataclass_and_mapping() -> None:
    @dataclasses.dataclass
    class Point:
        x: int

    assert _convert(Point(1)).get_json() == {"x": 1}
    assert _convert({"nested": {"a": [1]}}).get_json() == {"nested": {"a": [1]}}
    assert _convert([{"a": 1}]).get_json() == [{"a": 1}]


def test_status_and_headers() -> None:
    response = _convert(("x", 201, {"X-A": "1"}))
    assert (response.status_code, response.headers["X-A"]) == (201, "1")
    pairs = _convert(("x", [("X-B", "1"), ("X-B", "2")]))
    assert pairs.headers.getlist("X-B") == ["1", "2"]
    werkzeug_headers = _convert(("x", Headers([("X-C", "3")])))
    assert werkzeug_headers.headers["X-C"] == "3"
    no_headers: dict[str, str] = {}
    empty = _convert(("x", 200, no_headers))
    assert empty.status_code == 200


def test_iterator_is_streamed() -> None:
    response = _convert(iter(["a", "b"]))
    assert response.is_streamed
    assert response.get_data() == b"ab"


def test_existing_response_is_reused() -> None:
    original = Response("x")
    assert _convert(original) is original
    assert _convert((original, 404)) is original
    assert original.status_code == 404


@pytest.mark.parametrize(
    "value",
    [None, 1, 1.5, object(), {1}, ("a",), ("a", 1, {}, 2), ("a", "b"), ((), 200), int],
)
def test_not_a_response(value: object) -> None:
    with pytest.raises(ResponseTypeError) as info:
        _convert(value)
    assert info.value.source == "the_view"
    assert info.value.value is value
    assert str(info.value).startswith("the_view returned ")


def test_wsgi_callable() -> None:
    def app(environ: dict[str, t.Any], start_response: t.Any) -> list[bytes]:
        start_response("202 ACCEPTED", [("Content-Type", "text/plain")])
        return [b"wsgi"]

    response = _convert(app)
    assert response.status_code == 202
    assert response.get_data() == b"wsgi"


def test_an_error_response_is_werkzeugs_page_as_a_transom_response() -> None:
    environ = EnvironBuilder().get_environ()
    error = NotFound("No post 7")
    ours = error_response(error, environ)
    theirs = error.get_response(environ)
    assert type(ours) is Response
    assert (ours.status, ours.get_data()) == (theirs.status, theirs.get_data())
    assert list(ours.headers) == list(theirs.headers)


def test_an_error_response_escapes_a_lone_surrogate() -> None:
    # werkzeug's own response fails to encode it.
    environ = EnvironBuilder().get_environ()
    with pytest.raises(UnicodeEncodeError):
        NotFound("No post \ud800").get_response(environ)
    page = error_response(NotFound("No post \ud800"), environ).get_data()
    assert b"No post \\ud800" in page


def test_an_error_with_its_own_response_gives_it() -> None:
    environ = EnvironBuilder().get_environ()
    carried = WerkzeugResponse("carried", 404)
    assert error_response(NotFound(response=carried), environ) is carried

    class Teapot(HTTPException):
        code = 418

        def get_response(self, *args: t.Any, **kwargs: t.Any) -> WerkzeugResponse:
            return WerkzeugResponse("short and stout", 418)

    assert error_response(Teapot(), environ).get_data() == b"short and stout"
