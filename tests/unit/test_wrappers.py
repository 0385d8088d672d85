"""Unit tests of transom.wrappers: the request and response defaults."""

from __future__ import annotations

import io
import typing as t
from urllib.parse import quote

import pytest
import typing_extensions as te
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage
from werkzeug.datastructures import Headers
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app
from werkzeug.wrappers import Request as WerkzeugRequest
from werkzeug.wrappers import Response as WerkzeugResponse

from transom.wrappers import Request
from transom.wrappers import Response
from transom.wrappers import encoded
from transom.wrappers import multidict
from transom.wrappers import query_fields
from transom.wrappers import query_text

_TRUNCATED = (
    b"--b\r\n"
    b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\n"
    b"the body ends before the closing boundary"
)


def _request(**kwargs: t.Any) -> Request:
    builder = EnvironBuilder(**kwargs)
    try:
        return Request(builder.get_environ())
    finally:
        builder.close()


def test_response_defaults_to_html() -> None:
    assert Response("x").mimetype == "text/html"


def test_endpoint_is_none_before_routing() -> None:
    request = _request()
    assert request.endpoint is None
    assert request.view_args is None


def test_malformed_json_is_a_bad_request_naming_the_problem() -> None:
    request = _request(data=b"{", content_type="application/json")
    with pytest.raises(BadRequest, match="Failed to decode JSON object"):
        request.get_json()


def test_wrong_content_type_is_unsupported_media_type() -> None:
    request = _request(data=b"{}", content_type="text/plain")
    with pytest.raises(UnsupportedMediaType):
        request.get_json()


class _Recorder:
    def __init__(self) -> None:
        self.files: list[io.BytesIO] = []

    def __call__(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None,
        content_length: int | None = None,
    ) -> t.IO[bytes]:
        file = io.BytesIO()
        self.files.append(file)
        return file


def test_files_of_a_failed_multipart_parse_are_closed() -> None:
    request = _request(data=_TRUNCATED, content_type="multipart/form-data; boundary=b")
    recorder = _Recorder()
    parser = request.make_form_data_parser()
    parser.stream_factory = recorder
    parser.silent = False
    with pytest.raises(ValueError):
        parser.parse(
            request.stream,
            "multipart/form-data",
            request.content_length,
            {"boundary": "b"},
        )
    assert recorder.files and all(f.closed for f in recorder.files)
    # The parser's own factory is restored after the parse.
    assert parser.stream_factory is recorder


def test_files_of_a_parse_over_the_limits_are_closed() -> None:
    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        b"content\r\n"
        + b"".join(
            b'--b\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nx\r\n' % i
            for i in range(5)
        )
        + b"--b--\r\n"
    )
    request = _request(data=body, content_type="multipart/form-data; boundary=b")
    recorder = _Recorder()
    parser = request.make_form_data_parser()
    parser.stream_factory = recorder
    parser.max_form_parts = 2
    with pytest.raises(RequestEntityTooLarge):
        parser.parse(
            request.stream, "multipart/form-data", len(body), {"boundary": "b"}
        )
    assert recorder.files and all(f.closed for f in recorder.files)


def test_a_successful_parse_leaves_files_open_for_the_view() -> None:
    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        b"content\r\n--b--\r\n"
    )
    request = _request(data=body, content_type="multipart/form-data; boundary=b")
    assert request.files["file"].read() == b"content"
    request.close()
    assert request.files["file"].stream.closed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab=&%+;2Fé\x00 ", max_size=30))
@example("q=x&page=2")
@example("a&&=b&c=&=&a=1=2")
@example("%zz=%2&+a+=b%20c")
@example("\xc3\xa9=\xe9")
def test_query_fields_are_what_request_args_are(query: str) -> None:
    environ = EnvironBuilder().get_environ()
    environ["QUERY_STRING"] = query
    fast = _lists_or_error(lambda: query_fields(environ))
    slow = _lists_or_error(lambda: dict(Request(environ).args.lists()))
    assert fast == slow
    if not isinstance(fast, type):
        args = multidict(Request.parameter_storage_class, query_fields(environ))
        assert list(args.items(multi=True)) == list(Request(environ).args.items(True))


