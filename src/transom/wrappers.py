"""transom's request and response objects, werkzeug's with a few defaults."""

from __future__ import annotations

import collections.abc as cabc
import io
import itertools
import re
import typing as t
from urllib.parse import parse_qsl

import typing_extensions as te
from werkzeug.datastructures import EnvironHeaders
from werkzeug.datastructures import FileStorage
from werkzeug.datastructures import Headers
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import ClientDisconnected
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.sansio.http import parse_cookie
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import LimitedStream
from werkzeug.wsgi import get_content_length
from werkzeug.wsgi import get_input_stream

from ._header_check import check_headers
from ._header_check import good_names
from .exceptions import HeaderValueError
from .json import default_provider

if t.TYPE_CHECKING:
    from .routing import Route
    from .typing import StartResponse
    from .typing import WSGIEnvironment


_T = t.TypeVar("_T")
_MD = t.TypeVar("_MD", bound=MultiDict[str, str])
_PLAIN_MULTIDICTS: t.Final[frozenset[type[MultiDict[t.Any, t.Any]]]] = frozenset(
    (MultiDict, ImmutableMultiDict)
)
_fill: t.Final = dict[str, list[str]].update  # past the classes' own update()
_NO_FILES: t.Final[ImmutableMultiDict[str, t.Any]] = ImmutableMultiDict()
"""The files of every urlencoded form (immutable, so one serves all)."""
_field_re: t.Final = re.compile(rb"[^&]+")
_URLENCODED: t.Final = "application/x-www-form-urlencoded"
_SMALL_BODY: t.Final = 64 * 1024
"""Form bodies up to this size are read at once."""


class _FormDataParser(FormDataParser):
    """werkzeug's form parser, with its multipart limits applied to
    ``application/x-www-form-urlencoded`` bodies too.

    werkzeug applies ``max_form_memory_size`` and ``max_form_parts`` to
    multipart bodies only, so a 16 MiB urlencoded body of ``a&a&a...``
    became a dict of eight million fields. Here the whole urlencoded body
    counts against ``max_form_memory_size`` and its fields against
    ``max_form_parts`` (413 beyond either), before anything is decoded.
    """

    @te.override
    def _parse_urlencoded(
        self,
        stream: t.IO[bytes],
        mimetype: str,
        content_length: int | None,
        options: dict[str, str],
    ) -> tuple[t.IO[bytes], MultiDict[str, str], MultiDict[str, FileStorage]]:
        limit = self.max_form_memory_size
        if limit is None:
            data = stream.read()
        else:
            if content_length is not None and content_length > limit:
                raise RequestEntityTooLarge()
            data = stream.read(limit + 1)
            if len(data) > limit:
                raise RequestEntityTooLarge()
        # As werkzeug parses it (a body that is not UTF-8 is a ValueError,
        # which parse() answers with an empty form), without a second stream.
        form = multidict(self.cls, urlencoded_fields(data, self.max_form_parts))
        return stream, form, self.cls()

    @te.override
    def _parse_multipart(
        self,
        stream: t.IO[bytes],
        mimetype: str,
        content_length: int | None,
        options: dict[str, str],
    ) -> tuple[t.IO[bytes], MultiDict[str, str], MultiDict[str, FileStorage]]:
        # werkzeug drops the temporary files of a multipart body it fails to
        # parse (truncated, over a limit) without closing them; the request
        # can't close what it never received, so close them here.
        opened: list[t.IO[bytes]] = []
        factory = self.stream_factory

        def tracking_factory(
            total_content_length: int | None,
            content_type: str | None,
            filename: str | None,
            content_length: int | None = None,
        ) -> t.IO[bytes]:
            file = factory(total_content_length, content_type, filename, content_length)
            opened.append(file)
            return file

        self.stream_factory = tracking_factory
        try:
            return super()._parse_multipart(stream, mimetype, content_length, options)
        except BaseException:
            for file in opened:
                file.close()
            raise
        finally:
            self.stream_factory = factory


