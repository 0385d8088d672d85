"""Flask's tests of logging (tests/test_logging.py), ported to transom with
Flask's names renamed to transom's.

Changed, with the difference in docs/flask.md: ``test_has_level_handler``
tests Flask's private rule for adding its handler (none of the logger's
handlers would take a record at the logger's level); transom adds its
handler only when the logger has no handler at all, and the port checks
that rule. ``test_wsgi_errors_stream`` reads where the handler writes
rather than ``flask.logging.wsgi_errors_stream``, a proxy transom does not
have.
"""

from __future__ import annotations

import collections.abc as cabc
import io
import logging

import pytest

from transom import App
from transom.logging import default_handler
from transom.testing import TestClient


@pytest.fixture
def app() -> App:
    app = App("flask_test", static_folder=None)
    app.config.update(TESTING=True, SECRET_KEY="test key")
    return app


@pytest.fixture(autouse=True)
def reset_logging(pytestconfig: pytest.Config) -> cabc.Iterator[None]:
    """No handler on the root logger or the app's, and pytest's capture
    plugin out of the way, as when logging is not configured."""
    root_handlers = logging.root.handlers[:]
    logging.root.handlers = []
    root_level = logging.root.level
    logger = logging.getLogger("flask_test")
    logger.handlers = []
    logger.setLevel(logging.NOTSET)
    plugin = pytestconfig.pluginmanager.unregister(name="logging-plugin")

    yield

    logging.root.handlers[:] = root_handlers
    logging.root.setLevel(root_level)
    logger.handlers = []
    logger.setLevel(logging.NOTSET)
    if plugin is not None:
        pytestconfig.pluginmanager.register(plugin, "logging-plugin")


def test_logger(app: App) -> None:
    assert app.logger.name == "flask_test"
    assert app.logger.level == logging.NOTSET
    assert app.logger.handlers == [default_handler]


def test_logger_debug(app: App) -> None:
    app.debug = True
    assert app.logger.level == logging.DEBUG
    assert app.logger.handlers == [default_handler]


def test_existing_handler(app: App) -> None:
    logging.root.addHandler(logging.StreamHandler())
    assert app.logger.level == logging.NOTSET
    assert not app.logger.handlers


def test_wsgi_errors_stream(
    app: App, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    @app.route("/")
    def index() -> str:
        app.logger.error("test")
        return ""

    stream = io.StringIO()
    client.get("/", errors_stream=stream)
    assert "ERROR in test_logging_flask: test" in stream.getvalue()

    # Outside a request the handler writes to sys.stderr...
    app.logger.error("outside")
    assert "outside" in capsys.readouterr().err
    # ... and inside one to its wsgi.errors.
    with app.test_request_context(errors_stream=stream):
        app.logger.error("inside")
    assert "inside" in stream.getvalue()
    assert "inside" not in capsys.readouterr().err


def test_has_level_handler(app: App) -> None:
    # Flask adds its handler when no handler would take the logger's
    # records; transom when the logger has none at all, so that a handler
    # the application configured is never doubled.
    handler = logging.StreamHandler()
    handler.setLevel(logging.ERROR)
    logging.root.addHandler(handler)
    try:
        assert app.logger.handlers == []
    finally:
        logging.root.removeHandler(handler)


def test_log_view_exception(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        raise Exception("test")

    app.testing = False
    stream = io.StringIO()
    rv = client.get("/", errors_stream=stream)
    assert rv.status_code == 500
    assert rv.data
    err = stream.getvalue()
    assert "Exception on / [GET]" in err
    assert "Exception: test" in err
