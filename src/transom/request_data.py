"""Typed request data: the body, form fields, headers, cookies and files a
view declares in its signature.

A marker, given as the parameter's default, says where the value comes
from; the annotation says what it is::

    from transom import Body, Cookie, File, FileStorage, Form, Header, View

    class Tasks(View):
        def post(
            self,
            task: NewTask = Body(),                       # the JSON body
            request_id: str | None = Header("X-Request-Id"),
            theme: Literal["light", "dark"] = Cookie(default="light"),
        ) -> Created[TaskOut]: ...

    class Avatar(View):
        def post(self, user: str = Form(), photo: FileStorage = File()) -> str: ...

The markers are typed ``Any``, so that every checker takes the parameter's
type from its annotation alone, and ``url_for`` (whose signature follows
the verb's) never asks for the value. Registration reads each marker once
(see :mod:`transom.signature`) into a :class:`RequestReader`; a request
that reaches a view without markers reads nothing here.

What a request gets when its data does not fit:

- a header or cookie that is missing or does not convert: 400 naming it,
  as a query parameter gets;
- a body that is not JSON (for :func:`Body`) or not a form (for
  :func:`Form` and :func:`File`): 415; malformed JSON: 400;
- a body, form or file that is well-formed but invalid: 422,
  :class:`~transom.exceptions.RequestValidationError`, listing every error.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import typing as t

import typing_extensions as te
from werkzeug.exceptions import UnsupportedMediaType

from . import decoding
from .exceptions import ErrorDetail
from .exceptions import InvalidData
from .exceptions import ParameterError
from .exceptions import RequestValidationError
from .shapes import Unknown

if t.TYPE_CHECKING:
    from werkzeug.datastructures import FileStorage

    from .decoding import Decoder
    from .signature import RequestParam
    from .typing import WSGIEnvironment
    from .wrappers import Request


class _Unset:
    @te.override
    def __repr__(self) -> str:
        return "UNSET"


UNSET: t.Final = _Unset()
"""A marker's ``default`` when none is given."""


@dataclasses.dataclass(frozen=True, slots=True)
class Marker:
    """Where a parameter's value comes from; made by :func:`Body`,
    :func:`Form`, :func:`Header`, :func:`Cookie` and :func:`File`."""

    kind: t.Literal["body", "form", "header", "cookie", "file"]
    """The source: ``"body"``, ``"form"``, ``"header"``, ``"cookie"`` or ``"file"``."""
    name: str | None = None
    """The name as sent (header, cookie, form field or file field), or
    ``None`` for one made from the parameter's name."""
    default: t.Any = UNSET
    """The value when the request has none, or :data:`UNSET`."""
    unknown: Unknown = "forbid"
    """For a body or a whole form: what an undeclared field gets."""

    @te.override
    def __repr__(self) -> str:
        args = [repr(self.name)] if self.name is not None else []
        if self.default is not UNSET:
            args.append(f"default={self.default!r}")
        if self.unknown != "forbid":
            args.append(f"unknown={self.unknown!r}")
        return f"{self.kind.capitalize()}({', '.join(args)})"


def Body(*, unknown: Unknown = "forbid") -> t.Any:  # noqa: N802
    """The JSON body, decoded into the parameter's annotation (a dataclass,
    ``TypedDict``, list, ...). ``T | None``: an absent body is ``None``.

    :param unknown: what a field the type does not declare gets:
        ``"forbid"`` (422) or ``"ignore"``.
    """
    return Marker("body", unknown=unknown)


def Form(  # noqa: N802
    name: str | None = None, *, default: t.Any = UNSET, unknown: Unknown = "forbid"
) -> t.Any:
    """A form (urlencoded or multipart). Annotated with a dataclass or
    ``TypedDict``: the whole form; with a scalar or ``list[scalar]``: the
    field ``name`` (the parameter's name by default). Text converts as a
    query parameter's does (``"3"`` for an ``int`` is 3).

    :param default: the value of a field the form lacks.
    :param unknown: for a whole form, what an undeclared field gets.
    """
    return Marker("form", name, default, unknown)


def Header(name: str | None = None, *, default: t.Any = UNSET) -> t.Any:  # noqa: N802
    """A request header, converted as a query parameter is. ``name``
    defaults to the parameter's name with ``_`` as ``-`` (``request_id``
    reads ``Request-Id``); it is matched without regard to case.
    ``list[T]``: the comma-separated values.

    :param default: the value when the header is absent.
    """
    return Marker("header", name, default)


