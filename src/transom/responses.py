"""Turning what a view returns into a :class:`~transom.Response`.

The forms are those of :data:`transom.typing.ResponseValue`. The common
cases (a ``str``, a ``dict``, a ``Response``) are checked first, by exact
type, so the usual response costs a couple of comparisons.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import typing as t

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as WerkzeugResponse

from ._header_check import check_header_name
from .exceptions import HeaderValueError
from .exceptions import ResponseTypeError
from .status import is_status
from .wrappers import Response

if t.TYPE_CHECKING:
    from .json import JSONProvider
    from .status import Status
    from .typing import WSGIEnvironment


def json_response(
    body: t.Any, json: JSONProvider, response_class: type[Response] = Response
) -> Response:
    """A response whose body is ``body`` as JSON."""
    return response_class(json.dumps(body) + "\n", mimetype="application/json")


def error_response(
    error: HTTPException,
    environ: WSGIEnvironment,
    response_class: type[Response] = Response,
) -> WerkzeugResponse:
    """``error.get_response(environ)``, as a ``response_class``.

    werkzeug's builds a werkzeug response, whose text encoding fails on a
    lone surrogate in a description (``abort(400, f"No user {name}")``);
    transom's escapes it. An error that carries a response, or makes its
    own, gives that.
    """
    if error.response is not None or type(error).get_response is not _get_response:
        return error.get_response(environ)
    return response_class(
        error.get_body(environ), error.code, error.get_headers(environ)
    )


_get_response: t.Final = HTTPException.get_response


def to_response(
    rv: object,
    *,
    source: str,
    json: JSONProvider,
    environ: WSGIEnvironment,
    response_class: type[Response] = Response,
) -> Response:
    """Convert a view's return value.

    :param source: names what returned ``rv`` in the error message.
    :raises ResponseTypeError: ``rv`` is not a response value.
    """
    if type(rv) is str:  # narrows rv for the checkers without a t.cast call
        return response_class(rv, mimetype=response_class.default_mimetype)
    kind = type(rv)
    status: object = None
    headers: t.Any = None
    body = rv
    if kind is tuple:
        parts = t.cast("tuple[t.Any, ...]", rv)
        if len(parts) == 3:
            body, status, headers = parts
        elif len(parts) == 2:
            body, second = parts
            if isinstance(second, int):
                status = second
            else:
                headers = second
        else:
            raise ResponseTypeError(source, rv)
        if status is not None and not isinstance(status, int):
            raise ResponseTypeError(source, rv)
        if headers is not None and not isinstance(
            headers, Headers | cabc.Mapping | list | tuple
        ):
            raise ResponseTypeError(source, rv)
    response = _body_response(body, rv, source, json, environ, response_class)
    if isinstance(status, int):
        response.status_code = status
    if headers:
        add_headers(response, headers)
    return response


def add_headers(response: Response, headers: t.Any) -> None:
    """Add a view's headers (a mapping, ``Headers`` or a list of pairs).

    :raises HeaderValueError: a name or value holds a line break (400).
    """
    if not isinstance(headers, Headers | cabc.Mapping):
        headers = list(t.cast("cabc.Iterable[tuple[t.Any, t.Any]]", headers))
    _check_header_names(headers)
    try:
        if isinstance(headers, Headers | cabc.Mapping):
            response.headers.update(t.cast("cabc.Mapping[str, t.Any]", headers))
        else:
            response.headers.extend(t.cast("list[tuple[str, t.Any]]", headers))
    except ValueError:
        # werkzeug refuses CR/LF in a value; the value nearly always
        # came from the request, so the answer is a 400, not a 500.
        name = _header_with_newline(headers)
        if name is None:
            raise
        raise HeaderValueError(name) from None


def _check_header_names(headers: t.Any) -> None:
    # werkzeug checks values but not names: "X\r\nSet-Cookie: a=b" as a
    # name would go out as two header lines. The response's headers are
    # all checked again as it is sent; checking the view's names here
    # answers a bad one through the app's error handlers.
    if isinstance(headers, Headers | cabc.Mapping):
        names: cabc.Iterable[object] = t.cast(
            "cabc.Mapping[t.Any, t.Any]", headers
        ).keys()
    else:
        names = (pair[0] for pair in t.cast("list[tuple[t.Any, t.Any]]", headers))
    for name in names:
        check_header_name(name)


def _header_with_newline(headers: t.Any) -> str | None:
    items: cabc.Iterable[tuple[t.Any, t.Any]]
    if isinstance(headers, Headers | cabc.Mapping):
        items = t.cast("cabc.Mapping[t.Any, t.Any]", headers).items()
    else:
        items = t.cast("cabc.Iterable[tuple[t.Any, t.Any]]", headers)
    for name, value in items:
        # A mapping's value may be a list, each item a line of its own.
        values: cabc.Iterable[object] = (
            t.cast("cabc.Iterable[object]", value)
            if isinstance(value, list | tuple | set)
            else [value]
        )
        for one in values:
            text = str(one)
            if "\r" in text or "\n" in text:
                return str(name)
    return None


def _body_response(
    body: object,
    rv: object,
    source: str,
    json: JSONProvider,
    environ: WSGIEnvironment,
    response_class: type[Response],
) -> Response:
    # Each body here comes without headers: its Content-Type is the class's
    # default, which werkzeug would find by looking the type up in the new,
    # empty headers (a miss there raises and catches a KeyError).
    default = response_class.default_mimetype
    if isinstance(body, str | bytes):
        return response_class(body, mimetype=default)
    if isinstance(body, bytearray):
        return response_class(bytes(body), mimetype=default)
    if isinstance(body, Response):
        return body
    if isinstance(body, cabc.Mapping | list) or (
        dataclasses.is_dataclass(body) and not isinstance(body, type)
    ):
        return json_response(body, json, response_class)
    if isinstance(body, cabc.Iterator):
        return response_class(t.cast("cabc.Iterator[str]", body), mimetype=default)
    if body is rv and is_status(body):
        return _status_response(body, source, json, environ, response_class)
    if isinstance(body, tuple) or body is None or isinstance(body, type):
        raise ResponseTypeError(source, rv)
    if callable(body):
        return t.cast(Response, response_class.force_type(t.cast(t.Any, body), environ))
    raise ResponseTypeError(source, rv)


def _status_response(
    rv: Status[t.Any],
    source: str,
    json: JSONProvider,
    environ: WSGIEnvironment,
    response_class: type[Response],
) -> Response:
    # Reached only after the usual bodies missed, so that declaring a
    # status costs the common responses nothing.
    headers = rv.headers
    if headers is not None and not isinstance(
        headers, Headers | cabc.Mapping | list | tuple
    ):
        raise ResponseTypeError(source, rv)
    if rv.body is None:
        response = response_class(status=rv.code)
    else:
        # rv, not its body, is what a misplaced Status or tuple is checked
        # against: neither may sit inside another.
        response = _body_response(rv.body, rv, source, json, environ, response_class)
        response.status_code = rv.code
    if headers:
        add_headers(response, headers)
    return response
