"""The load generator: threads with keep-alive connections, each a client
with its own session cookie, sending a mixed workload and checking every
answer.

An *error* is a connection failure or an unexpected status; a *mismatch*
is a right status with another request's data in it (an id from the path,
form, header, ``g`` or session that is not the one sent).
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import random
import threading
import time
import typing as t
import uuid
from urllib.parse import urlencode

KINDS: t.Final = ("page", "session", "form", "missing", "static")
"""The request kinds, in the order reports list them."""

_STATIC_BODY_PREFIX: t.Final = b"static payload for the load test"


@dataclasses.dataclass
class Stats:
    """What one run of :func:`run_clients` saw."""

    requests: int = 0
    errors: int = 0
    mismatches: int = 0
    latencies: list[float] = dataclasses.field(default_factory=list[float])
    """Seconds per request, in completion order."""
    by_kind: dict[str, int] = dataclasses.field(default_factory=dict[str, int])
    problems: list[str] = dataclasses.field(default_factory=list[str])
    """The first few errors and mismatches, described."""

    def merge(self, other: Stats) -> None:
        self.requests += other.requests
        self.errors += other.errors
        self.mismatches += other.mismatches
        self.latencies.extend(other.latencies)
        for kind, count in other.by_kind.items():
            self.by_kind[kind] = self.by_kind.get(kind, 0) + count
        self.problems.extend(other.problems[: max(0, 20 - len(self.problems))])

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in milliseconds (0 with no data)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))
        return ordered[index] * 1000


class _Client:
    """One simulated user: a connection, a cookie and a session counter."""

    def __init__(self, host: str, port: int, seed: int) -> None:
        self.host = host
        self.port = port
        self.name = f"c{seed}-{uuid.uuid4().hex[:8]}"
        self.random = random.Random(seed)
        self.cookie: str | None = None
        self.seq = 0
        self.stats = Stats()
        self._connection: http.client.HTTPConnection | None = None

    def _send(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        all_headers = dict(headers or {})
        if self.cookie is not None:
            all_headers["Cookie"] = self.cookie
        for attempt in (1, 2):
            connection = self._connection
            if connection is None:
                connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=30
                )
                self._connection = connection
            try:
                connection.request(method, path, body=body, headers=all_headers)
                response = connection.getresponse()
                data = response.read()
            except (ConnectionError, http.client.HTTPException, TimeoutError):
                connection.close()
                self._connection = None
                # A server may close an idle keep-alive connection between
                # two requests; one retry on a new connection is normal.
                if attempt == 2:
                    raise
                continue
            received = {k.lower(): v for k, v in response.getheaders()}
            if response.will_close:
                connection.close()
                self._connection = None
            cookie = received.get("set-cookie")
            if cookie is not None:
                self.cookie = cookie.split(";", 1)[0]
            return response.status, received, data
        raise AssertionError("unreachable")

    def _problem(self, kind: str, text: str, mismatch: bool) -> None:
        if mismatch:
            self.stats.mismatches += 1
        else:
            self.stats.errors += 1
        if len(self.stats.problems) < 20:
            self.stats.problems.append(f"{self.name} {kind}: {text}")

    def one_request(self) -> None:
        kind = self.random.choice(KINDS)
        rid = uuid.uuid4().hex
        started = time.perf_counter()
        try:
            self._check(kind, rid)
        except (OSError, http.client.HTTPException, ValueError) as e:
            self._problem(kind, f"{type(e).__name__}: {e}", mismatch=False)
        self.stats.latencies.append(time.perf_counter() - started)
        self.stats.requests += 1
        self.stats.by_kind[kind] = self.stats.by_kind.get(kind, 0) + 1

    def _check(self, kind: str, rid: str) -> None:
        header = {"X-Request-Id": rid}
        if kind == "page":
            n = self.random.randrange(1000)
            status, _, body = self._send("GET", f"/page/{n}", headers=header)
            if status != 200:
                return self._problem(kind, f"status {status}", False)
            text = body.decode()
            if f"<title>Page {n}</title>" not in text or f">{rid}<" not in text:
                return self._problem(kind, "page of another request", True)
        elif kind == "session":
            self.seq += 1
            status, _, body = self._send(
                "POST", f"/session/{self.name}/{self.seq}", headers=header
            )
            if status != 200:
                return self._problem(kind, f"status {status}", False)
            got = json.loads(body)
            expected_previous = self.seq - 1 if self.seq > 1 else None
            expected_owner = self.name if self.seq > 1 else None
            if (
                got["client"] != self.name
                or got["seq"] != self.seq
                or got["previous"] != expected_previous
                or got["owner"] != expected_owner
                or got["header"] != rid
            ):
                return self._problem(kind, f"session answer {got!r}", True)
        elif kind == "form":
            payload = "x" * self.random.randrange(0, 4000)
            body_bytes = urlencode({"rid": rid, "payload": payload}).encode()
            status, _, body = self._send(
                "POST",
                f"/form/{rid}",
                body=body_bytes,
                headers={**header, "Content-Type": "application/x-www-form-urlencoded"},
            )
            if status != 200:
                return self._problem(kind, f"status {status}", False)
            got = json.loads(body)
            if (
                got["path"] != rid
                or got["form"] != rid
                or got["header"] != rid
                or got["g"] != rid
                or got["size"] != len(payload)
            ):
                return self._problem(kind, f"form answer {got!r}", True)
        elif kind == "missing":
            status, _, _ = self._send("GET", f"/missing/{rid}", headers=header)
            if status != 404:
                return self._problem(kind, f"status {status}", False)
        else:
            status, headers, body = self._send(
                "GET", "/static/data.txt", headers=header
            )
            if status != 200:
                return self._problem(kind, f"status {status}", False)
            if not body.startswith(_STATIC_BODY_PREFIX) or headers.get(
                "content-length"
            ) != str(len(body)):
                return self._problem(kind, "static body", True)
        return None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def run_clients(
    host: str,
    port: int,
    *,
    threads: int,
    duration: float,
    seed: int = 0,
) -> Stats:
    """Run ``threads`` clients against ``host:port`` for ``duration`` seconds.

    :returns: the merged statistics of all clients.
    """
    deadline = time.monotonic() + duration
    clients = [_Client(host, port, seed * 1000 + i) for i in range(threads)]
    start = threading.Barrier(threads)

    def work(client: _Client) -> None:
        start.wait()
        try:
            while time.monotonic() < deadline:
                client.one_request()
        finally:
            client.close()

    workers = [threading.Thread(target=work, args=(c,), daemon=True) for c in clients]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(duration + 60)
    total = Stats()
    for client in clients:
        total.merge(client.stats)
    return total
