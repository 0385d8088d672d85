"""Served mode: each app under gunicorn on 127.0.0.1, driven for a few
seconds per case by a small client, counting requests per second and
errors.

gunicorn runs one sync worker; the client keeps a bounded number of
connections in flight (one request each, ``Connection: close``), so the
server is never idle and never flooded. On a two-core machine the client
and the server each get a core. The figures include gunicorn's own
per-connection cost, which is the same for every framework.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import threading
import time
import typing as t

if t.TYPE_CHECKING:
    import collections.abc as cabc

    from benchmarks.frameworks import Framework
    from benchmarks.workloads import Workload

ROOT: t.Final = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclasses.dataclass
class Served:
    """The result of one served case."""

    framework: str
    workload: str
    requests: int
    errors: int
    seconds: float

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(target: str, port: int, timeout: float = 30.0) -> cabc.Iterator[None]:
    """Serve ``target`` (``module:factory()``) until the block ends."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--chdir",
            ROOT,
            target,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"gunicorn {target} exited: {error[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn {target} did not start") from None
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def request_bytes(workload: Workload, cookie: str | None) -> bytes:
    """The workload's request as HTTP/1.1 bytes."""
    target = workload.path + (f"?{workload.query}" if workload.query else "")
    lines = [
        f"{workload.method} {target} HTTP/1.1",
        "Host: 127.0.0.1",
        "User-Agent: transom-benchmarks",
        "Accept: */*",
        "Connection: close",
    ]
    if workload.content_type is not None:
        lines.append(f"Content-Type: {workload.content_type}")
    if workload.body or workload.method == "POST":
        lines.append(f"Content-Length: {len(workload.body)}")
    if cookie is not None:
        lines.append(f"Cookie: session={cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + workload.body


def _one(port: int, payload: bytes) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(payload)
        chunks: list[bytes] = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head = b"".join(chunks).split(b"\r\n", 1)[0]
    return int(head.split()[1])


def drive(
    port: int, payload: bytes, status: int, seconds: float, connections: int = 2
) -> tuple[int, int, float]:
    """Send ``payload`` repeatedly for ``seconds`` from ``connections``
    threads; return (answers with ``status``, errors, elapsed seconds)."""
    counts = [0] * connections
    errors = [0] * connections
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        while time.monotonic() < stop:
            try:
                if _one(port, payload) == status:
                    counts[index] += 1
                else:
                    errors[index] += 1
            except (OSError, ValueError, IndexError):
                errors[index] += 1

    begin = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), sum(errors), time.monotonic() - begin


def serve_all(
    frameworks: cabc.Sequence[Framework],
    workloads: cabc.Sequence[Workload],
    seconds: float,
    log: t.Callable[[str], None] = print,
) -> list[Served]:
    """Serve every framework's apps and drive every workload."""
    results: list[Served] = []
    for framework in frameworks:
        _, _, session_cookie = framework.apps()
        for kind in ("main", "many"):
            chosen = [w for w in workloads if w.app == kind]
            if not chosen:
                continue
            factory = "make_app()" if kind == "main" else "make_many_app()"
            target = f"benchmarks.frameworks.{framework.name}:{factory}"
            local_app = getattr(framework.module(), factory[:-2])()
            port = free_port()
            with gunicorn(target, port):
                for workload in chosen:
                    cookie = None
                    if workload.session is not None:
                        cookie = session_cookie(local_app, workload.session)
                    payload = request_bytes(workload, cookie)
                    drive(port, payload, workload.status, min(0.2, seconds))  # warm up
                    done, failed, elapsed = drive(
                        port, payload, workload.status, seconds
                    )
                    results.append(
                        Served(framework.name, workload.name, done, failed, elapsed)
                    )
                    log(
                        f"  served {framework.name:18} {workload.name:9}"
                        f" {done / elapsed:8.0f} req/s, {failed} errors"
                    )
    return results
