"""A finished request leaves no reference cycle behind: everything it made
is freed as soon as it ends, not later by the garbage collector."""

from __future__ import annotations

import gc
import io
import typing as t

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app

from transom import App
from transom import View
from transom import abort
from transom import request
from transom import session
from transom.ctx import RequestContext
from transom.typing import JSONValue


def _app() -> App:
    app = App("no_cycles_app", static_folder=None)
    app.secret_key = "k"

    @app.route("/form", methods=["POST"])
    def form() -> str:
        return request.form["name"]

    @app.route("/count")
    class Count(View):
        def get(self) -> str:
            session["n"] = session.get("n", 0) + 1
            return str(session["n"])

    @app.route("/gone")
    def gone() -> str:
        abort(410)

    @app.route("/lookup/<key>")
    def lookup(key: str) -> str:
        try:
            return {"a": "found"}[key]
        except KeyError:
            abort(404)  # raised while handling the KeyError

    @app.route("/boom")
    def boom() -> str:
        raise ValueError("boom")

    @app.route("/query")
    def query(q: str, page: int = 1) -> dict[str, JSONValue]:
        return {"q": q, "page": page, "args": request.args.to_dict()}

    return app


_REQUESTS: list[dict[str, t.Any]] = [
    {"path": "/form", "method": "POST", "data": {"name": "ada"}},
    {"path": "/count"},
    {"path": "/gone"},
    {"path": "/lookup/b"},
    {"path": "/query", "query_string": "q=x&page=2"},
    {"path": "/missing"},
    {"path": "/form"},  # 405
    {"path": "/count/"},  # 404
    {"path": "/boom"},  # 500
]


@pytest.mark.parametrize(
    "kwargs", _REQUESTS, ids=lambda k: f"{k.get('method', 'GET')} {k['path']}"
)
def test_a_finished_request_leaves_no_cycle(kwargs: dict[str, t.Any]) -> None:
    app = _app()
    environs: list[dict[str, t.Any]] = []
    for _ in range(6):
        builder = EnvironBuilder(**kwargs)
        environs.append(builder.get_environ())
        builder.close()

    def call(environ: dict[str, t.Any]) -> None:
        body, _, _ = run_wsgi_app(app, environ)
        b"".join(body)
        close = getattr(body, "close", None)
        if close is not None:
            close()

    call(environs.pop())  # the first request compiles and caches what it can
    gc.collect()
    gc.disable()
    try:
        for environ in environs:
            call(environ)
        environs.clear()
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_the_environ_no_longer_points_to_the_finished_request() -> None:
    app = _app()
    environ = EnvironBuilder("/form", method="POST", data={"name": "ada"}).get_environ()
    with RequestContext(app, environ) as ctx:
        assert ctx.request is environ["werkzeug.request"]
    assert environ["werkzeug.request"] is None


def test_a_routing_error_is_kept_without_its_traceback() -> None:
    app = _app()
    environ = EnvironBuilder("/missing").get_environ()
    environ["wsgi.input"] = io.BytesIO()
    with RequestContext(app, environ) as ctx:
        assert ctx.routing_exception is not None
        assert ctx.routing_exception.code == 404
        assert ctx.routing_exception.__traceback__ is None
