"""Property tests: whatever a client sends in the path, query string,
cookies, headers, a multipart body or a JSON body, the answer is never a
5xx; every URL that matches builds back (``url_for``) to a URL that matches
the same route with the same values; and well-formed bodies round-trip.

Example counts are bounded so the suite stays fast. The default profile,
``transom-ci``, is derandomized (the same examples on every run, no
database); ``TRANSOM_HYPOTHESIS_PROFILE=transom-dev`` runs many more random
examples for local exploration.
"""

from __future__ import annotations

import datetime
import enum
import json
import os
import typing as t
import uuid
from urllib.parse import quote
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from transom import App
from transom import PathStr
from transom import Range
from transom import request
from transom import session
from transom import url_for
from transom.testing import TestClient
from transom.testing import TestResponse
from transom.typing import JSONValue

settings.register_profile(
    "transom-ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "transom-dev",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile(
    os.environ.get("TRANSOM_HYPOTHESIS_PROFILE", "transom-ci")
)


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


def _make_app() -> App:
    app = App("properties_app", static_folder=None)
    app.secret_key = "property-secret"
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/int/<n>")
    def ints(n: int) -> dict[str, JSONValue]:
        return {"n": n}

    @app.route("/signed/<n>")
    def signed(n: t.Annotated[int, Range(ge=-1000)]) -> dict[str, JSONValue]:
        return {"n": n}

    @app.route("/float/<x>")
    def floats(x: float) -> dict[str, JSONValue]:
        return {"x": x}

    @app.route("/uuid/<u>")
    def uuids(u: uuid.UUID) -> dict[str, JSONValue]:
        return {"u": str(u)}

    @app.route("/date/<d>")
    def dates(d: datetime.date) -> dict[str, JSONValue]:
        return {"d": d.isoformat()}

    @app.route("/str/<s>")
    def strs(s: str) -> dict[str, JSONValue]:
        return {"s": s}

    @app.route("/path/<p>")
    def paths(p: PathStr) -> dict[str, JSONValue]:
        return {"p": p}

    @app.route("/choice/<c>")
    def choices(c: t.Literal["asc", "desc"]) -> dict[str, JSONValue]:
        return {"c": c}

    @app.route("/color/<c>")
    def colors(c: Color) -> dict[str, JSONValue]:
        return {"c": c.value}

    @app.route("/two/<a>/<b>")
    def two(a: int, b: str) -> dict[str, JSONValue]:
        return {"a": a, "b": b}

    @app.route("/query")
    def query(
        n: int = 0,
        ids: list[int] | None = None,
        flag: bool = False,
        day: datetime.date | None = None,
    ) -> dict[str, JSONValue]:
        return {"n": n, "ids": ids, "flag": flag, "day": str(day)}

    @app.route("/echo", methods=["GET", "POST"])
    def echo() -> dict[str, JSONValue]:
        return {
            "args": request.args.to_dict(flat=False),
            "form": request.form.to_dict(flat=False),
            "files": {k: f.read().hex() for k, f in request.files.items()},
            "cookies": request.cookies.to_dict(),
            "headers": dict(request.headers),
        }

    @app.route("/json", methods=["POST"])
    def json_echo() -> dict[str, JSONValue]:
        return {"got": request.get_json()}

    @app.route("/session")
    def session_view() -> dict[str, JSONValue]:
        value = request.args.get("set")
        if value is not None:
            session["value"] = value
        return {"value": session.get("value")}

    return app


APP = _make_app()


def _client() -> TestClient:
    return APP.test_client()


def _no_server_error(response: TestResponse) -> None:
    text = response.get_data(as_text=True)
    response.close()
    assert response.status_code < 500, text[:300]
    assert "Traceback" not in text


# -- strategies ----------------------------------------------------------------

PREFIXES = [
    "int", "signed", "float", "uuid", "date", "str", "path", "choice", "color",
    "two", "query", "echo", "session", "static", "nope", "",
]  # fmt: skip

segment_text = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"-?[0-9]{0,60}(\.[0-9]{0,40})?", fullmatch=True),
    st.sampled_from(
        ["..", ".", "%ff", "%00", "%2e%2e", "%2f", "\u0663", "\uff11", "9" * 4301]
    ),
)


@st.composite
def paths(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(PREFIXES))
    segments = draw(st.lists(segment_text, max_size=4))
    raw = draw(st.booleans())
    parts = [prefix] + [
        s
        if raw and s.isascii() and "?" not in s and "#" not in s
        else quote(s, safe="")
        for s in segments
    ]
    trailing = draw(st.sampled_from(["", "/", "//"]))
    return "/" + "/".join(parts) + trailing