def _lists_or_error(fn: t.Callable[[], dict[str, list[str]]]) -> object:
    try:
        return list(fn().items())  # the order of the names counts too
    except ValueError as e:  # UnicodeDecodeError: not UTF-8
        return type(e)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=30) | st.text(alphabet="ab=&%+;2Fé ", max_size=30))
@example(b"name=ada&age=36")
@example(b"a&&=b&c=&=&a=1=2")
@example(b"%zz=%2&+a+=b%20c")
@example(b"\xff=1")
def test_urlencoded_forms_are_what_werkzeug_reads(body: bytes | str) -> None:
    data = body.encode() if isinstance(body, str) else body

    def form(cls: type[WerkzeugRequest]) -> list[tuple[str, str]]:
        environ = EnvironBuilder(
            method="POST",
            data=data,
            content_type="application/x-www-form-urlencoded",
        ).get_environ()
        return list(cls(environ).form.items(multi=True))

    assert form(Request) == form(WerkzeugRequest)


_FORM = "application/x-www-form-urlencoded"


def _form_environ(body: bytes, **extra: t.Any) -> dict[str, t.Any]:
    environ = EnvironBuilder(method="POST", data=body, content_type=_FORM).get_environ()
    environ.update(extra)
    return environ


def _outcome(request: WerkzeugRequest) -> object:
    """The form's fields, or the HTTP error reading it raised."""
    try:
        return list(request.form.items(multi=True))
    except (BadRequest, RequestEntityTooLarge) as e:
        return type(e)


# Each variant leaves the plain body of known length (read by transom
# itself) for werkzeug's parser in its own way; both must agree.
_VARIANTS: dict[str, t.Callable[[bytes], dict[str, t.Any]]] = {
    "plain": lambda body: _form_environ(body),
    "charset parameter": lambda body: _form_environ(
        body, CONTENT_TYPE=f"{_FORM}; charset=utf-8"
    ),
    "server-terminated input": lambda body: _form_environ(
        body, **{"wsgi.input_terminated": True}
    ),
    "declared longer than sent": lambda body: _form_environ(
        body, CONTENT_LENGTH=str(len(body) + 5)
    ),
    "declared shorter than sent": lambda body: _form_environ(
        body, CONTENT_LENGTH=str(max(len(body) - 2, 0))
    ),
    "length not a number": lambda body: _form_environ(body, CONTENT_LENGTH="3x"),
    "no length": lambda body: {
        k: v for k, v in _form_environ(body).items() if k != "CONTENT_LENGTH"
    },
}


@pytest.mark.parametrize("variant", list(_VARIANTS))
@pytest.mark.parametrize(
    "body", [b"name=ada&age=36", b"a&&=b&c=&=&a=1=2", b"%zz=%2&+a+=b", b"\xff=1", b""]
)
def test_form_bodies_read_as_werkzeug_reads_them(variant: str, body: bytes) -> None:
    make = _VARIANTS[variant]
    assert _outcome(Request(make(body))) == _outcome(WerkzeugRequest(make(body)))


@pytest.mark.parametrize(
    ("limits", "body"),
    [
        ({"max_content_length": 10}, b"name=ada&age=36"),
        ({"max_form_memory_size": 10}, b"name=ada&age=36"),
        ({"max_form_parts": 2}, b"a=1&b=2&c=3"),
    ],
)
def test_form_limits_are_413(limits: dict[str, int], body: bytes) -> None:
    request = Request(_form_environ(body))
    for name, value in limits.items():
        setattr(request, name, value)
    with pytest.raises(RequestEntityTooLarge):
        _ = request.form


def test_form_within_the_limits_is_read() -> None:
    request = Request(_form_environ(b"a=1&b=2"))
    request.max_content_length = request.max_form_memory_size = 7
    request.max_form_parts = 2
    assert request.form.to_dict() == {"a": "1", "b": "2"}


def test_a_body_cut_short_is_a_bad_request() -> None:
    environ = _form_environ(b"a=1", CONTENT_LENGTH="10")
    with pytest.raises(BadRequest):
        _ = Request(environ).form


def test_a_failing_input_stream_is_a_bad_request() -> None:
    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: t.Any) -> int:
            raise OSError("connection reset")

    environ = _form_environ(b"a=1", **{"wsgi.input": Failing()})
    with pytest.raises(BadRequest):
        _ = Request(environ).form


