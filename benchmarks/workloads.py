"""The workloads: the same requests, and the same expected answers, for
every framework.

Each :class:`Workload` names the app it runs on (``main``, or ``many`` for
the 500-route app), the request, and what the answer must be. The request
environ is built once per workload; each timed call gets a shallow copy and
a fresh ``wsgi.input``.
"""

from __future__ import annotations

import dataclasses
import io
import sys
import typing as t

from benchmarks import shared

HTML: t.Final = "text/html; charset=utf-8"
JSON: t.Final = "application/json"


@dataclasses.dataclass(frozen=True)
class Workload:
    """One request and the answer every framework must give."""

    name: str
    """Short name, used on the command line and in the report."""
    title: str
    """What the report calls it."""
    method: str
    path: str
    query: str = ""
    body: bytes = b""
    content_type: str | None = None
    app: t.Literal["main", "many"] = "main"
    """Which app of the framework serves it."""
    session: dict[str, t.Any] | None = None
    """The session the request carries in its cookie."""
    status: int = 200
    text: str | None = None
    """The exact body, when it is text."""
    json: object = None
    """The body as parsed JSON, when it is JSON (frameworks differ in
    whitespace and key order, not in content)."""
    mimetype: str | None = HTML
    """The expected Content-Type (compared case-insensitively), or ``None``
    for error pages, which every framework words its own way."""

    def environ(self, cookie: str | None = None) -> dict[str, t.Any]:
        """The WSGI environ of this request, without ``wsgi.input``."""
        environ: dict[str, t.Any] = {
            "REQUEST_METHOD": self.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": self.path,
            "QUERY_STRING": self.query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "localhost",
            "HTTP_USER_AGENT": "transom-benchmarks",
            "HTTP_ACCEPT": "*/*",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        if self.body:
            environ["CONTENT_LENGTH"] = str(len(self.body))
        if self.content_type is not None:
            environ["CONTENT_TYPE"] = self.content_type
        if cookie is not None:
            environ["HTTP_COOKIE"] = f"{shared.SESSION_COOKIE}={cookie}"
        return environ

    def input(self) -> io.BytesIO:
        """A fresh request body stream."""
        return io.BytesIO(self.body)


WORKLOADS: t.Final = (
    Workload("hello", "hello (`GET /`, text)", "GET", "/", text="Hello, World!"),
    Workload("param", "param (`GET /post/42`, int)", "GET", "/post/42", text="Post 42"),
    Workload(
        "json",
        "json (`GET /api/user/ada`)",
        "GET",
        "/api/user/ada",
        json=shared.user("ada"),
        mimetype=JSON,
    ),
    Workload(
        "query",
        "typed query (`GET /search?q=x&page=2`)",
        "GET",
        "/search",
        query="q=x&page=2",
        json={"page": 2, "q": "x"},
        mimetype=JSON,
    ),
    Workload(
        "many",
        f"many routes (last of {shared.ROUTES})",
        "GET",
        f"/r{shared.ROUTES - 1}/ada",
        app="many",
        text=f"r{shared.ROUTES - 1} ada",
    ),
    Workload(
        "404",
        f"404 (on the {shared.ROUTES}-route app)",
        "GET",
        "/nowhere/ada",
        app="many",
        status=404,
        mimetype=None,
    ),
    Workload(
        "405",
        "405 (`POST /post/42`)",
        "POST",
        "/post/42",
        status=405,
        mimetype=None,
    ),
    Workload(
        "form",
        "form POST (urlencoded, 2 fields)",
        "POST",
        "/form",
        body=b"name=ada&age=36",
        content_type="application/x-www-form-urlencoded",
        text="ada is 36",
    ),
    Workload(
        "body",
        "typed JSON body (`POST /tasks`, 5 fields, a list of objects)",
        "POST",
        "/tasks",
        body=shared.TASK_BODY,
        content_type=JSON,
        json=shared.check_task(shared.TASK),
        mimetype=JSON,
    ),
    Workload(
        "session",
        "session read/write",
        "GET",
        "/session",
        session={"count": 1},
        text="count=2",
    ),
    Workload(
        "template",
        "template render",
        "GET",
        "/page",
        text=shared.jinja_env()
        .get_template("page.html")
        .render(title=shared.TITLE, items=shared.ITEMS),
    ),
)
"""Every workload, in report order."""

BY_NAME: t.Final = {w.name: w for w in WORKLOADS}
