"""A 404 or 405 found by the matcher is answered without raising: raising
and catching the error cost as much as the rest of the request."""

from __future__ import annotations

import sys
import types
import typing as t
from pathlib import Path

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app

import transom
from transom import App

_PACKAGE = str(Path(transom.__file__).parent)


def _app() -> App:
    app = App("unraised_app", static_folder=None)

    @app.route("/post/<int:post_id>")
    def post(post_id: int) -> str:
        return str(post_id)

    return app


def _raised_in_transom(app: App, path: str, method: str) -> tuple[str, list[str]]:
    """The status of one request, and the exceptions raised in transom's
    own code while it was answered."""
    raised: list[str] = []

    def trace(frame: types.FrameType, event: str, arg: t.Any) -> t.Any:
        if event == "exception" and frame.f_code.co_filename.startswith(_PACKAGE):
            raised.append(f"{arg[0].__name__} in {frame.f_code.co_qualname}")
        return trace

    environ = EnvironBuilder(path, method=method).get_environ()
    sys.settrace(trace)
    try:
        _, status, _ = run_wsgi_app(app.wsgi_app, environ, buffered=True)
    finally:
        sys.settrace(None)
    return status, raised


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/nowhere", "GET", "404 NOT FOUND"),
        ("/post/x", "GET", "404 NOT FOUND"),
        ("/post/1", "POST", "405 METHOD NOT ALLOWED"),
    ],
)
def test_a_routing_error_is_answered_without_being_raised(
    path: str, method: str, status: str
) -> None:
    app = _app()
    # The first request on a host binds it through werkzeug's adapter,
    # which raises its errors; later ones are matched without it.
    _raised_in_transom(app, "/post/1", "GET")
    assert _raised_in_transom(app, path, method) == (status, [])


def test_the_trace_sees_an_error_that_is_raised() -> None:
    # The check above could pass by seeing nothing: a view's abort() is
    # raised in transom's code and is seen.
    app = _app()

    @app.route("/gone")
    def gone() -> str:
        transom.abort(410)

    _raised_in_transom(app, "/post/1", "GET")
    status, raised = _raised_in_transom(app, "/gone", "GET")
    assert status == "410 GONE"
    assert "Gone in abort" in raised
