"""Equivalence: every app must give each workload's expected answer before
it is timed, so that no framework looks fast by doing less."""

from __future__ import annotations

import dataclasses
import json
import typing as t
from http.cookies import SimpleCookie

from benchmarks import shared

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

    from benchmarks.workloads import Workload


@dataclasses.dataclass
class Answer:
    """What an app answered."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first header called ``name``, or ``None``."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    def session_cookie(self) -> str | None:
        """The session cookie this answer sets, or ``None``."""
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                morsel = SimpleCookie(value).get(shared.SESSION_COOKIE)
                if morsel is not None:
                    return morsel.value
        return None


def call(app: WSGIApplication, workload: Workload, cookie: str | None = None) -> Answer:
    """Call ``app`` with the workload's request, as a server would."""
    environ = workload.environ(cookie)
    environ["wsgi.input"] = workload.input()
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: t.Any = None
    ) -> t.Any:
        started.append((status, headers))
        return lambda data: None

    iterable = app(environ, start_response)
    try:
        body = b"".join(iterable)
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    status, headers = started[-1]
    return Answer(int(status.split()[0]), list(headers), body)


def _normal(content_type: str | None) -> str | None:
    return None if content_type is None else content_type.lower().replace(" ", "")


def problems(
    app: WSGIApplication, workload: Workload, session_cookie: t.Callable[..., str]
) -> list[str]:
    """What is wrong with ``app``'s answer to ``workload``; empty when right."""
    cookie = None
    if workload.session is not None:
        cookie = session_cookie(app, workload.session)
    answer = call(app, workload, cookie)
    found: list[str] = []
    if answer.status != workload.status:
        found.append(f"status {answer.status}, expected {workload.status}")
    if workload.mimetype is not None:
        got = _normal(answer.header("Content-Type"))
        if got != _normal(workload.mimetype):
            found.append(f"Content-Type {got!r}, expected {workload.mimetype!r}")
    if workload.text is not None and answer.body.decode() != workload.text:
        found.append(f"body {answer.body[:200]!r}, expected {workload.text[:200]!r}")
    if workload.json is not None:
        try:
            value = json.loads(answer.body)
        except ValueError:
            value = answer.body
        if value != workload.json:
            found.append(f"JSON {value!r}, expected {workload.json!r}")
    if workload.status == 405:
        allow = answer.header("Allow") or ""
        if "GET" not in allow:
            found.append(f"405 with Allow {allow!r}, expected it to list GET")
    if workload.session is not None and not found:
        # The cookie set must carry the new session: send it back once more.
        new_cookie = answer.session_cookie()
        if new_cookie is None:
            found.append("no session cookie set")
        else:
            again = call(app, workload, new_cookie)
            expected = workload.text.replace("2", "3") if workload.text else ""
            if again.body.decode() != expected:
                found.append(
                    f"second request gave {again.body!r}, expected {expected!r}"
                )
    return found
