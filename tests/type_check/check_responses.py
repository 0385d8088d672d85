"""Every form of ResponseValue is accepted where a response is returned: by
verb methods, function routes, error handlers and before_request hooks.
Checked by mypy (with and without the plugin) and pyright, never run."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import typing as t

from werkzeug.datastructures import Headers
from werkzeug.exceptions import NotFound

from transom import App
from transom import Response
from transom import View
from transom import stream_with_context
from transom.typing import ResponseValue
from transom.typing import StartResponse
from transom.typing import WSGIEnvironment

app = App(__name__)


class Movie(t.TypedDict):
    title: str


@dataclasses.dataclass
class Book:
    title: str


def wsgi_app(
    environ: WSGIEnvironment, start_response: StartResponse
) -> cabc.Iterable[bytes]:
    start_response("204 No Content", [])
    return []


@app.route("/bodies")
class Bodies(View):
    """One verb per kind of body."""

    def get(self) -> str:
        return "<p>HTML</p>"

    def post(self) -> bytes:
        return b"raw"

    def put(self) -> dict[str, int]:
        return {"n": 1}

    def patch(self) -> list[Movie]:
        return [{"title": "Alien"}]

    def delete(self) -> Book:
        return Book("Dune")

    def options(self) -> Response:
        return Response("", 204)

    def head(self) -> cabc.Iterator[str]:
        yield "streamed"


@app.route("/tuples")
class Tuples(View):
    """Status, headers, or both."""

    def get(self) -> tuple[str, int]:
        return "created", 201

    def post(self) -> tuple[dict[str, str], dict[str, str]]:
        return {"ok": "yes"}, {"X-Request-Id": "1"}

    def put(self) -> tuple[bytes, int, list[tuple[str, str]]]:
        return b"", 202, [("Retry-After", "3")]

    def patch(self) -> tuple[str, int, Headers]:
        return "", 200, Headers({"X-A": "b"})

    def delete(self) -> tuple[str, int, dict[str, int]]:
        return "", 204, {"Content-Length": 0}


@app.route("/wsgi")
def delegate() -> cabc.Callable[[WSGIEnvironment, StartResponse], cabc.Iterable[bytes]]:
    return wsgi_app


@app.route("/any")
def declared() -> ResponseValue:
    return {"ok": True}, 201


@app.errorhandler(NotFound)
def missing(error: NotFound) -> tuple[str, int]:
    return "missing", 404


@app.before_request
def maybe_stop() -> ResponseValue | None:
    return None


value: ResponseValue = ("body", 200, {"X-A": "b"})
also: ResponseValue = [1, 2, 3]
t.assert_type(Bodies().delete(), Book)
t.assert_type(
    delegate(), cabc.Callable[[WSGIEnvironment, StartResponse], cabc.Iterable[bytes]]
)
t.assert_type(declared(), ResponseValue)
t.assert_type(missing(NotFound()), tuple[str, int])


@app.route("/streamed")
def streamed(count: int = 3) -> cabc.Iterator[str]:
    @stream_with_context
    def numbers(upto: int) -> cabc.Iterator[str]:
        yield from (str(n) for n in range(upto))

    t.assert_type(numbers(upto=2), cabc.Iterator[str])
    t.assert_type(stream_with_context(iter([b"x"])), cabc.Iterator[bytes])
    return numbers(count)
