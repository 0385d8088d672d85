"""Start and stop the WSGI servers the load test drives, on 127.0.0.1 only,
and read their memory (the resident set of the server and its workers)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import typing as t
from pathlib import Path

ROOT: t.Final = Path(__file__).resolve().parent.parent
HOST: t.Final = "127.0.0.1"
SERVERS: t.Final = ("gunicorn", "waitress")
"""The servers the load test knows."""


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def command(server: str, port: int, *, workers: int, threads: int) -> list[str]:
    """The command line that serves ``loadtest.app:app`` with ``server``."""
    if server == "gunicorn":
        return [
            sys.executable, "-m", "gunicorn",
            "--bind", f"{HOST}:{port}",
            "--worker-class", "gthread",
            "--workers", str(workers),
            "--threads", str(threads),
            "--keep-alive", "30",
            "--log-level", "warning",
            "loadtest.app:app",
        ]  # fmt: skip
    if server == "waitress":
        return [
            sys.executable, "-m", "waitress",
            f"--listen={HOST}:{port}",
            f"--threads={threads}",
            "loadtest.app:app",
        ]  # fmt: skip
    raise ValueError(f"unknown server {server!r}; use one of {', '.join(SERVERS)}")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found.extend(int(p) for p in task.read_text().split())
    return found


def rss_bytes(pid: int) -> int | None:
    """The resident memory of ``pid`` and all its descendants, or ``None``
    where ``/proc`` is not available."""
    total = 0
    pending = [pid]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            if current == pid:
                return None
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        pending.extend(_children(current))
    return total


class Server:
    """A server process serving the load-test app; use it as a context manager."""

    def __init__(self, name: str, *, workers: int = 2, threads: int = 8) -> None:
        self.name = name
        self.port = free_port()
        self.command = command(name, self.port, workers=workers, threads=threads)
        self.process: subprocess.Popen[bytes] | None = None
        # A file, not a pipe: a server that logs more than a pipe holds
        # would block on a pipe nobody reads during the run.
        self._log = tempfile.TemporaryFile()

    def __enter__(self) -> Server:
        path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            start_new_session=True,
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_until_ready(self, timeout: float = 30) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}:"
                    f" {self.log()[-2000:]}"
                )
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as s:
                    s.sendall(b"GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    if s.recv(12).startswith(b"HTTP/1."):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer on port {self.port}")

    def log(self) -> str:
        """What the server wrote to stderr so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def rss(self) -> int | None:
        """The server's resident memory now, workers included."""
        return None if self.process is None else rss_bytes(self.process.pid)

    def __exit__(self, *exc: object) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            self._log.close()
            return
        # The server runs in its own session: signal its whole group (the
        # master and its workers), which this module started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        self._log.close()
