"""An app that sets a response header, named and valued by the query
string, in each of the ways user code can: ``?name=...&value=...``.

The header tests run it through the test client and through real servers
(``gunicorn tests.e2e.header_app:app``).
"""

from __future__ import annotations

import collections.abc as cabc
import typing as t

from werkzeug.exceptions import Unauthorized

from transom import App
from transom import Response
from transom import after_this_request
from transom import request
from transom.typing import StartResponse
from transom.typing import WSGIEnvironment

WAYS: t.Final = (
    "set",
    "add",
    "setdefault",
    "extend",
    "tuple",
    "mapping",
    "hook",
    "stream",
    "wsgi",
    "error-page",
)
"""The paths of the routes below, one per way of setting a header."""


def _header() -> tuple[str, str]:
    return request.args.get("name", "X-Test"), request.args.get("value", "ok")


class _Refused(Unauthorized):
    """An error page whose class adds a header of the view's choosing."""

    def __init__(self, header: tuple[str, str]) -> None:
        super().__init__()
        self.header = header

    def get_headers(
        self,
        environ: WSGIEnvironment | None = None,
        scope: dict[str, t.Any] | None = None,
    ) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), self.header]


def make_app() -> App:
    """The app, with one route per way in :data:`WAYS`."""
    app = App(__name__, static_folder=None)

    @app.route("/set")
    def set_item() -> Response:
        response = Response("set")
        name, value = _header()
        response.headers[name] = value
        return response

    @app.route("/add")
    def add() -> Response:
        response = Response("add")
        response.headers.add(*_header())
        return response

    @app.route("/setdefault")
    def setdefault() -> Response:
        response = Response("setdefault")
        response.headers.setdefault(*_header())
        return response

    @app.route("/extend")
    def extend() -> Response:
        response = Response("extend")
        response.headers.extend([_header()])
        return response

    @app.route("/tuple")
    def pairs() -> tuple[str, list[tuple[str, str]]]:
        return "tuple", [_header()]

    @app.route("/mapping")
    def mapping() -> tuple[str, int, dict[str, str]]:
        name, value = _header()
        return "mapping", 200, {name: value}

    @app.route("/hook")
    def hook() -> str:
        # Not app.after_request: a hook for every response would keep the
        # other routes from being answered without a Response.
        @after_this_request
        def set_in_hook(response: Response) -> Response:
            name, value = _header()
            response.headers[name] = value
            return response

        return "hook"

    @app.route("/stream")
    def stream() -> tuple[cabc.Iterator[str], list[tuple[str, str]]]:
        return iter(["str", "eam"]), [_header()]

    @app.route("/wsgi")
    def wsgi() -> t.Callable[[WSGIEnvironment, StartResponse], list[bytes]]:
        header = _header()

        def application(
            environ: WSGIEnvironment, start_response: StartResponse
        ) -> list[bytes]:
            start_response("200 OK", [("Content-Type", "text/plain"), header])
            return [b"wsgi"]

        return application

    @app.route("/error-page")
    def error_page() -> str:
        raise _Refused(_header())

    return app


app = make_app()