class _Chunks(io.RawIOBase):
    """A raw stream that gives its data two bytes per read."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: t.Any) -> int:
        piece, self.data = self.data[:2], self.data[2:]
        buffer[: len(piece)] = piece
        return len(piece)


def test_a_body_that_arrives_in_pieces_is_read_whole() -> None:
    body = b"name=ada&age=36"
    environ = _form_environ(body, **{"wsgi.input": _Chunks(body)})
    assert Request(environ).form.to_dict() == {"name": "ada", "age": "36"}


def test_form_then_body_as_in_werkzeug() -> None:
    body = b"a=1&b=2"
    ours, theirs = Request(_form_environ(body)), WerkzeugRequest(_form_environ(body))
    assert ours.form == theirs.form
    assert ours.files == theirs.files
    assert ours.get_data() == theirs.get_data() == b""
    assert ours.stream.read() == theirs.stream.read() == b""


@pytest.mark.parametrize("first", ["get_data", "stream"])
def test_body_then_form_as_in_werkzeug(first: str) -> None:
    body = b"a=1&b=2"
    results: list[list[tuple[str, str]]] = []
    for cls in (Request, WerkzeugRequest):
        request = cls(_form_environ(body))
        if first == "get_data":
            assert request.get_data() == body
        else:
            assert request.stream.read(3) == b"a=1"
        results.append(list(request.form.items(multi=True)))
    assert results[0] == results[1]


# What a view may do with a body, in order; each step's result is compared.
_BODY_READS: dict[str, t.Callable[[WerkzeugRequest], list[object]]] = {
    "get_data twice": lambda r: [r.get_data(), r.get_data()],
    "uncached, then again": lambda r: [r.get_data(cache=False), r.get_data()],
    "as text": lambda r: [r.get_data(as_text=True), r.get_data()],
    "then the stream": lambda r: [r.get_data(), r.stream.read()],
    "then the form": lambda r: [r.get_data(), list(r.form.items(multi=True))],
    "with the form": lambda r: [r.get_data(parse_form_data=True), r.get_data()],
    "json": lambda r: [r.get_json(force=True, silent=True), r.get_data()],
}


@pytest.mark.parametrize("reads", list(_BODY_READS))
@pytest.mark.parametrize("variant", list(_VARIANTS))
@pytest.mark.parametrize("body", [b'{"a": [1, "\xc3\xa9"]}', b"a=1&b=2", b"\xff", b""])
def test_a_body_is_read_as_werkzeug_reads_it(
    reads: str, variant: str, body: bytes
) -> None:
    def outcome(request: WerkzeugRequest) -> object:
        try:
            return _BODY_READS[reads](request)
        except (BadRequest, RequestEntityTooLarge) as e:
            return type(e)

    make = _VARIANTS[variant]
    assert outcome(Request(make(body))) == outcome(WerkzeugRequest(make(body)))


@pytest.mark.parametrize("limit", [0, 5, 6])
def test_a_body_over_the_limit_is_413_as_in_werkzeug(limit: int) -> None:
    outcomes: list[object] = []
    for cls in (Request, WerkzeugRequest):
        request = cls(_form_environ(b"abcdef"))
        request.max_content_length = limit
        try:
            outcomes.append(request.get_data())
        except RequestEntityTooLarge as e:
            outcomes.append(type(e))
    assert outcomes[0] == outcomes[1]


def test_a_body_that_arrives_in_pieces_is_read_whole_by_get_data() -> None:
    body = b'{"name": "ada"}'
    environ = _form_environ(body, **{"wsgi.input": _Chunks(body)})
    assert Request(environ).get_json(force=True) == {"name": "ada"}


def test_a_shallow_request_refuses_to_read_its_body_as_in_werkzeug() -> None:
    for cls in (Request, WerkzeugRequest):
        with pytest.raises(RuntimeError, match="shallow=True"):
            cls(_form_environ(b"a=1"), shallow=True).get_data()


def _answer(
    response: WerkzeugResponse, method: str = "GET"
) -> tuple[str, list[tuple[str, str]], bytes]:
    """What a WSGI server sends for ``response``; its iterable is closed."""
    environ = EnvironBuilder(method=method).get_environ()
    app_iter, status, headers = run_wsgi_app(response, environ, buffered=True)
    return status, headers.to_wsgi_list(), b"".join(app_iter)


def _without_length(response: WerkzeugResponse) -> WerkzeugResponse:
    del response.headers["Content-Length"]
    return response


_RESPONSES: dict[
    str, tuple[t.Callable[[type[WerkzeugResponse]], WerkzeugResponse], str]
] = {
    "text": (lambda cls: cls("hello", mimetype="text/plain"), "GET"),
    "text to HEAD": (lambda cls: cls("hello", mimetype="text/plain"), "HEAD"),
    "error status": (lambda cls: cls("gone", status=410, mimetype="text/plain"), "GET"),
    "204": (lambda cls: cls(b"", status=204, mimetype="text/plain"), "GET"),
    "304": (lambda cls: cls(b"x", status=304, mimetype="text/plain"), "GET"),
    "101": (lambda cls: cls(b"x", status=101, mimetype="text/plain"), "GET"),
    "IRI location": (
        lambda cls: cls(b"", 302, {"Location": "/caf\u00e9"}, "text/plain"),
        "GET",
    ),
    "content location": (
        lambda cls: cls(
            b"x", 200, {"content-location": "/\u00e9t\u00e9"}, "text/plain"
        ),
        "GET",
    ),
    "no content length": (
        lambda cls: _without_length(cls(b"abc", mimetype="text/plain")),
        "GET",
    ),
    "list of text": (lambda cls: cls(["a", "b\u00e9"], mimetype="text/plain"), "GET"),
    "generator": (lambda cls: cls(iter([b"a", b"b"]), mimetype="text/plain"), "GET"),
}


@pytest.mark.parametrize("name", list(_RESPONSES))
def test_responses_are_sent_as_werkzeug_sends_them(name: str) -> None:
    make, method = _RESPONSES[name]
    expected = _answer(make(WerkzeugResponse), method)
    assert _answer(make(Response), method) == expected


def test_call_on_close_runs_for_an_in_memory_body() -> None:
    calls: list[str] = []
    response = Response("hello")
    response.call_on_close(lambda: calls.append("closed"))
    assert _answer(response)[2] == b"hello"
    assert calls == ["closed"]


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="latin-1"), max_size=60)
    # Mostly the characters a cookie header's structure is made of.
    | st.text(alphabet=' \t=;ab"\\\n\xa0\xc3\xa9', max_size=40)
)
@example('session=abc; theme="dark"; a=1; a=2')
@example("caf\xc3\xa9=1; ;=; x")
@example("a=1; b = 2 ;c=;d; e=f=g; h= i j; k l=m; \tn\t=\to\t; ;;")
def test_cookies_are_what_werkzeug_reads(header: str) -> None:
    environ = EnvironBuilder().get_environ()
    environ["HTTP_COOKIE"] = header
    ours = Request(environ).cookies
    theirs = WerkzeugRequest(environ).cookies
    assert list(ours.items(multi=True)) == list(theirs.items(multi=True))
    assert type(ours) is type(theirs)


def test_cookies_follow_replaced_headers() -> None:
    request = Request(EnvironBuilder(headers=[("Cookie", "a=1")]).get_environ())
    request.headers = Headers([("Cookie", "b=2")])
    assert request.cookies.to_dict() == {"b": "2"}


def test_a_huge_declared_length_is_left_to_werkzeug_when_nothing_limits_it() -> None:
    # Read at once, a declared length of a petabyte would be allocated at
    # once; werkzeug reads in chunks and finds the body cut short.
    outcomes: list[object] = []
    for cls in (Request, WerkzeugRequest):
        # A raw stream, as a server's socket is: read(n) makes an n-byte buffer.
        environ = _form_environ(b"a=1", CONTENT_LENGTH=str(10**15))
        environ["wsgi.input"] = _Chunks(b"a=1")
        request = cls(environ)
        request.max_content_length = request.max_form_memory_size = None
        outcomes.append(_outcome(request))
    assert outcomes[0] == outcomes[1]
    assert isinstance(outcomes[0], type) and issubclass(outcomes[0], BadRequest)


_WSGI_TEXT = st.text(st.characters(max_codepoint=255), max_size=12)
"""WSGI strings: bytes as latin-1."""


@given(
    method=st.sampled_from(["GET", "post", "Patch", ""]) | _WSGI_TEXT,
    script_name=_WSGI_TEXT,
    path_info=_WSGI_TEXT,
    query=_WSGI_TEXT,
    server_port=st.none() | st.sampled_from(["80", "8080", "", "x"]),
    remote_addr=st.none() | st.just("10.0.0.1"),
    scheme=st.sampled_from(["http", "https"]),
)
@settings(max_examples=150)
def test_request_attributes_are_werkzeugs(
    method: str,
    script_name: str,
    path_info: str,
    query: str,
    server_port: str | None,
    remote_addr: str | None,
    scheme: str,
) -> None:
    environ: dict[str, t.Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "example.test",
        "wsgi.url_scheme": scheme,
        "HTTP_X_THING": "1",
    }
    if server_port is not None:
        environ["SERVER_PORT"] = server_port
    if remote_addr is not None:
        environ["REMOTE_ADDR"] = remote_addr
    ours = Request(dict(environ))
    theirs = WerkzeugRequest(dict(environ))
    assert ours.method == theirs.method
    assert ours.scheme == theirs.scheme
    assert ours.server == theirs.server
    assert ours.root_path == theirs.root_path
    assert ours.path == theirs.path
    assert ours.query_string == theirs.query_string
    assert ours.remote_addr == theirs.remote_addr
    assert dict(ours.headers) == dict(theirs.headers)
    for derived in ("url", "host_url"):
        assert _read(ours, derived) == _read(theirs, derived)
    # werkzeug decodes raw bytes strictly (a 500 for bytes that are not
    # UTF-8); transom reads them as werkzeug reads them percent-encoded.
    escaped = quote(query.encode("latin1"), safe=_ASCII)
    assert ours.args == WerkzeugRequest({"QUERY_STRING": escaped}).args
    if query.isascii():
        assert ours.args == theirs.args


_ASCII: t.Final = bytes(range(128))
"""Every byte that ``quote`` should leave as it is."""


def _read(request: WerkzeugRequest, name: str) -> object:
    """An attribute's value, or the type of the error reading it raises."""
    try:
        return getattr(request, name)
    except Exception as e:
        return type(e)


