"""Shared fixtures: a fresh app and client per test, and a leak detector
that fails any test leaving a request or app context pushed."""

from __future__ import annotations

import collections.abc as cabc

import pytest

from transom import App
from transom._ctxvars import app_ctx_var
from transom._ctxvars import current_request_ctx
from transom.testing import TestClient


@pytest.fixture
def app() -> App:
    app = App("test_app", static_folder=None)
    app.testing = True
    return app


@pytest.fixture
def client(app: App) -> TestClient:
    return app.test_client()


@pytest.fixture(autouse=True)
def _no_leaked_context() -> cabc.Iterator[None]:
    """Fail a test that leaves a context pushed; run it in a copy of the
    current context so a leak cannot spill into the next test."""
    yield
    leaked = [
        name
        for name, current in (
            ("request", current_request_ctx()),
            ("app", app_ctx_var.get(None)),
        )
        if current is not None
    ]
    if leaked:
        pytest.fail(f"the test left a {' and '.join(leaked)} context pushed")
