"""No response header that could split a response or smuggle another header
goes out, however the code set it: a bad name or value is a ``400`` whose
log names the header, through the test client (real servers:
``test_response_headers_wire.py``)."""

from __future__ import annotations

import logging
import typing as t
from urllib.parse import urlencode

import pytest

from tests.e2e.header_app import WAYS
from tests.e2e.header_app import make_app
from transom import App
from transom import Response
from transom import abort
from transom import session

BAD_NAMES: t.Final = {
    "CR LF and a header": "X\r\nSet-Cookie: injected=1",
    "a header as the name": "Set-Cookie: injected=1; x",
    "NUL": "X-Nul\x00",
    "space": "X Space",
    "empty": "",
    "non-ASCII": "X-\xdcmlaut",
}
BAD_VALUES: t.Final = {
    "CR LF and a header": "a\r\nSet-Cookie: injected=1",
    "NUL": "a\x00b",
    "VT": "a\x0bb",
    "ESC": "a\x1bb",
    "DEL": "a\x7fb",
    "not Latin-1": "\u20acuro",
}
GOOD: t.Final = {
    "token": ("X-Test", "plain"),
    "every tchar": ("!#$%&'*+-.^_`|~09azAZ", "v"),
    "tab and Latin-1": ("X-Test", "caf\xe9\tcr\xe8me"),
    "empty value": ("X-Test", ""),
}


def _path(way: str, name: str, value: str) -> str:
    return f"/{way}?{urlencode({'name': name, 'value': value})}"


@pytest.fixture
def app() -> App:
    # A logger of its own: tests elsewhere disable the shared one's.
    app = App("response_headers_app", static_folder=None)
    app.testing = True
    return app


@pytest.fixture(scope="module")
def header_app() -> App:
    return make_app()


def _assert_refused(app: App, path: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get(path)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "injected" not in response.headers.get("Set-Cookie", "")
    assert "X-Test" not in response.headers
    for name, value in response.headers.to_wsgi_list():
        assert name.isascii() and name.isprintable() and ":" not in name
        assert value.isascii() and value.isprintable()
    assert "header" in response.get_data(as_text=True)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_bad_name_never_goes_out(
    header_app: App, way: str, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    _assert_refused(header_app, _path(way, name, "v"), caplog)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("value", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_value_never_goes_out(
    header_app: App, way: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    _assert_refused(header_app, _path(way, "X-Test", value), caplog)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("name", "value"), GOOD.values(), ids=GOOD.keys())
def test_a_good_header_goes_out_unchanged(
    header_app: App, way: str, name: str, value: str
) -> None:
    response = header_app.test_client().get(_path(way, name, value))
    assert response.status_code == (401 if way == "error-page" else 200)
    assert response.headers.getlist(name) == [value]


def test_the_log_names_the_refused_header(
    header_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger=header_app.logger.name):
        header_app.test_client().get(_path("hook", "X-Test", "a\x00b"))
    [record] = caplog.records
    message = record.getMessage()
    assert message.startswith("Response to /hook [GET] not sent: The X-Test header")
    assert "'\\x00' at offset 1" in message


def test_a_bytes_name_is_refused(app: App, caplog: pytest.LogCaptureFixture) -> None:
    @app.route("/bytes")
    def bytes_name() -> Response:
        response = Response("bytes")
        response.headers.add(t.cast(str, b"Set-Cookie"), "injected=1")
        return response

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/bytes")
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers
    assert "name must be text (a str), not bytes" in caplog.text


def test_a_bad_session_cookie_name_is_refused(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    app.secret_key = "a secret"
    app.config["SESSION_COOKIE_NAME"] = "session\x00"

    @app.route("/login")
    def login() -> str:
        session["user"] = "ada"
        return "in"

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/login")
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers
    assert "The Set-Cookie header value may not contain '\\x00'" in caplog.text


def test_an_error_handler_for_400_takes_a_bad_name_from_the_view(app: App) -> None:
    @app.route("/tuple")
    def pairs() -> tuple[str, dict[str, str]]:
        return "tuple", {"X\r\nSet-Cookie: injected=1": "v"}

    @app.errorhandler(400)
    def bad_request(error: Exception) -> tuple[dict[str, str], int]:
        return {"error": str(error)}, 400

    response = app.test_client().get("/tuple")
    assert response.status_code == 400
    assert response.is_json
    assert "Set-Cookie" not in response.headers


def test_a_hook_that_adds_a_bad_header_to_every_answer_cannot_loop(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @app.route("/")
    def index() -> str:
        return "index"

    @app.after_request
    def bad(response: Response) -> Response:
        response.headers["X-Bad"] = "\x00"
        return response

    @app.errorhandler(400)
    def bad_request(error: Exception) -> tuple[str, int]:
        return "handled", 400

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/")
    assert response.status_code == 400
    assert "X-Bad" not in response.headers
    assert len(caplog.records) == 1


def test_a_405_from_routing_lists_methods_and_one_from_abort_is_checked(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @app.route("/routed", methods=["GET", "PURGE"])  # type: ignore[list-item]
    def routed() -> str:
        return "routed"

    @app.route("/aborted")
    def aborted() -> str:
        abort(405, valid_methods=["GET\r\nSet-Cookie: injected=1"])

    client = app.test_client()
    response = client.post("/routed")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS, PURGE"
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = client.get("/aborted")
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers
    assert "The response header may not contain CR or LF" in caplog.text
