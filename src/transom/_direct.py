"""Answers written straight to WSGI, without a :class:`~transom.Response`.

The commonest answers are a view's ``str`` (HTML), its ``dict`` or ``list``
(JSON), and an HTTP error page that no handler takes over (a 404, a 405).
When nothing could see a response object (no ``after_request`` hook, no
session to save, and the app's response class is transom's own), the app
writes these as status, headers and body directly: the same bytes as
through ``Response``, for a fraction of the work. Anything else returns
``None`` and goes through ``Response`` as usual. The headers of a view's
``str``, ``dict`` and ``list`` are transom's own and go out unchecked; an
error page's headers are checked when an exception class adds its own
(see :mod:`transom._header_check`).
"""

from __future__ import annotations

import typing as t

from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.http import HTTP_STATUS_CODES

from ._header_check import check_headers
from .exceptions import HeaderValueError
from .wrappers import encoded

if t.TYPE_CHECKING:
    from .json import JSONProvider
    from .typing import WSGIEnvironment

Answer: t.TypeAlias = tuple[str, list[tuple[str, str]], list[bytes]]
"""A WSGI status line, headers and body."""

_HTML: t.Final = "text/html; charset=utf-8"
_JSON: t.Final = "application/json"
_get_response: t.Final = HTTPException.get_response
_get_headers: t.Final = HTTPException.get_headers

# An error page that werkzeug writes from its code and description alone is
# the same every time: keep it. Bounded, since descriptions may hold values
# (abort(404, f"No post {post_id}")).
_pages: dict[tuple[int, str], bytes] = {}
_MAX_PAGES: t.Final = 256
_plain_classes: dict[type[HTTPException], bool] = {}


class RouterMethodNotAllowed(MethodNotAllowed):
    """A ``405`` that the router made: its ``Allow`` lists the methods of
    registered rules, which registration checks are tokens, so its headers
    go out without the check that another class's would get."""


def _page(error: HTTPException, code: int, environ: WSGIEnvironment) -> bytes:
    cls = type(error)
    plain = _plain_classes.get(cls)
    if plain is None:
        plain = _plain_classes[cls] = (
            cls.get_body is HTTPException.get_body
            and cls.get_description is HTTPException.get_description
            and cls.name is HTTPException.name
        )
    description = error.description
    if not plain or type(description) is not str:
        return encoded(error.get_body(environ))
    key = (code, description)
    page = _pages.get(key)
    if page is None:
        if len(_pages) >= _MAX_PAGES:
            _pages.clear()
        page = _pages[key] = encoded(error.get_body(environ))
    return page


def direct_answer(
    rv: object, json: JSONProvider, environ: WSGIEnvironment
) -> Answer | None:
    """The answer to ``rv`` as ``Response`` would send it, or ``None`` for
    a value that needs ``Response``. Its header list is new: the caller may
    add to it.

    :param rv: what the view (or the error handling) gave.
    :param json: the app's JSON provider.
    """
    kind = type(rv)
    if type(rv) is str:  # narrows rv for the checkers without a t.cast call
        # As wrappers.encoded(), without the call (the commonest answer).
        try:
            body = rv.encode()
        except UnicodeEncodeError:
            body = encoded(rv)
        status = "200 OK"
        headers = [("Content-Type", _HTML), ("Content-Length", str(len(body)))]
    elif kind is dict or kind is list:
        text = json.dumps(rv) + "\n"
        try:
            body = text.encode()
        except UnicodeEncodeError:
            body = encoded(text)
        status = "200 OK"
        headers = [("Content-Type", _JSON), ("Content-Length", str(len(body)))]
    elif isinstance(rv, HTTPException):
        code = rv.code
        if (
            code is None
            or code < 400  # werkzeug's own are errors; others are rare
            or rv.response is not None
            or type(rv).get_response is not _get_response
        ):
            return None
        phrase = HTTP_STATUS_CODES.get(code)
        if phrase is None:
            return None
        body = _page(rv, code, environ)
        status = f"{code} {phrase.upper()}"
        headers = rv.get_headers(environ)
        cls = type(rv)
        if cls.get_headers is not _get_headers and cls is not RouterMethodNotAllowed:
            # A subclass's headers may hold values from the view, such as
            # abort(401, www_authenticate=...); a bad one is refused by
            # the Response this falls back to.
            try:
                check_headers(headers)
            except HeaderValueError:
                return None
        headers.append(("Content-Length", str(len(body))))
    else:
        return None
    if environ["REQUEST_METHOD"] == "HEAD":
        return status, headers, []
    return status, headers, [body]