def urlencoded_fields(data: bytes, max_parts: int | None) -> dict[str, list[str]]:
    """The fields of an urlencoded body, as werkzeug decodes them, each
    name's values in a list (see :func:`multidict`).

    :raises RequestEntityTooLarge: more than ``max_parts`` fields.
    :raises UnicodeDecodeError: the body is not UTF-8 (werkzeug's parser
        answers that with an empty form).
    """
    # Separators over-count fields ("a&&b" is two); count exactly only when
    # they suggest too many, and stop at the limit.
    if max_parts is not None and data.count(b"&") >= max_parts:
        extra = itertools.islice(_field_re.finditer(data), max_parts, None)
        if next(extra, None) is not None:
            raise RequestEntityTooLarge()
    return _fields(data.decode())


def query_fields(environ: WSGIEnvironment) -> dict[str, list[str]]:
    """The query arguments of ``environ``, each name's values in a list:
    what :class:`Request`'s ``args.lists()`` gives, without building a
    request.

    The text is decoded and split as werkzeug does; a query with nothing to
    unquote (no ``%`` or ``+``) is split here, which gives what
    ``parse_qsl`` gives for it at a fraction of the cost. Raw bytes that
    are not UTF-8 read as werkzeug reads them percent-encoded (see
    :func:`query_text`).
    """
    query: str = environ.get("QUERY_STRING", "")
    if not query.isascii():
        query = query_text(query.encode("latin1"))
    return _fields(query)


def query_text(query: bytes) -> str:
    """A query string's text, its bytes that are not UTF-8 kept as
    percent escapes (``\\xff`` becomes ``%FF``).

    Browsers percent-encode queries, but a client may send raw bytes.
    werkzeug decodes them strictly (a ``UnicodeDecodeError``, a 500) and
    keeps an escape that does not decode (``%ff``) as it is; here a raw
    byte reads as its escape would, so both forms give the same value.
    """
    return query.decode(errors="werkzeug.url_quote")


def multidict(cls: type[_MD], fields: dict[str, list[str]]) -> _MD:
    """A ``MultiDict`` (of class ``cls``) of ``fields``, which it takes over.

    werkzeug's own classes keep exactly such a dict of lists; one is filled
    directly, five times faster than from pairs. Any other class is built
    through its constructor.
    """
    if cls not in _PLAIN_MULTIDICTS:
        return cls(
            [(name, value) for name, values in fields.items() for value in values]
        )
    md = cls.__new__(cls)
    lists: t.Any = md  # a dict of lists at run time (no t.cast call here)
    _fill(lists, fields)
    return md


def _fields(text: str) -> dict[str, list[str]]:
    """The fields of an urlencoded text, as werkzeug reads them
    (``parse_qsl`` keeping blank values, undecodable escapes kept as they
    are), each name's values in a list, names in first-seen order. Text with
    nothing to unquote (no ``%`` or ``+``) is split here, which gives the
    same fields at a fraction of the cost."""
    fields: dict[str, list[str]] = {}
    if "%" in text or "+" in text:
        pairs = parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")
        for name, value in pairs:
            fields.setdefault(name, []).append(value)
        return fields
    for field in text.split("&"):
        if field:
            name, _, value = field.partition("=")
            fields.setdefault(name, []).append(value)
    return fields


def cookie_fields(text: str) -> dict[str, list[str]] | None:
    """The cookies of a ``Cookie`` header, as werkzeug's ``parse_cookie``
    reads them, each name's values in a list (see :func:`multidict`);
    ``None`` for a header with a quoted value, which only werkzeug reads.

    werkzeug matches a regex at each ``;``-separated part: a name without
    spaces, tabs or ``=``; then optionally ``=`` and a value without spaces
    or tabs (spaces and tabs around the name, the ``=`` and the value are
    ignored); a part that does not match is skipped whole. Without quotes,
    no part holds a ``;``, and splitting does the same at a fraction of the
    cost.
    """
    if '"' in text:
        return None
    fields: dict[str, list[str]] = {}
    for part in text.split(";"):
        name, equals, value = part.strip(" \t").partition("=")
        if equals:
            name = name.rstrip(" \t")
            value = value.lstrip(" \t")
            if " " in value or "\t" in value:
                continue
        if not name or " " in name or "\t" in name:
            continue
        fields.setdefault(name, []).append(value)
    return fields