def test_request_attributes_missing_from_the_environ_are_werkzeugs_defaults() -> None:
    ours, theirs = Request({}), WerkzeugRequest({})
    values = ("method", "scheme", "server", "root_path", "path", "query_string")
    assert [getattr(ours, name) for name in values] == [
        getattr(theirs, name) for name in values
    ]
    assert ours.remote_addr is None


def test_request_attributes_are_read_once_and_can_be_assigned() -> None:
    environ: dict[str, t.Any] = {"REQUEST_METHOD": "get", "PATH_INFO": "/a"}
    request = Request(environ)
    assert request.method == "GET"
    environ["REQUEST_METHOD"] = "POST"
    assert request.method == "GET"  # kept from the first read
    request.path = "/b"
    assert request.path == "/b"
    assert request.environ["werkzeug.request"] is request
    assert "werkzeug.request" not in Request({}, populate_request=False).environ
    assert "werkzeug.request" not in Request({}, shallow=True).environ


def test_request_attributes_of_the_class_are_their_descriptors() -> None:
    assert Request.path is vars(Request)["path"]


class _OwnMultiDict(MultiDict[str, str]):
    pass


@given(st.lists(st.tuples(st.sampled_from("abc"), st.text(max_size=3)), max_size=8))
@pytest.mark.parametrize("cls", [MultiDict, ImmutableMultiDict, _OwnMultiDict])
def test_multidict_is_what_the_class_builds_from_pairs(
    cls: type[MultiDict[str, str]], pairs: list[tuple[str, str]]
) -> None:
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    built = multidict(cls, fields)
    expected = cls(pairs)
    assert type(built) is cls
    assert list(built.lists()) == list(expected.lists())
    assert list(built.items(multi=True)) == list(expected.items(multi=True))
    assert built == expected


