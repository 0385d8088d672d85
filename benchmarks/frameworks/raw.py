"""Raw WSGI: the floor. Each workload done by hand with the standard
library, no framework, but the same work (conversion, escaping, signing)."""

from __future__ import annotations

import json
import typing as t
import urllib.parse
from http.cookies import SimpleCookie

from benchmarks import shared

if t.TYPE_CHECKING:
    import collections.abc as cabc
    from wsgiref.types import StartResponse
    from wsgiref.types import WSGIApplication
    from wsgiref.types import WSGIEnvironment

_HTML = [("Content-Type", "text/html; charset=utf-8")]
_JSON = [("Content-Type", "application/json")]


def _send(
    start_response: StartResponse,
    body: str,
    headers: list[tuple[str, str]] = _HTML,
    status: str = "200 OK",
) -> list[bytes]:
    data = body.encode()
    start_response(status, [*headers, ("Content-Length", str(len(data)))])
    return [data]


def _not_found(start_response: StartResponse) -> list[bytes]:
    return _send(start_response, "Not Found", status="404 NOT FOUND")


def make_app() -> WSGIApplication:
    sessions = shared.CookieSession()
    template = shared.jinja_env().get_template("page.html")

    def app(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        path: str = environ["PATH_INFO"]
        method: str = environ["REQUEST_METHOD"]
        if path.startswith("/post/"):
            rest = path[6:]
            if not (rest.isascii() and rest.isdigit()):
                return _not_found(start_response)
            if method not in ("GET", "HEAD"):
                return _send(
                    start_response,
                    "Method Not Allowed",
                    [*_HTML, ("Allow", "GET, HEAD")],
                    "405 METHOD NOT ALLOWED",
                )
            return _send(start_response, f"Post {int(rest)}")
        if path == "/":
            return _send(start_response, "Hello, World!")
        if path.startswith("/api/user/"):
            name = path[10:]
            return _send(
                start_response,
                json.dumps(shared.user(name), separators=(",", ":")) + "\n",
                _JSON,
            )
        if path == "/search":
            query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
            try:
                q = query["q"][0]
                page = int(query.get("page", ["1"])[0])
            except (KeyError, ValueError):
                return _send(start_response, "Bad Request", status="400 BAD REQUEST")
            body = json.dumps({"page": page, "q": q}, separators=(",", ":")) + "\n"
            return _send(start_response, body, _JSON)
        if path == "/form" and method == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = urllib.parse.parse_qs(environ["wsgi.input"].read(size).decode())
            try:
                name = form["name"][0]
                age = int(form["age"][0])
            except (KeyError, ValueError):
                return _send(start_response, "Bad Request", status="400 BAD REQUEST")
            return _send(start_response, f"{name} is {age}")
        if path == "/tasks" and method == "POST":
            if environ.get("CONTENT_TYPE") != "application/json":
                return _send(start_response, "", status="415 UNSUPPORTED MEDIA TYPE")
            size = int(environ.get("CONTENT_LENGTH") or 0)
            try:
                data = json.loads(environ["wsgi.input"].read(size))
            except ValueError:
                return _send(start_response, "Bad Request", status="400 BAD REQUEST")
            summary = shared.check_task(data)
            if summary is None:
                return _send(start_response, "", status="422 UNPROCESSABLE ENTITY")
            body = json.dumps(summary, separators=(",", ":")) + "\n"
            return _send(start_response, body, _JSON)
        if path == "/session":
            cookies = SimpleCookie(environ.get("HTTP_COOKIE", ""))
            morsel = cookies.get(shared.SESSION_COOKIE)
            session = sessions.load(morsel.value if morsel else None)
            count = session.get("count", 0) + 1
            session["count"] = count
            cookie = (
                f"{shared.SESSION_COOKIE}={sessions.dump(session)}; HttpOnly; Path=/"
            )
            headers = [*_HTML, ("Set-Cookie", cookie), ("Vary", "Cookie")]
            return _send(start_response, f"count={count}", headers)
        if path == "/page":
            body = template.render(title=shared.TITLE, items=shared.ITEMS)
            return _send(start_response, body)
        return _not_found(start_response)

    return app


def make_many_app() -> WSGIApplication:
    routes = {f"r{i}" for i in range(shared.ROUTES)}

    def app(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        parts = environ["PATH_INFO"].split("/", 2)
        if len(parts) == 3 and parts[1] in routes and parts[2] and "/" not in parts[2]:
            return _send(start_response, f"{parts[1]} {parts[2]}")
        return _not_found(start_response)

    return app


def session_cookie(app: object, data: dict[str, t.Any]) -> str:
    return shared.CookieSession().dump(data)
