"""Hostile and broken requests, one case each: every one gets the right 4xx
(or a harmless 2xx), never a 500, never a traceback, and the right headers.

The app runs as in production (exceptions are not propagated), and any
exception that reaches transom's 500 handler fails the test with its
traceback, so a case cannot pass by accident.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import logging
import time
import typing as t
import uuid
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer

from transom import App
from transom import PathStr
from transom import Response
from transom import View
from transom import redirect
from transom import request
from transom import session
from transom import url_for
from transom.json import default_provider
from transom.sessions import SecureCookieSessionInterface
from transom.testing import TestClient
from transom.typing import JSONValue

SECRET = "bad-input-secret"
MiB = 1024 * 1024


def _multipart(
    fields: list[tuple[str, bytes]], boundary: str = "b0undary", close: bool = True
) -> bytes:
    out = io.BytesIO()
    for name, value in fields:
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value)
        out.write(b"\r\n")
    if close:
        out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def _signed_cookie(app: App, value: object, *, age: int = 0, key: str = SECRET) -> str:
    """A session cookie as transom would sign it, optionally ``age`` seconds old."""
    interface = SecureCookieSessionInterface()

    class Signer(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - age

    serializer = URLSafeTimedSerializer(
        key,
        salt=interface.salt,
        serializer=default_provider,
        signer=Signer,
        signer_kwargs={
            "key_derivation": "hmac",
            "digest_method": interface.digest_method,
        },
    )
    return serializer.dumps(value)


class _FailOnServerError(logging.Handler):
    """Collects what the app logs when a request ends in a 500."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("static")
    (folder / "hello.txt").write_text("hello, world\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text("inner\n")
    (folder.parent / "secret.txt").write_text("do not serve\n")
    return folder


def _make_app(static_dir: Path) -> App:
    app = App("bad_input_app", static_folder=str(static_dir), static_url_path="/static")
    app.secret_key = SECRET
    app.config["TRUSTED_HOSTS"] = ["localhost", "example.com", ".example.org"]
    app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(hours=1)

    @app.route("/int/<n>")
    def ints(n: int) -> str:
        return f"int {n}"

    @app.route("/int-min/<int(min=1):n>")
    def ints_min(n: int) -> str:
        return f"int {n}"

    @app.route("/float/<x>")
    def floats(x: float) -> str:
        return f"float {x}"

    @app.route("/uuid/<u>")
    def uuids(u: uuid.UUID) -> str:
        return f"uuid {u}"

    @app.route("/date/<d>")
    def dates(d: datetime.date) -> str:
        return f"date {d}"

    @app.route("/path/<p>")
    def paths(p: PathStr) -> str:
        return f"path {p}"

    @app.route("/query")
    def query(n: int, d: datetime.date | None = None) -> str:
        return f"query {n} {d}"

    @app.route("/form", methods=["POST"])
    def form() -> str:
        return "form " + request.form["a"]

    @app.route("/file", methods=["POST"])
    def file() -> str:
        return "file " + (request.files["f"].filename or "")

    @app.route("/fields", methods=["POST"])
    def fields() -> str:
        return f"fields {len(request.form)} {len(request.files)}"

    @app.route("/query-text")
    def query_text(q: str, r: str = "") -> str:
        return f"{q} {r}"

    @app.route("/args")
    def args() -> str:
        return f"a={request.args['a']} {request.full_path}"

    @app.route("/json", methods=["POST"])
    def json_get() -> dict[str, JSONValue]:
        return {"got": request.get_json()}

    @app.route("/json-property", methods=["POST"])
    def json_property() -> dict[str, JSONValue]:
        return {"got": request.json}

    @app.route("/json-silent", methods=["POST"])
    def json_silent() -> dict[str, JSONValue]:
        return {"got": request.get_json(silent=True)}

    @app.route("/small", methods=["POST"], max_content_length=1024)
    def small() -> str:
        return f"small {len(request.get_data())}"

    @app.route("/unlimited", methods=["POST"], max_content_length=None)
    def unlimited() -> str:
        return f"unlimited {len(request.get_data())}"

    @app.route("/upload")
    class Upload(View):
        max_content_length = 2048

        def post(self) -> str:
            return f"upload {len(request.get_data())}"

    @app.route("/ignore", methods=["POST"], max_content_length=1024)
    def ignore() -> str:
        return "the body is never read"

    @app.route("/ignore-default", methods=["POST"])
    def ignore_default() -> str:
        return "the body is never read"

    @app.route("/header-name")
    def header_name() -> tuple[str, list[tuple[str, str]]]:
        return "header", [(request.args.get("name", "X-Name"), "1")]

    @app.route("/body", methods=["POST"])
    def body() -> str:
        return f"body {len(request.get_data())}"

    @app.route("/session")
    def session_view() -> str:
        return f"session {dict(session)!r}"

    @app.route("/next")
    def next_view() -> Response:
        return redirect(request.args.get("next", "/"))

    @app.route("/header-tuple")
    def header_tuple() -> tuple[str, dict[str, str]]:
        return "header", {"X-Echo": request.args.get("v", "")}

    @app.route("/header-set")
    def header_set() -> Response:
        response = Response("header")
        response.headers["X-Echo"] = request.args.get("v", "")
        return response

    @app.route("/where")
    def where() -> dict[str, JSONValue]:
        return {
            "url": url_for("where", _external=True),
            "remote": request.remote_addr,
            "secure": request.is_secure,
            "host": request.host,
        }

    @app.route("/login", methods=["POST"])
    def login() -> str:
        session["user"] = "ada"
        return "logged in"

    @app.route("/resource")
    class Resource(View):
        def get(self) -> str:
            return "resource"

        def post(self) -> str:
            return "posted"

    return app


@pytest.fixture(scope="module")
def bad_app(static_dir: Path) -> App:
    return _make_app(static_dir)


@pytest.fixture
def bad_client(bad_app: App) -> t.Iterator[TestClient]:
    handler = _FailOnServerError()
    bad_app.logger.addHandler(handler)
    try:
        yield bad_app.test_client()
    finally:
        bad_app.logger.removeHandler(handler)
    if handler.records:
        record = handler.records[0]
        pytest.fail(
            f"the app answered with a 500: {record.getMessage()} {record.exc_info!r}"
        )


@dataclasses.dataclass(frozen=True)
class Case:
    """One bad request and what the answer must be."""

    path: str
    status: int
    method: str = "GET"
    kwargs: dict[str, t.Any] = dataclasses.field(default_factory=dict[str, t.Any])
    headers: dict[str, str] = dataclasses.field(default_factory=dict[str, str])
    """Headers the response must have, with these values ("" = any value)."""
    absent: tuple[str, ...] = ()
    """Headers the response must not have."""
    body: str | None = None
    """Text the body must contain."""


def _form(data: bytes, content_type: str, **extra: t.Any) -> dict[str, t.Any]:
    return {"data": data, "content_type": content_type, **extra}


def _json(
    data: str | bytes, content_type: str = "application/json"
) -> dict[str, t.Any]:
    return {"data": data, "content_type": content_type}


def _chunked(data: bytes) -> dict[str, t.Any]:
    """A body without Content-Length, as a server sends a chunked request."""
    return {
        "input_stream": io.BytesIO(data),
        "environ_overrides": {"wsgi.input_terminated": True},
    }


URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data; boundary=b0undary"
HTML = "text/html; charset=utf-8"

CASES: dict[str, Case] = {
    # -- body size ------------------------------------------------------------
    "body over the default 16 MiB": Case(
        "/body", 413, "POST", {"data": b"x" * (16 * MiB + 1)}, absent=("Set-Cookie",)
    ),
    "body at the default 16 MiB": Case(
        "/body", 200, "POST", {"data": b"x" * (16 * MiB)}, body=f"body {16 * MiB}"
    ),
    "chunked body over the limit": Case("/small", 413, "POST", _chunked(b"x" * 1025)),
    "chunked body at the limit": Case(
        "/small", 200, "POST", _chunked(b"x" * 1024), body="small 1024"
    ),
    "body over a route's max_content_length": Case(
        "/small", 413, "POST", {"data": b"x" * 1025}
    ),
    "declared length over the limit of a view that never reads the body": Case(
        "/ignore", 413, "POST", {"data": b"x" * 1025}
    ),
    "declared length over the default, body never read": Case(
        "/ignore-default",
        413,
        "POST",
        {
            "input_stream": io.BytesIO(b""),
            "environ_overrides": {"CONTENT_LENGTH": str(17 * MiB)},
        },
    ),
    "body over a View's max_content_length": Case(
        "/upload", 413, "POST", {"data": b"x" * 2049}
    ),
    "body under a View's max_content_length": Case(
        "/upload", 200, "POST", {"data": b"x" * 2048}, body="upload 2048"
    ),
    "body over 16 MiB on a route without a limit": Case(
        "/unlimited", 200, "POST", {"data": b"x" * (16 * MiB + 1)}
    ),
    "form over a route's max_content_length": Case(
        "/small", 413, "POST", _form(b"a=" + b"x" * 2000, URLENCODED)
    ),
    # -- urlencoded forms -------------------------------------------------------
    "urlencoded body over MAX_FORM_MEMORY_SIZE": Case(
        "/form", 413, "POST", _form(b"a=" + b"x" * 500_000, URLENCODED)
    ),
    "urlencoded body at MAX_FORM_MEMORY_SIZE": Case(
        "/form", 200, "POST", _form(b"a=" + b"x" * 499_998, URLENCODED)
    ),
    "urlencoded fields over MAX_FORM_PARTS": Case(
        "/fields", 413, "POST", _form(b"&".join([b"k=v"] * 1001), URLENCODED)
    ),
    "urlencoded fields at MAX_FORM_PARTS": Case(
        "/fields",
        200,
        "POST",
        _form(b"&".join(b"k%d=v" % i for i in range(1000)), URLENCODED),
        body="fields 1000 0",
    ),
    "urlencoded separators without fields": Case(
        "/fields",
        200,
        "POST",
        _form(b"a=1" + b"&" * 5000, URLENCODED),
        body="fields 1 0",
    ),
    "urlencoded body that is not UTF-8": Case(
        "/form", 400, "POST", _form(b"a=\xff\xfe", URLENCODED)
    ),
    "missing form key": Case("/form", 400, "POST", _form(b"b=1", URLENCODED)),
    "form key on a GET": Case("/form", 405, "GET", headers={"Allow": ""}),
    # -- multipart ----------------------------------------------------------------
    "multipart parts over MAX_FORM_PARTS": Case(
        "/fields", 413, "POST", _form(_multipart([("k", b"v")] * 1001), MULTIPART)
    ),
    "multipart parts at MAX_FORM_PARTS": Case(
        "/fields",
        200,
        "POST",
        _form(_multipart([(f"k{i}", b"v") for i in range(1000)]), MULTIPART),
        body="fields 1000 0",
    ),
    "multipart field over MAX_FORM_MEMORY_SIZE, across many chunks": Case(
        "/form", 413, "POST", _form(_multipart([("a", b"x" * 500_001)]), MULTIPART)
    ),
    "multipart field at MAX_FORM_MEMORY_SIZE": Case(
        "/form", 200, "POST", _form(_multipart([("a", b"x" * 500_000)]), MULTIPART)
    ),
    "multipart field split by CRLFs over the limit": Case(
        "/form",
        413,
        "POST",
        _form(_multipart([("a", b"x\r\n" * 170_000)]), MULTIPART),
    ),
    "truncated multipart": Case(
        "/form",
        400,
        "POST",
        _form(_multipart([("a", b"abc")], close=False)[:-3], MULTIPART),
    ),
    "multipart without a boundary parameter": Case(
        "/form", 400, "POST", _form(_multipart([("a", b"abc")]), "multipart/form-data")
    ),
    "multipart with another boundary": Case(
        "/form",
        400,
        "POST",
        _form(_multipart([("a", b"abc")], boundary="other"), MULTIPART),
    ),
    "multipart of garbage": Case(
        "/form", 400, "POST", _form(b"\x00" * 1000, MULTIPART)
    ),
    "multipart part without headers": Case(
        "/form",
        400,
        "POST",
        _form(b"--b0undary\r\n\r\nabc\r\n--b0undary--\r\n", MULTIPART),
    ),
    "missing file": Case(
        "/file", 400, "POST", _form(_multipart([("a", b"1")]), MULTIPART)
    ),
    # -- JSON ---------------------------------------------------------------------
    "malformed JSON": Case("/json", 400, "POST", _json('{"a": ')),
    "JSON that is not UTF-8": Case("/json", 400, "POST", _json(b'"\xff\xfe\xfd"')),
    "JSON with NaN": Case("/json", 400, "POST", _json('{"amount": NaN}')),
    "JSON with Infinity": Case("/json", 400, "POST", _json("[-Infinity]")),
    "JSON with a text/plain type": Case(
        "/json", 415, "POST", _json("{}", "text/plain")
    ),
    "JSON with no body": Case("/json", 400, "POST", _json(b"")),
    "JSON nested 257 deep": Case("/json", 400, "POST", _json("[" * 257 + "]" * 257)),
    "JSON nested 256 deep": Case("/json", 200, "POST", _json("[" * 256 + "]" * 256)),
    "JSON nested 100,000 deep": Case("/json", 400, "POST", _json("[" * 100_000)),
    "JSON objects nested 5,000 deep": Case(
        "/json", 400, "POST", _json('{"a":' * 5000 + "1" + "}" * 5000)
    ),
    "request.json nested 100,000 deep": Case(
        "/json-property", 400, "POST", _json("[" * 100_000 + "]" * 100_000)
    ),
    "silent get_json of nested JSON": Case(
        "/json-silent", 200, "POST", _json("[" * 100_000), body='{"got":null}'
    ),
    "JSON brackets inside strings are not nesting": Case(
        "/json", 200, "POST", _json('["' + "[" * 1000 + '"]')
    ),
    "JSON brackets after escaped quotes and backslashes are not nesting": Case(
        "/json", 200, "POST", _json('["\\\\\\"' + "[" * 1000 + '\\\\"]')
    ),
    "JSON with an unpaired surrogate escape": Case(
        "/json", 400, "POST", _json('{"a": "\\ud800"}'), body="unpaired surrogate"
    ),
    "JSON with a low surrogate escape first": Case(
        "/json", 400, "POST", _json('["\\udc00\\ud800"]'), body="unpaired surrogate"
    ),
    "JSON object key with an unpaired surrogate escape": Case(
        "/json", 400, "POST", _json('{"\\udfff": 1}'), body="unpaired surrogate"
    ),
    "JSON with a surrogate pair": Case(
        "/json", 200, "POST", _json('["\\ud83d\\ude00"]'), body="\U0001f600"
    ),
    "JSON with a surrogate encoded as UTF-8 (ED A0 80)": Case(
        "/json", 400, "POST", _json(b'{"a": "\xed\xa0\x80"}'), body="not valid UTF-8"
    ),
    "JSON number too large for a float": Case(
        "/json", 400, "POST", _json("[1e999]"), body="1e999"
    ),
    "JSON number too large for a float, negative": Case(
        "/json", 400, "POST", _json('{"a": -1e999}'), body="-1e999"
    ),
    "JSON number of 400 digits with a fraction": Case(
        "/json", 400, "POST", _json("[" + "9" * 400 + ".5]"), body="range of a float"
    ),
    "JSON number near the largest float": Case(
        "/json", 200, "POST", _json("[1.7e308]"), body="1.7e+308"
    ),
    # -- path segments --------------------------------------------------------------
    "letters for an int": Case("/int/abc", 404),
    "negative int": Case("/int/-1", 404),
    "4,301 digits": Case("/int/" + "9" * 4301, 404),
    "31 digits": Case("/int/" + "1" * 31, 404),
    "Arabic-Indic digits": Case("/int/\u0663\u0664", 404),
    "fullwidth digits": Case("/int/\uff11\uff12", 404),
    "superscript digit": Case("/int/\u00b2", 404),
    "Arabic-Indic digit with explicit int(min=1)": Case("/int-min/\u0663", 404),
    "4,301 digits with explicit int(min=1)": Case("/int-min/" + "9" * 4301, 404),
    "int below an explicit min": Case("/int-min/0", 404),
    "percent-encoded invalid UTF-8": Case("/int/%ff", 404),
    "NUL in an int": Case("/int/1%00", 404),
    "float with 400 digits": Case("/float/" + "9" * 400 + ".5", 404),
    "float in exponent form": Case("/float/1e999", 404),
    "impossible date": Case("/date/2024-13-45", 404),
    "February 30th": Case("/date/2024-02-30", 404),
    "UUID of the wrong length": Case("/uuid/" + "a" * 31, 404),
    "UUID with %ff": Case("/uuid/%ff", 404),
    # -- query values -----------------------------------------------------------------
    "query int of 4,301 digits": Case("/query?n=" + "9" * 4301, 400),
    "query int in Arabic-Indic digits": Case("/query?n=%D9%A3", 400),
    "query int with %ff": Case("/query?n=%ff", 400),
    "query int missing": Case("/query", 400),
    "query date impossible": Case("/query?n=1&d=2024-02-30", 400),
    "query with NUL": Case("/query?n=1%00", 400),
    "raw bytes that are not UTF-8 in a query int": Case(
        "/query", 400, kwargs={"environ_overrides": {"QUERY_STRING": "n=\xff"}}
    ),
    "raw bytes that are not UTF-8 in a query str": Case(
        "/query-text",
        200,
        kwargs={"environ_overrides": {"QUERY_STRING": "q=\xff&r=%ff"}},
        body="%FF %FF",
    ),
    "raw UTF-8 bytes in a query str": Case(
        "/query-text",
        200,
        kwargs={"environ_overrides": {"QUERY_STRING": "q=\xc3\xa9&r=\xe2\x82\xac"}},
        body="\u00e9 \u20ac",
    ),
    "raw bytes that are not UTF-8 in request.args": Case(
        "/args",
        200,
        kwargs={"environ_overrides": {"QUERY_STRING": "a=\xff\xfe"}},
        body="a=%FF%FE /args?a=%FF%FE",
    ),
    # -- static files -------------------------------------------------------------------
    "static dot-dot": Case("/static/../secret.txt", 404),
    "static encoded dot-dot": Case("/static/%2e%2e/secret.txt", 404),
    "static encoded slash": Case("/static/..%2fsecret.txt", 404),
    "static deeper dot-dot": Case("/static/sub/../../secret.txt", 404),
    "static backslash": Case("/static/..%5csecret.txt", 404),
    "static absolute path": Case(
        "/static//etc/passwd",
        308,
        headers={"Location": "http://localhost/static/etc/passwd"},
    ),
    "static absolute path, slashes merged": Case("/static/etc/passwd", 404),
    "static NUL": Case("/static/hello.txt%00.png", 404),
    "static directory": Case("/static/sub", 404),
    "static missing": Case("/static/nope.txt", 404),
    # -- ranges -------------------------------------------------------------------------
    "range end before start": Case(
        "/static/hello.txt",
        416,
        kwargs={"headers": {"Range": "bytes=5-1"}},
        headers={"Content-Range": "bytes */13"},
    ),
    "range past the end": Case(
        "/static/hello.txt",
        416,
        kwargs={"headers": {"Range": "bytes=100-"}},
        headers={"Content-Range": "bytes */13"},
    ),
    "range that is garbage": Case(
        "/static/hello.txt", 416, kwargs={"headers": {"Range": "pages=1-2"}}
    ),
    "several ranges": Case(
        "/static/hello.txt", 416, kwargs={"headers": {"Range": "bytes=0-1,3-4"}}
    ),
    "valid range": Case(
        "/static/hello.txt",
        206,
        kwargs={"headers": {"Range": "bytes=0-4"}},
        headers={"Content-Range": "bytes 0-4/13"},
        body="hello",
    ),
    "garbage conditional headers": Case(
        "/static/hello.txt",
        200,
        kwargs={"headers": {"If-Modified-Since": "yesterday", "If-None-Match": "\x01"}},
    ),
    # -- cookies --------------------------------------------------------------------------
    "garbage session cookie": Case(
        "/session",
        200,
        kwargs={"headers": {"Cookie": "session=garbage"}},
        body="session {}",
    ),
    "empty session cookie": Case(
        "/session", 200, kwargs={"headers": {"Cookie": "session="}}, body="session {}"
    ),
    "huge session cookie": Case(
        "/session",
        200,
        kwargs={"headers": {"Cookie": "session=" + "a." * 4000}},
        body="session {}",
    ),
    "cookie header of control characters": Case(
        "/session",
        200,
        kwargs={"headers": {"Cookie": "\x01\x02=\x03; ;;; =; session"}},
        body="session {}",
    ),
    "cookie header with non-ASCII": Case(
        "/session",
        200,
        kwargs={"headers": {"Cookie": "session=\u00e9\u00e8; other=\u2603"}},
        body="session {}",
    ),
    "many cookies": Case(
        "/session",
        200,
        kwargs={"headers": {"Cookie": "; ".join(f"c{i}=v" for i in range(2000))}},
        body="session {}",
    ),
    # -- methods ------------------------------------------------------------------------------
    "unknown method": Case("/resource", 405, "FOO", headers={"Allow": ""}),
    "WebDAV method": Case("/resource", 405, "PROPFIND", headers={"Allow": ""}),
    "TRACE": Case("/resource", 405, "TRACE", headers={"Allow": ""}),
    "lower-case method": Case("/resource", 200, "get", body="resource"),
    "OPTIONS": Case("/resource", 200, "OPTIONS", headers={"Allow": ""}),
    # -- headers and redirects ---------------------------------------------------------------
    "CR/LF in a redirect target": Case(
        "/next?next=/a%0d%0aSet-Cookie:%20evil=1",
        400,
        absent=("Location", "Set-Cookie"),
    ),
    "LF in a redirect target": Case(
        "/next?next=/a%0aX:%201", 400, absent=("Location",)
    ),
    "CR/LF in a header from a view's tuple": Case(
        "/header-tuple?v=a%0d%0aSet-Cookie:%20evil=1",
        400,
        absent=("X-Echo", "Set-Cookie"),
    ),
    "CR/LF in a header set on a response": Case(
        "/header-set?v=a%0d%0aSet-Cookie:%20evil=1",
        400,
        absent=("X-Echo", "Set-Cookie"),
    ),
    "CR/LF in a header name": Case(
        "/header-name?name=X-A%0d%0aSet-Cookie:%20evil", 400, absent=("Set-Cookie",)
    ),
    "colon in a header name": Case("/header-name?name=X-A:%20b", 400),
    "a plain header name still works": Case(
        "/header-name?name=X-Fine", 200, headers={"X-Fine": "1"}
    ),
    "a plain redirect still works": Case(
        "/next?next=/home", 302, headers={"Location": "/home"}
    ),
    # -- hosts and forwarding headers ----------------------------------------------------------
    "host not in TRUSTED_HOSTS": Case(
        "/where", 400, kwargs={"headers": {"Host": "evil.example"}}
    ),
    "host with a trusted subdomain": Case(
        "/where",
        200,
        kwargs={"headers": {"Host": "www.example.org"}},
        body="http://www.example.org/where",
    ),
    "host that only ends like a trusted one": Case(
        "/where", 400, kwargs={"headers": {"Host": "evilexample.com"}}
    ),
    "host with a bad port": Case(
        "/where", 400, kwargs={"headers": {"Host": "example.com:99999999999"}}
    ),
    "host of 5,000 characters": Case(
        "/where", 400, kwargs={"headers": {"Host": "a" * 5000}}
    ),
    "spoofed X-Forwarded-Host": Case(
        "/where",
        200,
        kwargs={"headers": {"X-Forwarded-Host": "evil.example"}},
        body='"url":"http://localhost/where"',
    ),
    "spoofed X-Forwarded-For": Case(
        "/where",
        200,
        kwargs={
            "headers": {"X-Forwarded-For": "10.9.8.7"},
            "environ_base": {"REMOTE_ADDR": "127.0.0.1"},
        },
        body='"remote":"127.0.0.1"',
    ),
    "spoofed X-Forwarded-Proto": Case(
        "/where",
        200,
        kwargs={"headers": {"X-Forwarded-Proto": "https"}},
        body='"secure":false',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(bad_client: TestClient, name: str) -> None:
    case = CASES[name]
    kwargs = dict(case.kwargs)
    response = bad_client.open(case.path, method=case.method, **kwargs)
    text = response.get_data(as_text=True)
    response.close()
    assert response.status_code == case.status, text[:500]
    assert "Traceback" not in text
    assert 'File "' not in text
    for header, value in case.headers.items():
        assert header in response.headers, dict(response.headers)
        if value:
            assert response.headers[header] == value
    for header in case.absent:
        assert header not in response.headers, dict(response.headers)
    if case.body is not None:
        assert case.body in text
    if response.status_code >= 400 and response.mimetype == "text/html":
        assert response.headers["Content-Type"] == HTML


def test_spoofed_forwarded_proto_does_not_make_the_cookie_secure(
    bad_client: TestClient,
) -> None:
    response = bad_client.post("/login", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" not in cookie


def _tampered(app: App) -> str:
    cookie = _signed_cookie(app, {"user": "ada"})
    payload, _, signature = cookie.rpartition(".")
    flipped = "A" if signature[0] != "A" else "B"
    return f"{payload}.{flipped}{signature[1:]}"


def _forged_payload(app: App) -> str:
    cookie = _signed_cookie(app, {"user": "ada"})
    forged = _signed_cookie(app, {"user": "root"})
    return forged.split(".")[0] + "." + ".".join(cookie.split(".")[1:])


def _sha1_signed(app: App) -> str:
    import hashlib

    serializer = URLSafeTimedSerializer(
        SECRET,
        salt=SecureCookieSessionInterface.salt,
        serializer=default_provider,
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
    )
    return serializer.dumps({"user": "ada"})


COOKIES: dict[str, tuple[t.Callable[[App], str], str]] = {
    "valid (the control case)": (
        lambda app: _signed_cookie(app, {"user": "ada"}),
        "session {'user': 'ada'}",
    ),
    "tampered signature": (_tampered, "session {}"),
    "payload swapped under another signature": (_forged_payload, "session {}"),
    "expired": (
        lambda app: _signed_cookie(app, {"user": "ada"}, age=7200),
        "session {}",
    ),
    "signed with another key": (
        lambda app: _signed_cookie(app, {"user": "ada"}, key="other"),
        "session {}",
    ),
    "signed with SHA-1": (_sha1_signed, "session {}"),
    "signed list instead of a dict": (
        lambda app: _signed_cookie(app, ["user", "ada"]),
        "session {}",
    ),
    "signed string": (lambda app: _signed_cookie(app, "ada"), "session {}"),
    "unsigned JSON": (lambda app: '{"user": "ada"}', "session {}"),
}


@pytest.mark.parametrize("name", list(COOKIES))
def test_bad_session_cookie(bad_app: App, bad_client: TestClient, name: str) -> None:
    make, expected = COOKIES[name]
    bad_client.set_cookie("session", make(bad_app), domain="localhost")
    response = bad_client.get("/session")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert text == expected
    assert "Cookie" in response.vary
