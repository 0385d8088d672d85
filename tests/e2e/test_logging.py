"""The app's logger, end to end: views log through it, and unhandled errors
are logged with their traceback."""

from __future__ import annotations

import io
import logging
import uuid

import pytest

from transom import App
from transom import current_app


@pytest.fixture
def app() -> App:
    """An app whose logger no other test has touched: loggers are global,
    and a test elsewhere may have disabled the shared app's one."""
    app = App(f"logging_e2e_{uuid.uuid4().hex}", static_folder=None)
    app.testing = True
    return app


def test_views_log_through_the_app_logger(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @app.route("/")
    def index() -> str:
        current_app.logger.info("serving %s", "index")
        return "ok"

    with caplog.at_level(logging.INFO, logger=app.name):
        assert app.test_client().get("/").text == "ok"
    (record,) = [r for r in caplog.records if r.name == app.name]
    assert record.levelno == logging.INFO
    assert record.getMessage() == "serving index"


def test_unhandled_errors_are_logged_with_the_traceback(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    app.testing = False

    @app.route("/boom")
    def boom() -> str:
        raise ZeroDivisionError("no")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == app.name]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "Exception on /boom [GET]"
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError


def test_http_errors_are_not_logged(app: App, caplog: pytest.LogCaptureFixture) -> None:
    app.testing = False
    assert app.test_client().get("/missing").status_code == 404
    assert [r for r in caplog.records if r.name == app.name] == []


def test_propagated_errors_are_not_logged(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @app.route("/boom")
    def boom() -> str:
        raise ZeroDivisionError("no")

    with pytest.raises(ZeroDivisionError):
        app.test_client().get("/boom")
    assert [r for r in caplog.records if r.name == app.name] == []


def test_an_unhandled_error_is_logged_to_wsgi_errors(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Flask's test_log_view_exception: with logging not configured, the
    # default handler writes the error to the server's error stream.
    monkeypatch.setattr(logging.root, "handlers", [])
    app.testing = False

    @app.route("/")
    def index() -> str:
        raise Exception("test")

    stream = io.StringIO()
    try:
        response = app.test_client().get("/", errors_stream=stream)
    finally:
        app.logger.handlers.clear()
    assert response.status_code == 500
    err = stream.getvalue()
    assert "Exception on / [GET]" in err
    assert "Exception: test" in err
