"""The deployment guide's commands work: gunicorn and waitress serve the
examples, and a session written by one server process is read by another
that shares the secret key.

Each test starts real servers on free ports, talks HTTP to them, and stops
them."""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from examples.blog.app import create_app

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")

GUNICORN = "gunicorn --workers 4 --bind 127.0.0.1:8000 examples.hello.app:app"
WAITRESS = "waitress-serve --listen=127.0.0.1:8000 examples.hello.app:app"
GUNICORN_FACTORY = (
    "gunicorn --workers 2 --bind 127.0.0.1:8000 'examples.blog.app:create_app()'"
)
WAITRESS_FACTORY = (
    "waitress-serve --listen=127.0.0.1:8000 --call examples.blog.app:create_app"
)

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _argv(command: str, port: int) -> list[str]:
    """The documented command, on ``port``, with the venv's executable."""
    program, *args = shlex.split(command.replace("8000", str(port)))
    path = shutil.which(program, path=os.path.dirname(sys.executable))
    if path is None:
        pytest.fail(f"{program} is not installed; install the project with '.[dev]'")
    return [path, *args]


@contextlib.contextmanager
def _serving(
    command: str, env: dict[str, str] | None = None
) -> cabc.Generator[http.client.HTTPConnection]:
    """Run ``command`` on a free port until the block ends; yield a connection."""
    port = _free_port()
    process = subprocess.Popen(
        _argv(command, port),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"{command!r} exited early:\n{_stderr(process)}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{command!r} did not listen:\n{_stderr(process)}")
                time.sleep(0.1)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            yield connection
        finally:
            connection.close()
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _stderr(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.kill()
    _, err = process.communicate(timeout=30)
    return err


def _get(
    connection: http.client.HTTPConnection,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read().decode()
    return response.status, dict(response.getheaders()), body


def test_the_guide_shows_the_tested_commands() -> None:
    for command in (GUNICORN, WAITRESS, GUNICORN_FACTORY, WAITRESS_FACTORY):
        assert f"$ {command}\n" in GUIDE, command


@pytest.mark.parametrize("command", [GUNICORN, WAITRESS], ids=["gunicorn", "waitress"])
def test_servers_serve_the_hello_app(command: str) -> None:
    with _serving(command) as connection:
        status, headers, body = _get(connection, "/")
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert 'href="/hello/World"' in body
        assert _get(connection, "/hello/World?shout=true")[2] == "HELLO, WORLD!"
        assert _get(connection, "/api/square/12")[2] == '{"n":12,"square":144}\n'
        assert _get(connection, "/api/square/twelve")[0] == 404


def test_a_session_written_by_one_server_is_read_by_another(tmp_path: Path) -> None:
    """Sessions live in the signed cookie: gunicorn's workers and a separate
    waitress process, sharing only the key, serve the same user."""
    database = tmp_path / "blog.sqlite"
    runner = create_app({"DATABASE": str(database)}).test_cli_runner()
    assert runner.invoke(["init-db"]).exit_code == 0
    env = {
        "TRANSOM_SECRET_KEY": "shared-key",
        "TRANSOM_DATABASE": str(database),
        "TRANSOM_UPLOAD_FOLDER": str(tmp_path / "uploads"),
    }
    with (
        _serving(GUNICORN_FACTORY, env) as first,
        _serving(WAITRESS_FACTORY, env) as second,
        _serving(WAITRESS_FACTORY, {**env, "TRANSOM_SECRET_KEY": "other"}) as third,
    ):
        # Logging out flashes a message, which is stored in the session.
        status, headers, _ = _get(first, "/logout", method="POST")
        assert status == 303
        cookie = headers["Set-Cookie"].split(";", 1)[0]
        assert cookie.startswith("session=")
        page = _get(second, "/", headers={"Cookie": cookie})[2]
        assert "You are logged out." in page
        page = _get(third, "/", headers={"Cookie": cookie})[2]
        assert "You are logged out." not in page
