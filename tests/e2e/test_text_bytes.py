"""Text that cannot become bytes as it is, and bytes that are not text.

A lone surrogate has no UTF-8 form, and raw bytes in a query or cookie may
not be UTF-8. Neither may give a 500: not when a request brings them, and
not when a stored value reaches every visitor's page. The cases run
through the test client and through a real server (the standard library's:
werkzeug's own re-encodes a raw byte of the request line as UTF-8, while
gunicorn and waitress, as it does, pass it on as it came).
"""

from __future__ import annotations

import collections.abc as cabc
import json
import socket
import threading
import wsgiref.simple_server

import pytest

from transom import App
from transom import Response
from transom import abort
from transom import render_template_string
from transom import request
from transom.typing import JSONValue

LONE: str = "\ud800"
"""A value that came in before transom refused it, or from another source."""
ESCAPED: bytes = b"\\ud800"


def _make_app() -> App:
    app = App(__name__)
    stored = {"title": f"a{LONE}b"}

    @app.route("/echo", methods=["POST"])
    def echo() -> dict[str, JSONValue]:
        return {"got": request.get_json()}

    @app.route("/page")
    def page() -> str:
        return render_template_string("<h1>{{ title }}</h1>", title=stored["title"])

    @app.route("/stream")
    def stream() -> cabc.Iterator[str]:
        return iter(["<p>", stored["title"], "</p>"])

    @app.route("/data")
    def data() -> Response:
        response = Response()
        response.data = stored["title"]
        return response

    @app.route("/json")
    def as_json() -> dict[str, str]:
        return stored

    @app.route("/error")
    def error() -> tuple[str, int]:
        return stored["title"], 500

    @app.route("/args")
    def args(a: str) -> str:
        return f"{a} {request.args['a']} {request.full_path}"

    @app.route("/number")
    def number(n: int) -> str:
        return str(n)

    @app.route("/cookie")
    def cookie() -> str:
        return request.cookies["a"]

    return app


@pytest.fixture
def app() -> App:
    return _make_app()


@pytest.mark.parametrize("path", ["/page", "/stream", "/data", "/error"])
def test_a_stored_lone_surrogate_is_escaped_in_html(app: App, path: str) -> None:
    response = app.test_client().get(path)
    assert b"a" + ESCAPED + b"b" in response.data


def test_a_stored_lone_surrogate_is_a_json_escape_of_itself(app: App) -> None:
    response = app.test_client().get("/json")
    assert response.status_code == 200
    assert response.data == b'{"title":"a\\ud800b"}\n'
    assert json.loads(response.data) == {"title": f"a{LONE}b"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"a": "\\ud800"}', b"unpaired surrogate escape"),
        (b'{"a": "\xed\xa0\x80"}', b"not valid UTF-8"),
        (b'{"a": 1e999}', b"range of a float"),
    ],
)
def test_json_that_could_not_go_back_out_is_a_400(
    app: App, body: bytes, message: bytes
) -> None:
    response = app.test_client().post(
        "/echo", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert message in response.data


class _Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _exchange(app: App, raw: bytes) -> tuple[int, bytes]:
    """Send ``raw`` to ``app`` behind a server; the status and body."""
    server = wsgiref.simple_server.make_server(
        "127.0.0.1", 0, app, handler_class=_Quiet
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(
            ("127.0.0.1", server.server_port), timeout=10
        ) as sock:
            sock.sendall(raw)
            chunks: list[bytes] = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _get(target: bytes, *headers: bytes) -> bytes:
    lines = [b"GET " + target + b" HTTP/1.0", b"Host: localhost", *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _post_json(body: bytes) -> bytes:
    head = (
        b"POST /echo HTTP/1.0\r\nHost: localhost\r\n"
        b"Content-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    return head + body


def test_on_the_wire(app: App) -> None:
    # Raw bytes that are not UTF-8 read as their percent escapes would.
    assert _exchange(app, _get(b"/args?a=\xff%ff")) == (
        200,
        b"%FF%FF %FF%FF /args?a=%FF%ff",
    )
    assert _exchange(app, _get(b"/args?a=\xc3\xa9")) == (
        200,
        "\u00e9 \u00e9 /args?a=\u00e9".encode(),
    )
    assert _exchange(app, _get(b"/number?n=\xff"))[0] == 400
    # werkzeug reads a cookie's bytes as Latin-1.
    assert _exchange(app, _get(b"/cookie", b"Cookie: a=\xff")) == (
        200,
        "\u00ff".encode(),
    )
    status, body = _exchange(app, _post_json(b'["\\udc00"]'))
    assert (status, b"unpaired surrogate" in body) == (400, True)
    status, body = _exchange(app, _post_json(b'["\xed\xa0\x80"]'))
    assert (status, b"not valid UTF-8" in body) == (400, True)
    assert _exchange(app, _get(b"/page")) == (200, b"<h1>a" + ESCAPED + b"b</h1>")


@pytest.mark.parametrize("hooked", [False, True])
def test_a_lone_surrogate_in_an_error_description_is_escaped(hooked: bool) -> None:
    # With an after_request hook, the page goes through a response object.
    app = App(__name__)

    @app.route("/missing")
    def missing() -> str:
        abort(404, f"No post {LONE}")

    if hooked:

        @app.after_request
        def keep(response: Response) -> Response:
            return response

    response = app.test_client().get("/missing")
    assert response.status_code == 404
    assert b"No post " + ESCAPED in response.data