query_pairs = st.lists(
    st.tuples(
        st.sampled_from(["n", "ids", "flag", "day", "set", "x"]) | st.text(max_size=10),
        st.text(max_size=30) | st.from_regex(r"-?[0-9]{0,50}", fullmatch=True),
    ),
    max_size=8,
)
raw_query = st.text(st.characters(codec="ascii", exclude_characters="#"), max_size=80)
latin1 = st.characters(codec="latin-1", exclude_characters="\r\n")
header_names = st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,20}", fullmatch=True)
# A field name with a quote, CR or LF cannot be written in a multipart
# header as werkzeug's client writes them (browsers percent-encode them).
field_names = st.text(
    st.characters(exclude_characters='"\r\n\\', exclude_categories=["Cs"]),
    min_size=1,
    max_size=10,
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


# -- never a 5xx ------------------------------------------------------------------


@PROFILE
@given(path=paths(), method=st.sampled_from(["GET", "POST", "HEAD", "OPTIONS", "PUT"]))
def test_any_path_is_never_a_server_error(path: str, method: str) -> None:
    _no_server_error(_client().open(path, method=method))


@PROFILE
@given(pairs=query_pairs, path=st.sampled_from(["/query", "/echo", "/session"]))
def test_any_query_is_never_a_server_error(
    pairs: list[tuple[str, str]], path: str
) -> None:
    _no_server_error(_client().get(path + "?" + urlencode(pairs)))


@PROFILE
@given(query=raw_query)
def test_any_raw_query_string_is_never_a_server_error(query: str) -> None:
    _no_server_error(_client().get("/query", query_string=query))


@PROFILE
@given(cookie=st.text(latin1, max_size=200))
def test_any_cookie_header_is_never_a_server_error(cookie: str) -> None:
    client = _client()
    _no_server_error(client.get("/session", headers={"Cookie": cookie}))
    _no_server_error(client.get("/echo", headers={"Cookie": cookie}))


@PROFILE
@given(headers=st.dictionaries(header_names, st.text(latin1, max_size=60), max_size=6))
def test_any_headers_are_never_a_server_error(headers: dict[str, str]) -> None:
    response = _client().get("/echo", headers=headers)
    _no_server_error(response)


@PROFILE
@given(body=st.binary(max_size=300), content_type=st.sampled_from([
    "multipart/form-data; boundary=b",
    "multipart/form-data; boundary=\"a b\"",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "application/json",
    "text/plain",
]))  # fmt: skip
def test_any_body_is_never_a_server_error(body: bytes, content_type: str) -> None:
    client = _client()
    _no_server_error(client.post("/echo", data=body, content_type=content_type))
    _no_server_error(client.post("/json", data=body, content_type=content_type))


@PROFILE
@given(
    fields=st.lists(st.tuples(field_names, st.text(max_size=50)), max_size=5),
    files=st.lists(
        st.tuples(field_names, st.binary(max_size=100)),
        max_size=3,
    ),
)
def test_multipart_round_trips(
    fields: list[tuple[str, str]], files: list[tuple[str, bytes]]
) -> None:
    import io

    data: dict[str, t.Any] = {}
    for name, value in fields:
        data.setdefault("f-" + name, []).append(value)
    for name, content in files:
        data["u-" + name] = (io.BytesIO(content), "upload.bin")
    response = _client().post("/echo", data=data, content_type="multipart/form-data")
    _no_server_error(response)
    assert response.status_code == 200
    got = t.cast("dict[str, t.Any]", response.json)
    # werkzeug's test client writes str values with CRLF kept, and HTML
    # forms normalise newlines; compare the values as sent.
    expected_form = {k: v for k, v in data.items() if k.startswith("f-")}
    assert got["form"] == expected_form
    expected_files = {
        "u-" + name: content.hex() for name, content in dict(files).items()
    }
    assert got["files"] == expected_files


@PROFILE
@given(value=json_values)
def test_json_round_trips(value: object) -> None:
    response = _client().post(
        "/json", data=json.dumps(value), content_type="application/json"
    )
    _no_server_error(response)
    assert response.status_code == 200
    assert t.cast("dict[str, t.Any]", response.json)["got"] == value


@PROFILE
@given(text=st.text(max_size=200))
def test_any_json_text_is_never_a_server_error(text: str) -> None:
    response = _client().post("/json", data=text, content_type="application/json")
    _no_server_error(response)
    assert response.status_code in (200, 400)


@PROFILE
@given(value=st.text(max_size=100))
def test_session_values_round_trip(value: str) -> None:
    client = _client()
    _no_server_error(client.get("/session", query_string={"set": value}))
    response = client.get("/session")
    assert t.cast("dict[str, t.Any]", response.json)["value"] == value


# One path segment: no slash, not "." or ".." (url_for refuses those, as
# test_url_for_refuses_values_the_route_cannot_match shows), and no lone
# surrogate, which no URL can encode.
segments = st.text(
    st.characters(exclude_characters="/\n", exclude_categories=["Cs"]),
    min_size=1,
    max_size=30,
).filter(lambda s: s not in (".", ".."))


# -- url_for and matching round-trip -------------------------------------------------------


def _match(path: str) -> tuple[str | None, dict[str, t.Any] | None]:
    with APP.test_request_context(path):
        return request.endpoint, dict(request.view_args or {})


def _assert_round_trip(path: str) -> None:
    endpoint, values = _match(path)
    if endpoint is None or values is None:
        return
    if any(
        part in (".", "..")
        for value in values.values()
        if isinstance(value, str)
        for part in value.split("/")
    ):
        return  # browsers resolve dot segments away: no link can hold them
    with APP.test_request_context("/"):
        built = url_for(endpoint, **values)
    assert _match(built) == (endpoint, values), (path, built)


@PROFILE
@given(path=paths())
def test_every_matched_url_builds_back(path: str) -> None:
    _assert_round_trip(path)


@PROFILE
@given(
    endpoint_values=st.one_of(
        st.tuples(
            st.just("ints"), st.fixed_dictionaries({"n": st.integers(0, 10**30 - 1)})
        ),
        st.tuples(
            st.just("signed"), st.fixed_dictionaries({"n": st.integers(-1000, 10**6)})
        ),
        st.tuples(
            st.just("floats"),
            st.fixed_dictionaries(
                # 12 decimals keep the text within the converter's 30 digits.
                {
                    "x": st.floats(min_value=0, max_value=1e20).map(
                        lambda x: round(x, 12)
                    )
                }
            ),
        ),
        st.tuples(st.just("uuids"), st.fixed_dictionaries({"u": st.uuids()})),
        st.tuples(
            st.just("dates"),
            st.fixed_dictionaries({"d": st.dates(datetime.date(1000, 1, 1))}),
        ),
        st.tuples(st.just("strs"), st.fixed_dictionaries({"s": segments})),
        st.tuples(
            st.just("paths"),
            st.fixed_dictionaries(
                {"p": st.lists(segments, min_size=1, max_size=3).map("/".join)}
            ),
        ),
        st.tuples(
            st.just("choices"),
            st.fixed_dictionaries({"c": st.sampled_from(["asc", "desc"])}),
        ),
        st.tuples(
            st.just("colors"),
            st.fixed_dictionaries({"c": st.sampled_from(list(Color))}),
        ),
        st.tuples(
            st.just("two"),
            st.fixed_dictionaries(
                {
                    "a": st.integers(0, 10**6),
                    "b": segments,
                }
            ),
        ),
    )
)
def test_url_for_builds_urls_that_match(
    endpoint_values: tuple[str, dict[str, t.Any]],
) -> None:
    endpoint, values = endpoint_values
    with APP.test_request_context("/"):
        url = url_for(endpoint, **values)
    matched, converted = _match(url)
    assert matched == endpoint, url
    assert converted == values, url
    response = _client().get(url)
    _no_server_error(response)
    assert response.status_code == 200, url


@pytest.mark.parametrize(
    ("endpoint", "values"),
    [
        ("strs", {"s": "a/b"}),
        ("strs", {"s": ""}),
        ("strs", {"s": ".."}),
        ("strs", {"s": "."}),
        ("paths", {"p": "a/../b"}),
        ("paths", {"p": "/abs"}),
        ("two", {"a": 1, "b": "x/y"}),
    ],
)
def test_url_for_refuses_values_the_route_cannot_match(
    endpoint: str, values: dict[str, t.Any]
) -> None:
    with APP.test_request_context("/"), pytest.raises(ValueError, match="PathStr"):
        url_for(endpoint, **values)


def test_url_for_refuses_a_float_the_route_cannot_match() -> None:
    with APP.test_request_context("/"):
        assert url_for("floats", x=1e16) == "/float/10000000000000000"
        assert url_for("floats", x=0.1) == "/float/0.1"
        for value in (1e31, 1e-31, -1.5, float("inf"), float("nan")):
            with pytest.raises(ValueError, match="float converter"):
                url_for("floats", x=value)