def plain_length(environ: WSGIEnvironment) -> int | None:
    """The declared ``Content-Length`` of a body that is not chunked, when
    it is plain ASCII digits: the number werkzeug reads from them. ``None``
    otherwise (werkzeug's ``get_content_length`` answers those)."""
    text: str = environ.get("CONTENT_LENGTH", "")
    if text.isascii() and text.isdigit() and "HTTP_TRANSFER_ENCODING" not in environ:
        return int(text)
    return None


def _read_exactly(stream: t.IO[bytes], length: int) -> bytes:
    """``length`` bytes of a request body.

    :raises ClientDisconnected: the body ended (or the stream failed)
        first, as werkzeug's ``LimitedStream`` answers.
    """
    try:
        data = stream.read(length)
        while len(data) < length:
            more = stream.read(length - len(data))
            if not more:
                raise ClientDisconnected()
            data += more
    except (OSError, ValueError) as e:
        raise ClientDisconnected() from e
    return data


class _MaxLimitedStream(LimitedStream):
    """A body read against ``max_content_length`` that also refuses, on
    ``read()``, the bytes past the limit.

    werkzeug's stream stops at the limit without looking further, so
    ``get_data()`` of an oversize body without a ``Content-Length`` (chunked)
    returned its first bytes as if they were all of it. Here reaching the
    limit probes one more byte: any is a 413.
    """

    def __init__(self, stream: t.IO[bytes], limit: int) -> None:
        super().__init__(stream, limit, is_max=True)
        self._source = stream

    @te.override
    def readall(self) -> bytes:
        data = super().readall()
        if self.is_exhausted and self._source.read(1):
            raise RequestEntityTooLarge()
        return data


def _decoded(text: str) -> str:
    """A WSGI string (bytes as latin-1) as text, decoded as werkzeug does."""
    return text if text.isascii() else text.encode("latin1").decode(errors="replace")


def _server(environ: WSGIEnvironment) -> tuple[str, int | None] | None:
    """The server's ``(host, port)``, as werkzeug reads it (no port: a
    unix socket)."""
    name: str | None = environ.get("SERVER_NAME")
    if name is None:
        return None
    try:
        port: int | None = int(environ["SERVER_PORT"])
    except (KeyError, TypeError, ValueError):
        port = None
    return name, port


class _Stored(t.Generic[_T]):
    """A request attribute computed on first read and stored in the
    instance under its own name, so that later reads are plain attribute
    reads (werkzeug's ``cached_property`` runs Python code on every read),
    and assigning one replaces it, as werkzeug allows."""

    def __init__(self) -> None:
        self._name = ""

    def __set_name__(self, owner: type[object], name: str) -> None:
        self._name = name

    @t.overload
    def __get__(self, request: None, owner: type[object]) -> te.Self: ...
    @t.overload
    def __get__(self, request: _WerkzeugRequest, owner: type[object]) -> _T: ...
    def __get__(
        self, request: _WerkzeugRequest | None, owner: type[object]
    ) -> _T | te.Self:
        if request is None:
            return self
        return self._first_read(request)

    def _first_read(self, request: _WerkzeugRequest) -> _T:
        """The value, stored in ``request``."""
        raise NotImplementedError

    if t.TYPE_CHECKING:
        # No __set__ at run time, so that a stored value is found before
        # the descriptor; assigning stores in the instance as __set__ would.
        def __set__(self, request: _WerkzeugRequest, value: _T) -> None: ...


class _FromEnviron(_Stored[_T]):
    """An attribute that werkzeug's ``Request`` computes from the environ
    when it is made. Most requests read few of them (a form reads none),
    and computing all eight was most of the cost of making a request."""

    def __init__(self, compute: cabc.Callable[[WSGIEnvironment], _T]) -> None:
        super().__init__()
        self._compute = compute

    @te.override
    def _first_read(self, request: _WerkzeugRequest) -> _T:
        value = request.__dict__[self._name] = self._compute(request.environ)
        return value


class _FormData(_Stored[_T]):
    """``form`` or ``files``: werkzeug's ``_load_form_data`` stores both
    (and ``stream``) in the instance when either is first read."""

    @te.override
    def _first_read(self, request: _WerkzeugRequest) -> _T:
        request._load_form_data()  # pyright: ignore[reportPrivateUsage]
        value: _T = request.__dict__[self._name]
        return value


