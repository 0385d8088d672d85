"""transom.security: safe redirect targets, loopback hosts, and recognising
werkzeug's refusal of a header with CR/LF."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import Headers

from transom import App
from transom import Response
from transom import request
from transom.security import is_header_newline_error
from transom.security import is_loopback
from transom.security import is_safe_redirect_url
from transom.security import safe_redirect

HOST = "example.com"

SAFE = [
    "/",
    "/account",
    "/a/b?c=1&d=2#e",
    "account",
    "account?tab=2",
    "?q=1",
    "#top",
    "/%2F%2Fevil.example",
    "/path with space",
    "/caf\u00e9",
    "http://example.com/",
    "https://example.com/a?b=c",
    "HTTPS://EXAMPLE.COM/a",
]

UNSAFE: list[object] = [
    None,
    "",
    42,
    b"/bytes",
    "//evil.example",
    "///evil.example",
    "////evil.example/a",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "http://evil.example/",
    "https://evil.example/",
    "https://example.com.evil.example/",
    "https://evil.example/example.com",
    "https://example.com@evil.example/",
    "https://user:pw@example.com/",
    "https://example.com:8443/",
    "https:evil.example",
    "https:/evil.example",
    "http:/\\evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/a\x00b",
    "/a\x7fb",
    "/a\x85b",
    "http://[::1/",
]


@pytest.mark.parametrize("target", SAFE)
def test_safe_targets(target: str) -> None:
    assert is_safe_redirect_url(target, HOST)


@pytest.mark.parametrize("target", UNSAFE, ids=repr)
def test_unsafe_targets(target: object) -> None:
    assert not is_safe_redirect_url(target, HOST)


def test_host_with_a_port() -> None:
    assert is_safe_redirect_url("http://localhost:5000/a", "localhost:5000")
    assert not is_safe_redirect_url("http://localhost/a", "localhost:5000")


def test_the_request_host_is_the_default(app: App) -> None:
    with app.test_request_context("/", base_url="https://shop.example"):
        assert is_safe_redirect_url("https://shop.example/cart")
        assert not is_safe_redirect_url("https://example.com/cart")


def test_outside_a_request_the_host_is_required() -> None:
    assert is_safe_redirect_url("/relative")  # no host needed
    with pytest.raises(RuntimeError, match="needs host="):
        is_safe_redirect_url("https://example.com/")


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/account", "/account"),
        ("https://evil.example/", "/home"),
        ("//evil.example", "/home"),
        (None, "/home"),
        ("", "/home"),
    ],
)
def test_safe_redirect(app: App, target: str | None, location: str) -> None:
    with app.test_request_context("/login"):
        response = safe_redirect(target, fallback="/home", code=303)
    assert response.status_code == 303
    assert response.headers["Location"] == location


def test_safe_redirect_in_a_view(app: App) -> None:
    @app.route("/login")
    def login() -> Response:
        return safe_redirect(request.args.get("next"), fallback="/")

    client = app.test_client()
    assert client.get("/login?next=/inbox").headers["Location"] == "/inbox"
    assert client.get("/login?next=//evil.example").headers["Location"] == "/"
    assert client.get("/login").headers["Location"] == "/"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("app.localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.com", False),
        ("localhost.example.com", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_header_newline_error_is_recognised() -> None:
    headers = Headers()
    with pytest.raises(ValueError) as info:
        headers["X-A"] = "a\r\nb"
    assert is_header_newline_error(info.value)


@pytest.mark.parametrize(
    "error",
    [ValueError("Header values must not contain newline characters."), KeyError("x")],
)
def test_other_errors_are_not_header_newline_errors(error: Exception) -> None:
    try:
        raise error
    except Exception as e:
        assert not is_header_newline_error(e)
