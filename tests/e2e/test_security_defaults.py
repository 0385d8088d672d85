"""The defaults that keep an app safe without configuration: cookie flags,
the session signature, key rotation, ``Vary: Cookie``, debug mode and the
debugger's address, body limits, and the size of parsing work."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import io
import sys
import typing as t

import pytest
from werkzeug.http import parse_set_header
from werkzeug.sansio import multipart

from transom import App
from transom import flash
from transom import get_flashed_messages
from transom import request
from transom import session
from transom.config import DEFAULTS

SECRET = "defaults-secret"


@pytest.fixture
def session_app(app: App) -> App:
    app.secret_key = SECRET

    @app.route("/set/<value>")
    def set_value(value: str) -> str:
        session["value"] = value
        return "set"

    @app.route("/get")
    def get_value() -> str:
        return str(session.get("value"))

    @app.route("/plain")
    def plain() -> str:
        return "no session here"

    @app.route("/flash")
    def flash_view() -> str:
        flash("hi")
        return "flashed"

    @app.route("/messages")
    def messages() -> str:
        return ",".join(get_flashed_messages())

    return app


def _set_cookie(app: App, path: str, **kwargs: t.Any) -> str:
    response = app.test_client().get(path, **kwargs)
    return response.headers["Set-Cookie"]


def test_default_settings() -> None:
    assert DEFAULTS["DEBUG"] is False
    assert DEFAULTS["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024
    assert DEFAULTS["MAX_FORM_MEMORY_SIZE"] == 500_000
    assert DEFAULTS["MAX_FORM_PARTS"] == 1000
    assert DEFAULTS["SESSION_COOKIE_HTTPONLY"] is True
    assert DEFAULTS["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_a_new_app_is_not_in_debug_mode() -> None:
    app = App("fresh", static_folder=None)
    assert app.debug is False
    assert app.config["DEBUG"] is False


def test_session_cookie_is_httponly_and_samesite_lax(session_app: App) -> None:
    cookie = _set_cookie(session_app, "/set/a")
    attributes = [part.strip() for part in cookie.split(";")]
    assert "HttpOnly" in attributes
    assert "SameSite=Lax" in attributes
    assert "Secure" not in attributes  # plain http: the browser would drop it


def test_session_cookie_is_secure_on_https(session_app: App) -> None:
    cookie = _set_cookie(session_app, "/set/a", base_url="https://localhost")
    assert "Secure" in [part.strip() for part in cookie.split(";")]


def test_session_cookie_is_secure_when_configured(session_app: App) -> None:
    session_app.config["SESSION_COOKIE_SECURE"] = True
    cookie = _set_cookie(session_app, "/set/a")
    assert "Secure" in [part.strip() for part in cookie.split(";")]


def _signature_check(cookie_value: str, key: str) -> bool:
    """Verify a session cookie's signature independently: HMAC-SHA256 over
    ``payload.timestamp`` with the key derived as itsdangerous's ``hmac``
    derivation does (HMAC-SHA256 of the salt under the secret)."""
    signed, _, signature = cookie_value.rpartition(".")
    derived = hmac.new(key.encode(), b"transom-session", hashlib.sha256).digest()
    expected = hmac.new(derived, signed.encode(), hashlib.sha256).digest()
    padded = signature + "=" * (-len(signature) % 4)
    return hmac.compare_digest(base64.urlsafe_b64decode(padded), expected)


def test_session_is_signed_with_hmac_sha256(session_app: App) -> None:
    cookie = _set_cookie(session_app, "/set/a")
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    assert _signature_check(value, SECRET)
    assert not _signature_check(value, "another key")


def test_fallback_keys_verify_and_the_current_key_signs(session_app: App) -> None:
    old_client = session_app.test_client()
    old_client.get("/set/kept")
    old_cookie = old_client.get_cookie("session")
    assert old_cookie is not None

    session_app.config["SECRET_KEY"] = "the new key"
    session_app.config["SECRET_KEY_FALLBACKS"] = [SECRET]
    client = session_app.test_client()
    client.set_cookie("session", old_cookie.value)
    assert client.get("/get").text == "kept"  # an old cookie still verifies
    client.get("/set/renewed")
    new_cookie = client.get_cookie("session")
    assert new_cookie is not None
    assert _signature_check(new_cookie.value, "the new key")
    assert not _signature_check(new_cookie.value, SECRET)

    session_app.config["SECRET_KEY_FALLBACKS"] = []
    dropped = session_app.test_client()
    dropped.set_cookie("session", old_cookie.value)
    assert dropped.get("/get").text == "None"  # the retired key is gone


@pytest.mark.parametrize(
    ("path", "vary"),
    [
        ("/plain", False),
        ("/get", True),
        ("/set/a", True),
        ("/flash", True),
        ("/messages", True),
    ],
)
def test_vary_cookie_exactly_when_the_session_is_used(
    session_app: App, path: str, vary: bool
) -> None:
    response = session_app.test_client().get(path)
    assert ("cookie" in parse_set_header(response.headers.get("Vary"))) is vary
    response.close()


def test_vary_cookie_when_a_cookie_is_deleted(session_app: App) -> None:
    @session_app.route("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    client = session_app.test_client()
    client.get("/set/a")
    response = client.get("/clear")
    assert "Cookie" in response.vary
    assert "session=;" in response.headers["Set-Cookie"]


@pytest.mark.parametrize(
    ("host", "debugger"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
    ],
)
def test_the_debugger_only_listens_on_loopback(
    monkeypatch: pytest.MonkeyPatch, host: str, debugger: bool
) -> None:
    calls: list[dict[str, t.Any]] = []

    def fake_run_simple(host: str, port: int, app: object, **options: t.Any) -> None:
        calls.append({"host": host, **options})

    monkeypatch.setattr("werkzeug.serving.run_simple", fake_run_simple)
    app = App("debug_app", static_folder=None)
    app.run(host=host, debug=True)
    assert calls[0]["use_debugger"] is debugger
    assert calls[0]["use_reloader"] is True


def test_run_defaults_to_loopback_without_debugging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, t.Any]] = []

    def fake_run_simple(host: str, port: int, app: object, **options: t.Any) -> None:
        calls.append({"host": host, **options})

    monkeypatch.setattr("werkzeug.serving.run_simple", fake_run_simple)
    App("run_app", static_folder=None).run()
    assert calls == [
        {
            "host": "127.0.0.1",
            "use_reloader": False,
            "use_debugger": False,
            "threaded": True,
        }
    ]


def test_an_explicit_debugger_on_a_public_host_is_honoured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, t.Any]] = []

    def fake_run_simple(host: str, port: int, app: object, **options: t.Any) -> None:
        calls.append(options)

    monkeypatch.setattr("werkzeug.serving.run_simple", fake_run_simple)
    App("run_app", static_folder=None).run(
        host="0.0.0.0", debug=True, use_debugger=True
    )
    assert calls[0]["use_debugger"] is True


def test_max_content_length_may_be_changed_per_app(app: App) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10

    @app.route("/body", methods=["POST"])
    def body() -> str:
        return str(len(request.get_data()))

    client = app.test_client()
    assert client.post("/body", data=b"x" * 10).text == "10"
    assert client.post("/body", data=b"x" * 11).status_code == 413


def test_a_route_limit_wins_over_a_view_attribute(app: App) -> None:
    from transom import View

    class Upload(View):
        max_content_length = 5

        def post(self) -> str:
            return str(len(request.get_data()))

    app.add_route("/upload", Upload, max_content_length=20)
    client = app.test_client()
    assert client.post("/upload", data=b"x" * 20).text == "20"
    assert client.post("/upload", data=b"x" * 21).status_code == 413


@pytest.mark.parametrize("limit", [-1, 1.5, "10", True])
def test_a_bad_route_limit_names_the_fix(app: App, limit: object) -> None:
    def view() -> str:
        return ""

    with pytest.raises(ValueError, match="number of bytes"):
        app.add_route("/x", view, max_content_length=t.cast(int, limit))


def test_a_route_limit_applies_before_hooks_read_the_body(app: App) -> None:
    seen: list[int] = []

    @app.before_request
    def read_early() -> None:
        seen.append(len(request.get_data()))

    @app.route("/tiny", methods=["POST"], max_content_length=4)
    def tiny() -> str:
        return "ok"

    client = app.test_client()
    assert client.post("/tiny", data=b"12345").status_code == 413
    assert client.post("/tiny", data=b"1234").text == "ok"
    assert seen == [4]


@pytest.mark.parametrize(
    ("size", "status"), [(3, 200), (4, 200), (5, 413), (9, 413), (100_000, 413)]
)
def test_a_body_without_content_length_is_held_to_the_limit(
    app: App, size: int, status: int
) -> None:
    # A chunked body declares no length: werkzeug's stream stopped at the
    # limit and get_data() returned the first bytes as the whole body.
    @app.route("/tiny", methods=["POST"], max_content_length=4)
    def tiny() -> str:
        return str(len(request.get_data()))

    response = app.test_client().post(
        "/tiny",
        input_stream=io.BytesIO(b"x" * size),
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == status
    if status == 200:
        assert response.text == str(size)


def test_the_request_carries_its_route_limit(app: App) -> None:
    @app.route("/tiny", max_content_length=4)
    def tiny() -> str:
        return str(request.max_content_length)

    @app.route("/plain")
    def plain() -> str:
        return str(request.max_content_length)

    client = app.test_client()
    assert client.get("/tiny").text == "4"
    assert client.get("/plain").text == str(app.config["MAX_CONTENT_LENGTH"])


# -- parsing work grows linearly with the input -------------------------------------


@dataclasses.dataclass
class _Work:
    """What parsing one body cost, in units that do not depend on the machine."""

    calls: int = 0
    """Python function calls."""
    scanned: int = 0
    """Bytes in the multipart decoder's buffer, summed over each step: the
    most the C-level searches can look at. A decoder that rescanned a
    growing buffer would make this quadratic."""


def _parse_work(
    app: App, monkeypatch: pytest.MonkeyPatch, body: bytes, content_type: str
) -> _Work:
    work = _Work()
    decoder = multipart.MultipartDecoder
    next_event = decoder.next_event

    def counting_next_event(self: multipart.MultipartDecoder) -> multipart.Event:
        work.scanned += len(self.buffer)
        return next_event(self)

    def count_calls(frame: object, event: str, arg: object) -> None:
        if event == "call":
            work.calls += 1

    with monkeypatch.context() as patch:
        patch.setattr(decoder, "next_event", counting_next_event)
        with app.test_request_context(
            "/", method="POST", data=body, content_type=content_type
        ):
            sys.setprofile(count_calls)
            try:
                request.form  # noqa: B018 - parse the body
            finally:
                sys.setprofile(None)
    return work


def _multipart_of(size: int, filler: bytes) -> bytes:
    head = b'--b\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\n'
    return head + filler * (size // len(filler)) + b"\r\n--b--\r\n"


def _assert_linear(small: _Work, big: _Work, factor: int) -> None:
    # factor times the input may cost about factor times the work, plus a
    # constant; a quadratic parser would cost factor squared.
    assert big.calls <= factor * small.calls * 1.25 + 1000, (small, big)
    assert big.scanned <= factor * small.scanned * 1.25 + 1_000_000, (small, big)


@pytest.mark.parametrize(
    "filler",
    [
        b"x",  # plain data
        b"\r",  # lone CRs: each could start a boundary
        b"\r\n-",  # almost a boundary, again and again
        b"\r\n--",  # closer still
        b"\n--b\x00",  # the boundary after a bare LF, then not ending
        b"x--b",  # the boundary text without a line break
    ],
    ids=["plain", "CRs", "CRLF-dash", "CRLF-dash-dash", "LF-almost", "bare"],
)
def test_multipart_parsing_is_linear(
    app: App, monkeypatch: pytest.MonkeyPatch, filler: bytes
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = None
    kind = "multipart/form-data; boundary=b"
    small = _parse_work(app, monkeypatch, _multipart_of(256 * 1024, filler), kind)
    big = _parse_work(app, monkeypatch, _multipart_of(2048 * 1024, filler), kind)
    assert small.scanned > 256 * 1024  # the instrument saw the parse
    _assert_linear(small, big, 8)


@pytest.mark.parametrize("filler", [b"a=1&", b"&", b"a", b"%41"])
def test_urlencoded_parsing_is_linear(
    app: App, monkeypatch: pytest.MonkeyPatch, filler: bytes
) -> None:
    app.config["MAX_FORM_MEMORY_SIZE"] = None
    app.config["MAX_FORM_PARTS"] = None
    kind = "application/x-www-form-urlencoded"
    small = _parse_work(app, monkeypatch, filler * (20_000 // len(filler)), kind)
    big = _parse_work(app, monkeypatch, filler * (160_000 // len(filler)), kind)
    _assert_linear(small, big, 8)
