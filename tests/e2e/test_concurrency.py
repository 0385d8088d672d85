"""Concurrency: many threads send interleaved requests whose ids travel
through the path, a form field, a header, ``g`` and the session; every
answer must carry its own request's id and its own client's session.

The interpreter's switch interval is cut to a microsecond so that threads
change places inside the dispatch pipeline, and views yield between
reading their inputs.
"""

from __future__ import annotations

import collections.abc as cabc
import sys
import threading
import time
import typing as t
import uuid

import pytest
from loadtest.app import app as load_app
from loadtest.client import run_clients
from werkzeug.serving import make_server

from transom import App
from transom import g
from transom import request
from transom import session
from transom.testing import TestClient
from transom.typing import JSONValue

THREADS = 16
REQUESTS_PER_THREAD = 60


@pytest.fixture
def busy_switching() -> cabc.Iterator[None]:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _make_app() -> App:
    app = App("concurrency_app", static_folder=None)
    app.secret_key = "concurrency-secret"
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.before_request
    def take_the_header() -> None:
        g.rid = request.headers["X-Request-Id"]
        time.sleep(0)

    @app.route("/echo/<client>/<rid>", methods=["POST"])
    def echo(client: str, rid: str) -> dict[str, JSONValue]:
        time.sleep(0)
        form_rid = request.form["rid"]
        time.sleep(0)
        previous = session.get("last")
        owner = session.get("client")
        session["client"] = client
        session["last"] = rid
        time.sleep(0)
        return {
            "path": rid,
            "form": form_rid,
            "header": request.headers["X-Request-Id"],
            "g": g.rid,
            "endpoint": request.endpoint,
            "previous": previous,
            "owner": owner,
        }

    return app


def _client_thread(
    client: TestClient,
    name: str,
    start: threading.Barrier,
    failures: list[str],
) -> None:
    start.wait()
    previous: str | None = None
    for _ in range(REQUESTS_PER_THREAD):
        rid = uuid.uuid4().hex
        response = client.post(
            f"/echo/{name}/{rid}",
            data={"rid": rid},
            headers={"X-Request-Id": rid},
        )
        if response.status_code != 200:
            failures.append(f"{name}: status {response.status_code}")
            continue
        got = t.cast("dict[str, object]", response.json)
        expected = {
            "path": rid,
            "form": rid,
            "header": rid,
            "g": rid,
            "endpoint": "echo",
            "previous": previous,
            "owner": name if previous is not None else None,
        }
        if got != expected:
            failures.append(f"{name}: got {got!r}, expected {expected!r}")
        previous = rid


@pytest.mark.usefixtures("busy_switching")
def test_interleaved_requests_keep_their_own_ids() -> None:
    app = _make_app()
    start = threading.Barrier(THREADS)
    failures: list[str] = []
    threads = [
        threading.Thread(
            target=_client_thread,
            args=(app.test_client(), f"client{i}", start, failures),
        )
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []


def test_a_threaded_server_keeps_every_answer_apart() -> None:
    """The load-test workload against werkzeug's threaded server, through
    real sockets and keep-alive connections."""
    server = make_server("127.0.0.1", 0, load_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        stats = run_clients("127.0.0.1", server.port, threads=8, duration=1.5)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    assert stats.problems == []
    assert (stats.errors, stats.mismatches) == (0, 0)
    assert stats.requests > 0
    assert set(stats.by_kind) == {"page", "session", "form", "missing", "static"}
