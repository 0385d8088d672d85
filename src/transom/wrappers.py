"""transom's request and response objects, werkzeug's with a few defaults."""

from __future__ import annotations

import collections.abc as cabc
import itertools
import re
import typing as t
from urllib.parse import parse_qsl

import typing_extensions as te
from werkzeug.datastructures import FileStorage
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import LimitedStream
from werkzeug.wsgi import get_content_length
from werkzeug.wsgi import get_input_stream

from .json import default_provider

if t.TYPE_CHECKING:
    from .routing import Route
    from .typing import WSGIEnvironment


_field_re: t.Final = re.compile(rb"[^&]+")


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
        parts = self.max_form_parts
        # Separators over-count fields ("a&&b" is two); count exactly only
        # when they suggest too many, and stop at the limit.
        if parts is not None and data.count(b"&") >= parts:
            extra = itertools.islice(_field_re.finditer(data), parts, None)
            if next(extra, None) is not None:
                raise RequestEntityTooLarge()
        # As werkzeug parses it (a body that is not UTF-8 is a ValueError,
        # which parse() answers with an empty form), without a second stream.
        return stream, self.cls(_query_pairs(data.decode())), self.cls()

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


def query_args(environ: WSGIEnvironment) -> ImmutableMultiDict[str, str]:
    """The query arguments of ``environ``: what :class:`Request`'s ``args``
    gives, without building a request.

    The text is decoded and split as werkzeug does; a query with nothing to
    unquote (no ``%`` or ``+``) is split here, which gives what
    ``parse_qsl`` gives for it at a fraction of the cost.
    """
    query: str = environ.get("QUERY_STRING", "")
    if not query.isascii():
        query = query.encode("latin1").decode()
    return ImmutableMultiDict(_query_pairs(query))


def _query_pairs(text: str) -> list[tuple[str, str]]:
    """The name/value pairs of an urlencoded text, as werkzeug reads them
    (``parse_qsl`` keeping blank values, undecodable escapes kept as they
    are). Text with nothing to unquote (no ``%`` or ``+``) is split here,
    which gives the same pairs at a fraction of the cost."""
    if "%" in text or "+" in text:
        return parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")
    pairs: list[tuple[str, str]] = []
    for field in text.split("&"):
        if field:
            name, _, value = field.partition("=")
            pairs.append((name, value))
    return pairs


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

    @property
    def endpoint(self) -> str | None:
        """The endpoint name of the matched route."""
        return self.route.endpoint if self.route is not None else None

    @te.override
    def on_json_loading_failed(self, e: ValueError | None) -> t.Any:
        if e is None:
            return super().on_json_loading_failed(e)
        raise BadRequest(f"Failed to decode JSON object: {e}")


class Response(_WerkzeugResponse):
    """The response object. Its default mimetype is ``text/html``."""

    default_mimetype: str | None = "text/html"
    json_module = default_provider  # type: ignore[assignment]