class Request(_WerkzeugRequest):
    """The request object, available as :data:`transom.request`.

    Everything werkzeug's ``Request`` offers: ``args``, ``form``, ``files``,
    ``cookies``, ``headers``, ``get_json()``, ... A missing key in ``args``,
    ``form``, ``files`` or ``cookies`` is a 400 (it is also a ``KeyError``,
    for code that catches one). ``get_json()`` and ``json`` answer malformed
    JSON with a 400 and another content type with a 415.

    Each value in ``files`` is a :class:`~transom.FileStorage`. Its
    ``filename`` comes from the client: pass it through
    :func:`~transom.secure_filename` before using it as a path::

        file = request.files["photo"]
        file.save(upload_folder / secure_filename(file.filename or ""))
    """

    json_module = default_provider  # type: ignore[assignment]
    form_data_parser_class = _FormDataParser

    route: Route | None = None
    """The route that matched, once routing has run."""
    view_args: cabc.Mapping[str, t.Any] | None = None
    """The converted path values, once routing has run."""

    # werkzeug's attributes, the same values, computed on first read.
    method: _FromEnviron[str] = _FromEnviron(
        lambda environ: environ.get("REQUEST_METHOD", "GET").upper()
    )
    scheme: _FromEnviron[str] = _FromEnviron(
        lambda environ: environ.get("wsgi.url_scheme", "http")
    )
    server: _FromEnviron[tuple[str, int | None] | None] = _FromEnviron(_server)
    root_path: _FromEnviron[str] = _FromEnviron(
        lambda environ: _decoded(environ.get("SCRIPT_NAME") or "").rstrip("/")
    )
    path: _FromEnviron[str] = _FromEnviron(
        lambda environ: "/" + _decoded(environ.get("PATH_INFO") or "").lstrip("/")
    )
    query_string: _FromEnviron[bytes] = _FromEnviron(
        lambda environ: environ.get("QUERY_STRING", "").encode("latin1")
    )
    headers: _FromEnviron[Headers] = _FromEnviron(EnvironHeaders)
    remote_addr: _FromEnviron[str | None] = _FromEnviron(
        lambda environ: environ.get("REMOTE_ADDR")
    )
    # werkzeug's are properties (a Python call on every read); these give
    # the same values, and later reads find them in the instance.
    form: _FormData[ImmutableMultiDict[str, str]] = _FormData()  # pyright: ignore[reportIncompatibleMethodOverride]
    files: _FormData[ImmutableMultiDict[str, FileStorage]] = _FormData()  # pyright: ignore[reportIncompatibleMethodOverride]

    def __init__(
        self,
        environ: WSGIEnvironment,
        populate_request: bool = True,
        shallow: bool = False,
    ) -> None:
        # What werkzeug's __init__ does, but for the attributes above.
        self.environ = environ
        self.shallow = shallow
        if populate_request and not shallow:
            environ["werkzeug.request"] = self

    @cached_property
    @te.override
    def stream(self) -> t.IO[bytes]:
        if self.shallow:
            raise RuntimeError(
                "This request was created with 'shallow=True', reading"
                " from the input stream is disabled."
            )
        environ = self.environ
        limit = self.max_content_length
        if (
            limit is not None
            and "wsgi.input_terminated" in environ
            and get_content_length(environ) is None
        ):
            # An io.RawIOBase, used as a binary stream (as werkzeug does).
            source = t.cast("t.IO[bytes]", environ["wsgi.input"])
            return t.cast("t.IO[bytes]", _MaxLimitedStream(source, limit))
        return get_input_stream(environ, max_content_length=limit)

    @cached_property
    @te.override
    def args(self) -> MultiDict[str, str]:
        # werkzeug's, but for raw bytes that are not UTF-8 (query_text).
        fields = _fields(query_text(self.query_string))
        return multidict(self.parameter_storage_class, fields)

    @cached_property
    @te.override
    def full_path(self) -> str:
        # werkzeug's, but for raw bytes that are not UTF-8 (query_text).
        return f"{self.path}?{query_text(self.query_string)}"

    @cached_property
    @te.override
    def cookies(self) -> ImmutableMultiDict[str, str]:
        # werkzeug joins the values of every header named Cookie, found by
        # a scan of the whole environ; a WSGI server gives them all in one
        # key.
        headers = self.__dict__.get("headers")  # not made to read cookies
        if headers is None or (
            type(headers) is EnvironHeaders and headers.environ is self.environ
        ):
            text: str = self.environ.get("HTTP_COOKIE", "")
            cls = self.dict_storage_class
            fields = cookie_fields(text)
            if fields is not None:
                return t.cast("ImmutableMultiDict[str, str]", multidict(cls, fields))
            cookies = parse_cookie(text, cls=cls)
            return t.cast("ImmutableMultiDict[str, str]", cookies)
        return super().cookies

    @te.override
    def _load_form_data(self) -> None:
        # A plain urlencoded body of known length (the usual HTML form) is
        # read and split here, with the limits and answers of werkzeug's
        # parser: building that parser and its stream cost more than the
        # parsing. Anything else goes to werkzeug.
        d = self.__dict__
        if "form" in d or self.environ.get("CONTENT_TYPE") != _URLENCODED:
            return super()._load_form_data()
        data = self._small_body(self.max_form_memory_size)
        if data is None:
            return super()._load_form_data()
        cls = self.parameter_storage_class
        try:
            form = multidict(cls, urlencoded_fields(data, self.max_form_parts))
        except UnicodeDecodeError:
            form = cls()
        files = _NO_FILES if cls is ImmutableMultiDict else cls()
        d["form"], d["files"] = form, files

    # werkzeug's overloads, as they are (pyright finds the two overlap).
    @t.overload
    def get_data(  # pyright: ignore[reportOverlappingOverload]
        self,
        cache: bool = True,
        as_text: t.Literal[False] = False,
        parse_form_data: bool = False,
    ) -> bytes: ...
    @t.overload
    def get_data(
        self,
        cache: bool = True,
        as_text: t.Literal[True] = ...,
        parse_form_data: bool = False,
    ) -> str: ...
    @te.override
    def get_data(
        self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False
    ) -> bytes | str:
        # A small body of known length (a JSON document, say) is read at
        # once, as a plain form is: werkzeug would build its input stream
        # for the one read, which cost more than the rest of get_json().
        data = None if parse_form_data else self._small_body()
        if data is None:
            if as_text:
                return super().get_data(cache, True, parse_form_data)
            return super().get_data(cache, False, parse_form_data)
        if cache:
            self.__dict__["_cached_data"] = data
        return data.decode(errors="replace") if as_text else data

    def _small_body(self, also_limit: int | None = None) -> bytes | None:
        """The body, read here at once with werkzeug's limits and answers,
        leaving an empty stream (as werkzeug's is once read); ``None`` when
        werkzeug reads it: its length is not plain digits, it is chunked or
        ended by the server, larger than ``_SMALL_BODY`` (read in chunks),
        already read, or the request is shallow (reading it is an error).

        :param also_limit: another limit on its length (a form's memory).
        :raises RequestEntityTooLarge: over ``max_content_length`` or
            ``also_limit``.
        :raises ClientDisconnected: the body ended first.
        """
        d = self.__dict__
        environ = self.environ
        if (
            "stream" in d
            or "wsgi.input_terminated" in environ
            or d.get("_cached_data") is not None
            or self.shallow
        ):
            return None
        length = plain_length(environ)
        if length is None or length > _SMALL_BODY:
            return None
        limit = self.max_content_length
        if (limit is not None and length > limit) or (
            also_limit is not None and length > also_limit
        ):
            raise RequestEntityTooLarge()
        data = _read_exactly(environ["wsgi.input"], length)
        d["stream"] = io.BytesIO()
        return data

    @te.override
    def close(self) -> None:
        if self.__dict__.get("files"):  # most requests have none to close
            super().close()

    @property
    def endpoint(self) -> str | None:
        """The endpoint name of the matched route."""
        return self.route.endpoint if self.route is not None else None

    @property
    def blueprint(self) -> str | None:
        """The full name of the matched route's blueprint (``"parent.child"``
        for a nested one), or ``None``."""
        route = self.route
        return route.blueprint if route is not None else None

    @property
    def blueprints(self) -> tuple[str, ...]:
        """The full names of the matched route's blueprint and of those it
        is nested in, innermost first."""
        route = self.route
        scope = route.scope if route is not None else None
        return scope.names if scope is not None else ()

    @te.override
    def on_json_loading_failed(self, e: ValueError | None) -> t.Any:
        if e is None:
            return super().on_json_loading_failed(e)
        raise BadRequest(f"Failed to decode JSON object: {e}")


