"""Dispatch under hostile combinations of method, host, path and query: a
WSGI-valid request never gets a 5xx. (Single hostile inputs, one per case,
are in test_bad_input.py; this crosses them.)"""

from __future__ import annotations

import enum
import io
import itertools
import typing as t
import uuid

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app

from transom import App
from transom import Response
from transom import View
from transom import request


class Color(enum.Enum):
    RED = "red"


_PATHS = [
    "/",
    "/p/1/00000000-0000-0000-0000-000000000000",
    "/p/\xff/\x00",
    "/s/../..",
    "//",
    "/%",
    "/" + "a" * 5000,
    "/p/" + "1" * 5000 + "/x",
    "/s/a\nb",
    "*",
    "",
]
_QUERIES = [
    "",
    "q=%ff%fe",
    "n=" + "9" * 5000,
    "n=%D9%A3",
    "c=%00",
    "ids=1&ids=x",
    "&&&==&",
    "n=1e5",
    "n=0x10",
    "q=" + "%" * 1000,
]
_METHODS = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "get", "G\x00T", "", "BREW"]
_HOSTS = [None, "", "a b", "[::1", "example.com:abc", "\xff", "x" * 3000, "[::1]:80"]


@pytest.fixture
def serving_app() -> App:
    app = App("dispatch_inputs", static_folder=None)

    @app.route("/")
    class Index(View):
        def get(
            self,
            q: str = "",
            n: int = 0,
            c: Color = Color.RED,
            ids: list[int] | None = None,
        ) -> dict[str, t.Any]:
            return {"q": q, "n": n, "c": c, "ids": ids}

        def post(self) -> dict[str, t.Any]:
            return {"json": request.get_json(silent=True)}

    @app.route("/p/<n>/<u>")
    def p(n: int, u: uuid.UUID) -> str:
        return f"{n} {u}"

    @app.route("/s/<path:rest>")
    def s(rest: str) -> str:
        return rest

    @app.errorhandler(500)
    def fail(e: Exception) -> Response:
        # Any 500 is a bug: surface it with its cause.
        raise AssertionError("a request reached the 500 handler") from e

    return app


def test_no_combination_is_a_server_error(serving_app: App) -> None:
    combinations = itertools.product(_PATHS, _QUERIES, _METHODS, _HOSTS)
    checked = 0
    for path, query, method, host in itertools.islice(combinations, 0, None, 5):
        environ = EnvironBuilder("/").get_environ()
        environ.update(
            PATH_INFO=path,
            QUERY_STRING=query,
            REQUEST_METHOD=method,
            CONTENT_LENGTH="1",
        )
        environ["wsgi.input"] = io.BytesIO(b"{")
        if host is None:
            environ.pop("HTTP_HOST", None)
        else:
            environ["HTTP_HOST"] = host
        body, status, _ = run_wsgi_app(serving_app, environ)
        b"".join(body)
        assert int(status[:3]) < 500, (status, path[:40], query[:40], method, host)
        checked += 1
    assert checked > 1000