def Cookie(name: str | None = None, *, default: t.Any = UNSET) -> t.Any:  # noqa: N802
    """A request cookie, converted as a query parameter is.

    :param default: the value when the cookie is absent.
    """
    return Marker("cookie", name, default)


def File(name: str | None = None) -> t.Any:  # noqa: N802
    """A file of a multipart form: ``FileStorage``, ``FileStorage | None``
    or ``list[FileStorage]``. A file input left empty (no file name) is
    absent."""
    return Marker("file", name)


_FORM_TYPES: t.Final = frozenset(
    ("application/x-www-form-urlencoded", "multipart/form-data")
)


def _mimetype(environ: WSGIEnvironment) -> str:
    content_type: str = environ.get("CONTENT_TYPE", "")
    return content_type.partition(";")[0].strip().lower()


def _no_body(environ: WSGIEnvironment) -> bool:
    """Whether the request sends no body at all (no content type, and no
    length or a zero one)."""
    return (
        not environ.get("CONTENT_TYPE")
        and environ.get("CONTENT_LENGTH", "0") in ("", "0")
        and "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    )


def pointer(key: str) -> str:
    """The JSON pointer (RFC 6901) of a top-level field ``key``."""
    return "/" + key.replace("~", "~0").replace("/", "~1")


def decoder_for(
    annotation: t.Any,
    where: str,
    *,
    source: t.Literal["body", "form"],
    unknown: Unknown,
) -> Decoder[t.Any]:
    """The decoder of ``annotation``, built (or found) at registration.

    :param where: names the parameter in errors.
    :raises RouteError: no decoder can handle the annotation.
    """
    return decoding.decoder_for(annotation, source=source, unknown=unknown, where=where)


class RequestReader:
    """Reads a handler's declared request data; built once at registration."""

    __slots__ = ("_body", "_checks_form", "_fields", "_only_json")

    def __init__(self, params: cabc.Sequence[RequestParam]) -> None:
        kinds = [p.marker.kind for p in params]
        self._fields = tuple(
            p for p, kind in zip(params, kinds, strict=True) if kind in _FIELDS
        )
        self._body = tuple(
            p for p, kind in zip(params, kinds, strict=True) if kind not in _FIELDS
        )
        self._checks_form = "form" in kinds or "file" in kinds
        # PERF: a lone JSON body, the commonest case, skips the loops.
        self._only_json = params[0] if kinds == ["body"] else None

    def read(self, request: Request, values: dict[str, t.Any]) -> None:
        """Add each parameter's value to ``values``.

        :raises ParameterError: a header or cookie missing or not convertible (400).
        :raises UnsupportedMediaType: a body of the wrong type (415).
        :raises BadRequest: malformed JSON (400).
        :raises RequestValidationError: invalid body, form or files (422).
        """
        only = self._only_json
        if only is not None:
            environ = request.environ
            if environ.get("CONTENT_TYPE") == "application/json":
                # PERF: _read_json() inlined for the commonest request.
                try:
                    data = request.json_module.loads(request.get_data())
                except ValueError as e:
                    data = request.on_json_loading_failed(e)
                decoder = only.decoder
                assert decoder is not None  # every body parameter has one
                try:
                    values[only.name] = decoder.decode(data)
                except InvalidData as e:
                    raise RequestValidationError(e.errors) from None
                return
            try:
                values[only.name] = _read_json(only, request)
            except InvalidData as e:
                raise RequestValidationError(e.errors) from None
            return
        for param in self._fields:
            values[param.name] = _read_field(param, request)
        if not self._body:
            return
        environ = request.environ
        if self._checks_form and not _no_body(environ):
            mimetype = _mimetype(environ)
            if mimetype not in _FORM_TYPES:
                raise UnsupportedMediaType(
                    "This endpoint takes a form (application/x-www-form-urlencoded"
                    f" or multipart/form-data), not {mimetype or 'no content type'!r}."
                )
        errors: list[ErrorDetail] = []
        for param in self._body:
            try:
                values[param.name] = _read_body(param, request)
            except InvalidData as e:
                errors.extend(e.errors)
        if errors:
            raise RequestValidationError(errors)


_FIELDS: t.Final = ("header", "cookie")


def _read_field(param: RequestParam, request: Request) -> t.Any:
    """A header's or cookie's value.

    :raises ParameterError: missing when required, or not convertible.
    """
    value_type = param.value_type
    assert value_type is not None  # headers and cookies always have one
    texts: list[str] | None
    if param.marker.kind == "header":
        raw: str | None = request.environ.get(param.environ_key)
        if raw is None:
            texts = None
        elif value_type.many:  # RFC 9110 list syntax: comma-separated
            texts = [part.strip() for part in raw.split(",") if part.strip()]
        else:
            texts = [raw.strip()]
    else:
        texts = request.cookies.getlist(param.key) or None
    if texts is None or (
        not value_type.many and texts[0] == "" and value_type.optional
    ):
        if param.default is not UNSET:
            return param.default
        if value_type.optional:
            return None
        raise ParameterError(param.source.value, param.key, "is required")
    text = ""
    try:
        if value_type.many:
            values: list[t.Any] = []
            for text in texts:
                values.append(value_type.parse(text))
            return values
        text = texts[0]
        return value_type.parse(text)
    except (ValueError, OverflowError):
        raise ParameterError(
            param.source.value,
            param.key,
            f"must be {value_type.describe()}, not {_shown(text)}",
        ) from None


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _read_json(param: RequestParam, request: Request) -> t.Any:
    """The value of a JSON body parameter.

    :raises UnsupportedMediaType: another content type (415).
    :raises BadRequest: malformed JSON (400).
    :raises InvalidData: a document that does not fit.
    """
    environ = request.environ
    if environ.get("CONTENT_TYPE") != "application/json":  # the commonest
        if param.optional and _no_body(environ):
            return None
        mimetype = _mimetype(environ)
        if not (mimetype == "application/json" or mimetype.endswith("+json")):
            raise UnsupportedMediaType(
                "This endpoint takes a JSON body (Content-Type:"
                f" application/json), not {mimetype or 'no content type'!r}."
            )
    # What request.get_json() does once the type is known, without parsing
    # the content type again.
    try:
        data = request.json_module.loads(request.get_data())
    except ValueError as e:  # a 400, unless a subclass answers otherwise
        data = request.on_json_loading_failed(e)
    decoder = param.decoder
    assert decoder is not None  # every body parameter has one
    return decoder.decode(data)


def _read_body(param: RequestParam, request: Request) -> t.Any:
    """The value of a body, form or file parameter.

    :raises InvalidData: invalid; the errors name where.
    """
    kind = param.marker.kind
    if kind == "body":
        return _read_json(param, request)
    if kind == "file":
        return _read_files(param, request.files.getlist(param.key))
    decoder = param.decoder
    if decoder is not None:  # a whole form
        return decoder.decode_form(request.form)
    return _read_form_field(param, request.form.getlist(param.key))


def _read_form_field(param: RequestParam, texts: list[str]) -> t.Any:
    value_type = param.value_type
    assert value_type is not None
    if not texts or (texts[0] == "" and value_type.optional and not value_type.many):
        if param.default is not UNSET:
            return param.default
        if value_type.optional:
            return None
        if value_type.many:
            return []
        raise InvalidData(
            (
                ErrorDetail(
                    "form", pointer(param.key), "is required", value_type.describe()
                ),
            )
        )
    errors: list[ErrorDetail] = []
    values: list[t.Any] = []
    for index, text in enumerate(texts if value_type.many else texts[:1]):
        try:
            values.append(value_type.parse(text))
        except (ValueError, OverflowError):
            where = pointer(param.key) + (f"/{index}" if value_type.many else "")
            errors.append(
                ErrorDetail(
                    "form",
                    where,
                    f"{_shown(text)} is not {value_type.describe()}",
                    value_type.describe(),
                )
            )
    if errors:
        raise InvalidData(tuple(errors))
    return values if value_type.many else values[0]


def _read_files(param: RequestParam, files: list[FileStorage]) -> t.Any:
    sent = [f for f in files if f.filename != ""]
    if param.many:
        return sent
    if sent:
        return sent[0]
    if param.optional:
        return None
    raise InvalidData(
        (ErrorDetail("file", pointer(param.key), "is required", "a file"),)
    )