def encoded(text: str) -> bytes:
    """``text`` as UTF-8, as a response sends it.

    Every code point but a surrogate has a UTF-8 form; a lone surrogate
    (which a view may get from a bad source, and a template then renders
    for every visitor) is escaped as ``\\udXXX`` instead of failing the
    response. In a JSON string that is the escape of the same value.
    """
    try:
        # PERF: an error handler passed by keyword cost more than the
        # encoding of a small body; a try costs nothing until it fails.
        return text.encode()
    except UnicodeEncodeError:
        return text.encode(errors="backslashreplace")


def _iter_encoded(iterable: cabc.Iterable[str | bytes]) -> cabc.Iterator[bytes]:
    for item in iterable:
        yield encoded(item) if isinstance(item, str) else item


class Response(_WerkzeugResponse):
    """The response object. Its default mimetype is ``text/html``.

    Text bodies, whole or streamed, are encoded by :func:`encoded`, which
    cannot fail.
    """

    default_mimetype: str | None = "text/html"
    json_module = default_provider  # type: ignore[assignment]

    @te.override
    def set_data(self, value: bytes | str) -> None:
        # werkzeug's, but for the encoding (its body kept: a call to it
        # would cost as much again for every response).
        if isinstance(value, str):
            text = value
            try:
                value = text.encode()
            except UnicodeEncodeError:
                value = encoded(text)
        self.response = [value]
        if self.automatically_set_content_length:
            self.headers["Content-Length"] = str(len(value))

    # werkzeug's property holds werkzeug's setter.
    data = property(
        _WerkzeugResponse.get_data,
        set_data,
        doc="The body: reading calls :meth:`get_data`, setting :meth:`set_data`.",
    )

    @te.override
    def iter_encoded(self) -> cabc.Iterator[bytes]:
        return _iter_encoded(self.response)

    @te.override
    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        """Send the response; its headers are checked first.

        :raises HeaderValueError: a header name or value that must not be
            sent (see :func:`transom._header_check.check_headers`); nothing
            has been sent then.
        """
        # A body of bytes already in memory, with its length known and no
        # URL header to rewrite, goes out as it is: werkzeug's copy of the
        # headers, its scan of them and its closing iterator change nothing
        # for it, and cost more than the rest of a small request.
        body = self.response
        status = self.status_code
        if (
            isinstance(body, list)
            and len(body) == 1
            and type(body[0]) is bytes
            and status >= 200
            and status not in (204, 304)
            and not vars(self).get("_on_close", True)  # no close callbacks
            and environ.get("REQUEST_METHOD") != "HEAD"
        ):
            headers = self.headers.to_wsgi_list()
            # PERF: check_headers's fast test, in the loop this path makes
            # anyway; a header that fails it gets the full check (which
            # raises, or finds them all good), as does an AttributeError or
            # TypeError: a value that is no str, a name that is no str.
            good = good_names
            checked = False
            sized = False
            try:
                for key, value in headers:
                    if not checked and not (
                        key in good and value.isascii() and value.isprintable()
                    ):
                        check_headers(headers)
                        checked = True
                    name = key.lower()
                    if name == "content-length":
                        sized = True
                    elif name in ("location", "content-location"):
                        break
                else:
                    if sized:
                        start_response(self.status, headers)
                        return t.cast("list[bytes]", body)
            except (AttributeError, TypeError):
                check_headers(headers)
                raise
        app_iter, status_line, headers = self.get_wsgi_response(environ)
        try:
            check_headers(headers)
        except HeaderValueError:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
            raise
        start_response(status_line, headers)
        return app_iter