def test_a_multidict_built_from_fields_behaves_as_any_other() -> None:
    mutable: type[MultiDict[str, str]] = MultiDict
    immutable: type[ImmutableMultiDict[str, str]] = ImmutableMultiDict
    md = multidict(mutable, {"a": ["1", "2"]})
    assert type(md) is MultiDict  # werkzeug's class, filled directly
    md.add("a", "3")
    md["b"] = "4"
    assert md.getlist("a") == ["1", "2", "3"]
    assert md.to_dict() == {"a": "1", "b": "4"}
    frozen = multidict(immutable, {"a": ["1"]})
    with pytest.raises(TypeError):
        frozen.add("a", "2")
    assert hash(frozen) == hash(ImmutableMultiDict([("a", "1")]))


def test_the_files_of_an_urlencoded_form_are_empty_and_immutable() -> None:
    request = _request(method="POST", data={"a": "1"})
    assert request.form.to_dict() == {"a": "1"}
    assert not request.files
    with pytest.raises(TypeError):
        request.files.add("x", FileStorage())


def test_form_and_files_are_loaded_once_and_then_read_from_the_instance() -> None:
    loads: list[None] = []

    class Counting(Request):
        @te.override
        def _load_form_data(self) -> None:
            loads.append(None)
            super()._load_form_data()

    body = (
        b"--b\r\n"
        b'Content-Disposition: form-data; name="a"\r\n\r\n1\r\n'
        b"--b\r\n"
        b'Content-Disposition: form-data; name="f"; filename="x.txt"\r\n\r\n'
        b"content\r\n--b--\r\n"
    )
    builder = EnvironBuilder(
        method="POST", data=body, content_type="multipart/form-data; boundary=b"
    )
    request = Counting(builder.get_environ())
    form = request.form
    assert form.to_dict() == {"a": "1"}
    assert request.files["f"].read() == b"content"
    assert request.form is form
    assert vars(request)["form"] is form
    assert len(loads) == 1
    request.form = ImmutableMultiDict([("b", "2")])
    assert request.form.to_dict() == {"b": "2"}
    request.close()


