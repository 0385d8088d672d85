"""``app.run()`` as a real server in a subprocess: threaded, so an idle
connection holds up no one; ``TRANSOM_DEBUG=False`` read as off; and the
address of ``SERVER_NAME`` used when ``run()`` is given none."""

from __future__ import annotations

import collections.abc as cabc
import http.client
import socket
import textwrap
from pathlib import Path

import pytest

from tests.e2e.test_cli_run import Server
from tests.e2e.test_cli_run import fetch
from tests.e2e.test_cli_run import start as start

pytestmark = pytest.mark.slow

SCRIPT = """
import sys

from transom import App

app = App(__name__)
app.config.from_prefixed_env()


@app.route("/")
def index() -> str:
    return "hello"


@app.route("/boom")
def boom() -> str:
    raise RuntimeError("the view failed")


if __name__ == "__main__":
    app.run(port=int(sys.argv[1]) if len(sys.argv) > 1 else None)
"""


def serve(
    start: cabc.Callable[..., Server],
    tmp_path: Path,
    *args: str,
    environ: dict[str, str] | None = None,
) -> Server:
    (tmp_path / "serve.py").write_text(textwrap.dedent(SCRIPT))
    return start("serve.py", *args, cwd=tmp_path, command=(), environ=environ)


def test_an_idle_connection_does_not_block_other_clients(
    tmp_path: Path, start: cabc.Callable[..., Server]
) -> None:
    server = serve(start, tmp_path, "0")
    port = int(server.base_url().rpartition(":")[2])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
        # A request that never ends: a one-at-a-time server waits on it.
        idle.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", "/")
            response = connection.getresponse()
            assert (response.status, response.read()) == (200, b"hello")
        finally:
            connection.close()


@pytest.mark.parametrize("flag", ["False", "no", "OFF"])
def test_transom_debug_false_serves_no_debugger(
    tmp_path: Path, start: cabc.Callable[..., Server], flag: str
) -> None:
    server = serve(start, tmp_path, "0", environ={"TRANSOM_DEBUG": flag})
    status, body = fetch(server.base_url() + "/boom")
    assert status == 500
    assert "Werkzeug Debugger" not in body
    assert "the view failed" not in body
    assert "Debugger is active" not in server.output


def test_run_listens_on_the_address_of_server_name(
    tmp_path: Path, start: cabc.Callable[..., Server]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = serve(
        start, tmp_path, environ={"TRANSOM_SERVER_NAME": f"127.0.0.1:{port}"}
    )
    assert server.base_url() == f"http://127.0.0.1:{port}"
    assert fetch(f"http://127.0.0.1:{port}/") == (200, "hello")
