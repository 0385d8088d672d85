"""transom._direct writes the same bytes as a Response would."""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.routing import RequestRedirect
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app

from transom._direct import direct_answer
from transom.json import JSONProvider
from transom.responses import to_response
from transom.wrappers import Response

Answer = tuple[str, list[tuple[str, str]], bytes]


def _environ(method: str = "GET") -> dict[str, t.Any]:
    return EnvironBuilder("/", method=method).get_environ()


def _through_response(rv: object, method: str) -> Answer:
    environ = _environ(method)
    if isinstance(rv, HTTPException):
        rv = rv.get_response(environ)
    response = to_response(rv, source="test", json=JSONProvider(), environ=environ)
    body, status, headers = run_wsgi_app(response, environ)
    return status, list(headers.to_wsgi_list()), b"".join(body)


def _direct(rv: object, method: str) -> Answer | None:
    answer = direct_answer(rv, JSONProvider(), _environ(method))
    if answer is None:
        return None
    status, headers, body = answer
    return status, headers, b"".join(body)


VALUES: list[object] = [
    "",
    "<p>Hello, World!</p>",
    "héllo ☃",
    {"name": "ada", "n": 1, "nested": {"ok": True}},
    {},
    [1, "two", None],
    [],
    NotFound(),
    NotFound("No such <post>."),
    MethodNotAllowed(["GET", "HEAD", "OPTIONS"]),
    MethodNotAllowed(),
    BadRequest("Query parameter 'q' is required."),
]


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST"])
@pytest.mark.parametrize("rv", VALUES, ids=repr)
def test_same_bytes_as_a_response(rv: object, method: str) -> None:
    assert _direct(rv, method) == _through_response(rv, method)


class _Page(NotFound):
    def get_body(self, environ: t.Any = None, scope: t.Any = None) -> str:
        return "<p>custom</p>"


class _Unlisted(HTTPException):
    code = 499


class _Informational(HTTPException):
    code = 103


def test_error_subclass_body_and_headers_are_its_own() -> None:
    assert _direct(_Page(), "GET") == _through_response(_Page(), "GET")


@pytest.mark.parametrize(
    "rv",
    [
        b"bytes",
        ("body", 201),
        ("body", {"X-A": "1"}),
        Response("made"),
        iter(["streamed"]),
        None,
        42,
        RequestRedirect("http://localhost/a/"),
        HTTPException(response=Response("given")),
        HTTPException(),
        _Unlisted(),
        _Informational(),
    ],
    ids=repr,
)
def test_other_values_need_a_response(rv: object) -> None:
    assert direct_answer(rv, JSONProvider(), _environ()) is None


def test_subclasses_of_str_and_dict_need_a_response() -> None:
    class Text(str):
        pass

    class Mapping(dict[str, int]):
        pass

    assert direct_answer(Text("x"), JSONProvider(), _environ()) is None
    assert direct_answer(Mapping(a=1), JSONProvider(), _environ()) is None


def test_uses_the_apps_json_provider() -> None:
    class Indented(JSONProvider):
        compact = False

    answer = direct_answer({"a": 1}, Indented(), _environ())
    assert answer is not None
    assert b"".join(answer[2]) == b'{\n  "a": 1\n}\n'
