"""The bytes on the wire: werkzeug's development server, waitress and
gunicorn never send a header that user code set with a bad name or value;
the client reads one whole ``400`` response and nothing injected."""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import typing as t
from pathlib import Path
from urllib.parse import urlencode

import pytest
from loadtest.servers import free_port
from werkzeug.serving import make_server

from tests.e2e.header_app import WAYS
from tests.e2e.header_app import make_app
from tests.e2e.test_response_headers import BAD_NAMES
from tests.e2e.test_response_headers import BAD_VALUES

pytestmark = pytest.mark.slow

ROOT: t.Final = Path(__file__).resolve().parents[2]
HOST: t.Final = "127.0.0.1"
APP: t.Final = "tests.e2e.header_app:app"


@contextlib.contextmanager
def _development_server() -> cabc.Generator[int]:
    server = make_server(HOST, 0, make_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextlib.contextmanager
def _serving(argv: list[str], port: int) -> cabc.Generator[int]:
    """Run a server process on ``port`` until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"{argv[0]} exited early"
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"{argv[0]} did not listen"
                time.sleep(0.1)
        yield port
    finally:
        # The server runs in its own session: signal its group (gunicorn's
        # master and worker), which this test started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _waitress() -> contextlib.AbstractContextManager[int]:
    port = free_port()
    argv = ["waitress", f"--listen={HOST}:{port}", "--threads=2", APP]
    return _serving(argv, port)


def _gunicorn() -> contextlib.AbstractContextManager[int]:
    port = free_port()
    argv = ["gunicorn", "--bind", f"{HOST}:{port}", "--workers", "1", APP]
    return _serving([*argv, "--log-level", "critical"], port)


SERVERS: t.Final = {
    "development server": _development_server,
    "waitress": _waitress,
    "gunicorn": _gunicorn,
}


@pytest.fixture(scope="module", params=SERVERS)
def port(request: pytest.FixtureRequest) -> cabc.Generator[int]:
    with SERVERS[request.param]() as port:
        yield port


def _exchange(port: int, target: str) -> tuple[bytes, list[bytes], bytes]:
    """The raw status line, header lines and body of one request."""
    with socket.create_connection((HOST, port), timeout=30) as sock:
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: localhost\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        chunks: list[bytes] = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    head, separator, body = raw.partition(b"\r\n\r\n")
    assert separator, f"no complete head in {raw!r}"
    status, *lines = head.split(b"\r\n")
    return status, lines, body


def _refused(port: int, way: str, name: str, value: str) -> list[str]:
    target = f"/{way}?{urlencode({'name': name, 'value': value})}"
    status, lines, body = _exchange(port, target)
    problems: list[str] = []
    if b" 400 " not in status + b" ":
        problems.append(f"{target}: {status!r}")
    for line in lines:
        field, colon, _ = line.partition(b":")
        if (
            not colon
            or field.lower() in (b"set-cookie", b"x-test")
            or b"injected" in line
            or any(byte < 0x20 and byte != 0x09 or byte == 0x7F for byte in line)
        ):
            problems.append(f"{target}: header line {line!r}")
    if b"Bad Request" not in body:
        problems.append(f"{target}: body {body[:200]!r}")
    return problems


@pytest.mark.parametrize("way", WAYS)
def test_no_bad_header_reaches_the_wire(port: int, way: str) -> None:
    problems = [
        problem
        for name in BAD_NAMES.values()
        for problem in _refused(port, way, name, "v")
    ] + [
        problem
        for value in BAD_VALUES.values()
        for problem in _refused(port, way, "X-Test", value)
    ]
    assert problems == []


def test_a_good_header_reaches_the_wire(port: int) -> None:
    value = "caf\xe9\tcr\xe8me"
    status, lines, body = _exchange(
        port, "/set?" + urlencode({"name": "X-Test", "value": value})
    )
    assert b" 200 " in status
    assert b"X-Test: " + value.encode("latin-1") in lines
    assert body == b"set"
