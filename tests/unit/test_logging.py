"""Unit tests of transom.logging: the app's logger and its default handler."""

from __future__ import annotations

import collections.abc as cabc
import io
import logging
import uuid

import pytest

from transom import App
from transom.logging import create_logger
from transom.logging import default_handler


@pytest.fixture
def name() -> cabc.Iterator[str]:
    """A logger name no other test uses; its handlers are removed after."""
    name = f"logging_test_{uuid.uuid4().hex}"
    yield name
    logger = logging.getLogger(name)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def _unconfigure(monkeypatch: pytest.MonkeyPatch) -> None:
    """Logging as in a program that never configured it. Called in the test
    itself: pytest adds its capture handlers to the root after fixtures."""
    monkeypatch.setattr(logging.root, "handlers", [])


def test_the_logger_is_named_after_the_app(name: str) -> None:
    app = App(name, static_folder=None)
    assert isinstance(app.logger, logging.Logger)
    assert app.logger.name == name
    assert app.logger is logging.getLogger(name)
    assert app.logger is app.logger


def test_default_handler_when_logging_is_not_configured(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unconfigure(monkeypatch)
    logger = create_logger(App(name, static_folder=None))
    assert logger.handlers == [default_handler]
    create_logger(App(name, static_folder=None))
    assert logger.handlers == [default_handler]


def test_no_default_handler_when_the_logger_has_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unconfigure(monkeypatch)
    own = logging.NullHandler()
    logging.getLogger(name).addHandler(own)
    logger = create_logger(App(name, static_folder=None))
    assert logger.handlers == [own]


def test_no_default_handler_when_the_root_has_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging.root, "handlers", [logging.NullHandler()])
    assert create_logger(App(name, static_folder=None)).handlers == []


def test_no_default_handler_when_a_parent_has_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unconfigure(monkeypatch)
    parent = logging.getLogger(name)
    own = logging.NullHandler()
    parent.addHandler(own)
    logger = create_logger(App(f"{name}.child", static_folder=None))
    assert logger.handlers == []


def test_debug_mode_logs_debug_records(name: str) -> None:
    app = App(name, static_folder=None)
    app.debug = True
    assert create_logger(app).level == logging.DEBUG


def test_a_level_set_by_the_user_is_kept(name: str) -> None:
    logging.getLogger(name).setLevel(logging.WARNING)
    app = App(name, static_folder=None)
    app.debug = True
    assert create_logger(app).level == logging.WARNING


def test_without_debug_the_level_is_inherited(name: str) -> None:
    assert create_logger(App(name, static_folder=None)).level == logging.NOTSET


def test_default_handler_writes_to_the_current_stderr(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _unconfigure(monkeypatch)
    logger = create_logger(App(name, static_folder=None))
    logger.warning("disk %s", "full")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("WARNING in test_logging: disk full\n")
    assert captured.err.startswith("[")


def test_during_a_request_the_default_handler_writes_to_wsgi_errors(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As Flask's wsgi_errors_stream: the server's error stream in a request.
    _unconfigure(monkeypatch)
    app = App(name, static_folder=None)
    stream = io.StringIO()
    with app.test_request_context(errors_stream=stream):
        app.logger.error("in the request")
    app.logger.error("outside")
    assert stream.getvalue().endswith("ERROR in test_logging: in the request\n")
    captured = capsys.readouterr()
    assert "in the request" not in captured.err
    assert captured.err.endswith("ERROR in test_logging: outside\n")