def test_form_of_a_request_is_what_werkzeug_gives() -> None:
    environ = EnvironBuilder(method="POST", data={"a": "1", "b": "2"}).get_environ()
    body = environ["wsgi.input"].read()
    ours = Request({**environ, "wsgi.input": io.BytesIO(body)})
    theirs = WerkzeugRequest({**environ, "wsgi.input": io.BytesIO(body)})
    assert list(ours.form.items(multi=True)) == list(theirs.form.items(multi=True))
    assert type(ours.files) is type(theirs.files)
    assert Request.form is vars(Request)["form"]


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("plain", b"plain"),
        ("caf\u00e9 \U0001f600", "caf\u00e9 \U0001f600".encode()),
        ("a\ud800b", b"a\\ud800b"),
        ("\udc80\udcff", b"\\udc80\\udcff"),  # not the bytes they escape
    ],
)
def test_text_is_encoded_with_what_utf8_cannot_hold_escaped(
    text: str, data: bytes
) -> None:
    assert encoded(text) == data
    assert Response(text).get_data() == data
    response = Response()
    response.data = text
    assert response.get_data() == data
    assert response.headers["Content-Length"] == str(len(data))
    streamed = Response(iter(["<", text, ">"]))
    assert b"".join(streamed.iter_encoded()) == b"<" + data + b">"
    assert Response(iter([text])).get_data() == data


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"a=1&b=2", "a=1&b=2"),
        (b"a=\xc3\xa9", "a=\u00e9"),
        (b"a=\xff&b=\xc3", "a=%FF&b=%C3"),
        (b"a=\xed\xa0\x80", "a=%ED%A0%80"),  # an encoded surrogate
    ],
)
def test_a_query_keeps_bytes_that_are_not_utf8_as_escapes(
    raw: bytes, text: str
) -> None:
    assert query_text(raw) == text
    environ = {"QUERY_STRING": raw.decode("latin1")}
    escaped = {"QUERY_STRING": text.encode().decode("latin1")}  # as WSGI gives it
    assert query_fields(environ) == query_fields(escaped)
    request = Request(environ)
    assert dict(request.args.lists()) == query_fields(environ)
    assert request.full_path == f"/?{text}"
