"""``transom run`` as a real server in a subprocess: it serves on a free port
of 127.0.0.1 (``--port 0``), is fetched over HTTP and stopped by its process
id. Debug mode shows werkzeug's debugger and reloads on a change, even
after an edit that breaks the import; a port in use is one line."""

from __future__ import annotations

import collections.abc as cabc
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import transom

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = Path(transom.__file__).resolve().parents[1]
DEADLINE = 60.0
"""Seconds any one wait may take; generous, since the machine may be busy."""

APP = """
from transom import App, View

app = App(__name__)


@app.route("/")
class Index(View):
    def get(self) -> str:
        return "{text}"


@app.route("/boom")
def boom() -> str:
    raise RuntimeError("the view failed")
"""


def clean_environ() -> dict[str, str]:
    """The environment without settings that would change what is tested."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRANSOM_", "WERKZEUG_"))
    }
    environ["PYTHONUNBUFFERED"] = "1"
    return environ


class Server:
    """A ``python -m transom ... run`` process (or ``python SCRIPT``, with
    ``command=()``) and the lines it prints."""

    def __init__(
        self,
        *args: str,
        cwd: Path,
        command: cabc.Sequence[str] = ("-m", "transom"),
        environ: cabc.Mapping[str, str] | None = None,
    ) -> None:
        self.process = subprocess.Popen(
            [sys.executable, *command, *args],
            cwd=cwd,
            env={**clean_environ(), **(environ or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own group, so the reloader's child stops too
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for(self, pattern: str, *, after: int = 0) -> re.Match[str]:
        """Wait for a line matching ``pattern`` (from line ``after`` on)."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + DEADLINE
        with self._changed:
            while True:
                for line in self.lines[after:]:
                    match = regex.search(line)
                    if match:
                        return match
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader.is_alive():
                    pytest.fail(f"no line matched {pattern!r}; output:\n{self.output}")
                self._changed.wait(min(left, 0.5))

    def base_url(self) -> str:
        port = self.wait_for(r"Running on http://127\.0\.0\.1:(\d+)")[1]
        return f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        """Stop the server by its process id, then anything left in its group."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group is gone already
        self._reader.join(timeout=15)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def start() -> cabc.Iterator[cabc.Callable[..., Server]]:
    servers: list[Server] = []

    def start(
        *args: str,
        cwd: Path,
        command: cabc.Sequence[str] = ("-m", "transom"),
        environ: cabc.Mapping[str, str] | None = None,
    ) -> Server:
        server = Server(*args, cwd=cwd, command=command, environ=environ)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def fetch(url: str) -> tuple[int, str]:
    """GET ``url``: the status and the body, for errors too."""
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read().decode()


def fetch_until(url: str, accept: cabc.Callable[[int, str], bool]) -> tuple[int, str]:
    """Fetch ``url`` until ``accept(status, body)``, while the reloader restarts."""
    deadline = time.monotonic() + DEADLINE
    status, body = 0, ""
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url)
        except (urllib.error.URLError, ConnectionError):
            status, body = 0, ""
        if accept(status, body):
            return status, body
        time.sleep(0.2)
    pytest.fail(f"{url} never gave the expected answer; last: {status} {body!r}")


def write_app(path: Path, text: str, *, tick: int = 0) -> None:
    path.write_text(textwrap.dedent(APP.replace("{text}", text)))
    # Step the modification time forward, so the reloader sees each change
    # even within the file system's timestamp resolution.
    stamp = time.time() + 2 * tick
    os.utime(path, (stamp, stamp))


def test_serves_the_app_and_stops_by_process_id(
    tmp_path: Path, start: cabc.Callable[..., Server]
) -> None:
    write_app(tmp_path / "app.py", "served")
    server = start("run", "--port", "0", cwd=tmp_path)
    url = server.base_url()
    assert fetch(url + "/") == (200, "served")
    status, body = fetch(url + "/boom")
    assert status == 500
    assert "Traceback" not in body  # no debugger without debug mode
    assert "Werkzeug Debugger" not in body
    assert " * Serving transom app 'app:app'" in server.output
    assert " * Debug mode: off" in server.output
    server.stop()
    assert server.process.returncode is not None


def test_readme_command_from_the_repository_root(
    start: cabc.Callable[..., Server],
) -> None:
    server = start("--app", "examples/hello/app.py", "run", "--port", "0", cwd=ROOT)
    status, body = fetch(server.base_url() + "/")
    assert status == 200
    assert "Hello from transom!" in body


def test_debug_mode_shows_the_debugger_and_its_pin(
    tmp_path: Path, start: cabc.Callable[..., Server]
) -> None:
    write_app(tmp_path / "app.py", "debugging")
    server = start("run", "--debug", "--no-reload", "--port", "0", cwd=tmp_path)
    url = server.base_url()
    server.wait_for(r"Debugger PIN: \d{3}-\d{3}-\d{3}")
    assert " * Debug mode: on" in server.output
    status, body = fetch(url + "/boom")
    assert status == 500
    assert "Werkzeug Debugger" in body
    assert "RuntimeError: the view failed" in body


def test_reloader_restarts_on_a_change_and_survives_a_broken_edit(
    tmp_path: Path, start: cabc.Callable[..., Server]
) -> None:
    app = tmp_path / "app.py"
    write_app(app, "version 1")
    server = start(
        "run",
        "--debug",
        "--port",
        "0",
        # Only the test's own file: the installed sources may change meanwhile.
        "--exclude-patterns",
        os.path.join(SOURCE_DIR, "*"),
        cwd=tmp_path,
    )
    url = server.base_url() + "/"
    server.wait_for(r"Debugger PIN: ")  # the reloader's server process is up
    assert fetch(url) == (200, "version 1")

    seen = len(server.lines)
    app.write_text("from transom import App\napp = App(__name__\n")
    stamp = time.time() + 2
    os.utime(app, (stamp, stamp))
    server.wait_for(r"Detected change in '.*app\.py', reloading", after=seen)
    status, body = fetch_until(url, lambda status, body: status == 500)
    assert status == 500
    assert "The app did not load: importing 'app'" in body
    assert "SyntaxError" in body  # the user's traceback, in debug mode
    server.wait_for(r"^Error: importing 'app' .* failed: a syntax error", after=seen)

    seen = len(server.lines)
    write_app(app, "version 2", tick=2)
    server.wait_for(r"Detected change in '.*app\.py', reloading", after=seen)
    assert fetch_until(url, lambda status, body: status == 200) == (200, "version 2")


def test_a_broken_app_on_a_public_host_shows_its_traceback_to_this_machine(
    tmp_path: Path, start: cabc.Callable[..., Server]
) -> None:
    # Only loopback traffic here: what a remote client gets from the same
    # page (a plain 500) is tested in tests/unit/test_cli_run.py, with a
    # remote REMOTE_ADDR.
    app = tmp_path / "app.py"
    write_app(app, "working")
    server = start(
        "run",
        "--debug",
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        "--exclude-patterns",
        os.path.join(SOURCE_DIR, "*"),
        cwd=tmp_path,
    )
    port = int(server.base_url().rpartition(":")[2])
    server.wait_for(r"Debugger PIN: ")  # the reloader's server process is up
    assert fetch(f"http://127.0.0.1:{port}/") == (200, "working")
    seen = len(server.lines)
    app.write_text('from transom import App\nAPI_TOKEN = "s3cr3t"; undefined_name\n')
    stamp = time.time() + 2
    os.utime(app, (stamp, stamp))
    server.wait_for(r"Detected change in '.*app\.py', reloading", after=seen)
    status, body = fetch_until(
        f"http://127.0.0.1:{port}/", lambda status, body: status == 500
    )
    assert status == 500
    assert 'API_TOKEN = "s3cr3t"; undefined_name' in body  # this machine: the detail


def test_port_in_use_is_one_line(tmp_path: Path) -> None:
    write_app(tmp_path / "app.py", "unused")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "transom", "run", "--port", str(port)],
            cwd=tmp_path,
            env=clean_environ(),
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Error: port {port} on 127.0.0.1 is in use by another program; stop it, or"
        f" pick another port with --port (for example --port 5000, or --port 0 for"
        " any free one)"
    ]


def test_app_that_does_not_import_stops_the_reloader_before_it_starts(
    tmp_path: Path,
) -> None:
    (tmp_path / "app.py").write_text("import transom\nraise ValueError('bad config')\n")
    result = subprocess.run(
        [sys.executable, "-m", "transom", "run", "--debug", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: importing 'app' (app.py in the current folder) raised ValueError:"
        " bad config"
    )
    assert "Running on" not in result.stderr
    assert "Restarting" not in result.stderr
