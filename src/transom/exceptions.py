"""Errors raised by transom.

Exception tree::

    TransomError                      any mistake in how transom is used
     ├── ExplainedError               where, what is wrong, and the fix
     │    ├── RouteError (ValueError) a route that cannot be registered
     │    │    ├── MethodsTypeError (TypeError)  methods= given as one string
     │    │    └── DuplicateEndpointError  an endpoint bound to a different view
     │    ├── ConverterError (TypeError)   an annotation with no (or a disagreeing) converter
     │    └── ConfigError (ValueError)     a setting transom cannot use
     ├── ResponseTypeError (TypeError) a view returned something that is not a response
     └── ContextError (RuntimeError)  url_for, make_response, ... outside a context

    InvalidData (ValueError)          request data that does not decode, with
                                      every ErrorDetail found

    werkzeug.exceptions.HTTPException errors that become HTTP responses
     ├── BadRequest (400)
     │    ├── ParameterError          a header or cookie missing or not convertible
     │    │    └── QueryParameterError  a query parameter missing or not convertible
     │    └── HeaderValueError (ValueError)  a header that must not be sent
     ├── UnprocessableEntity (422)
     │    └── RequestValidationError  a body, form or file that does not fit its type
     └── ...                          every werkzeug HTTP error, re-exported here

Registration errors are raised when a route is added (at import time), never
on the first request.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import json
import typing as t

import typing_extensions as te
from werkzeug.exceptions import BadRequest as BadRequest
from werkzeug.exceptions import Forbidden as Forbidden
from werkzeug.exceptions import HTTPException as HTTPException
from werkzeug.exceptions import InternalServerError as InternalServerError
from werkzeug.exceptions import MethodNotAllowed as MethodNotAllowed
from werkzeug.exceptions import NotFound as NotFound
from werkzeug.exceptions import RequestEntityTooLarge as RequestEntityTooLarge
from werkzeug.exceptions import Unauthorized as Unauthorized
from werkzeug.exceptions import UnprocessableEntity as UnprocessableEntity
from werkzeug.exceptions import UnsupportedMediaType as UnsupportedMediaType

if t.TYPE_CHECKING:
    from .typing import WSGIEnvironment


class TransomError(Exception):
    """Base class of every error that reports a misuse of transom."""


class ExplainedError(TransomError):
    """A misuse explained in three parts, printed as ``where: problem. Fix: fix.``

    :param where: the view, method, parameter or rule the problem is in.
    :param problem: what is wrong.
    :param fix: how to put it right.
    """

    def __init__(self, where: str, problem: str, fix: str) -> None:
        super().__init__(where, problem, fix)
        self.where = where
        """The view, method, parameter or rule the problem is in."""
        self.problem = problem
        """What is wrong."""
        self.fix = fix
        """How to put it right."""

    @te.override
    def __str__(self) -> str:
        return f"{self.where}: {self.problem}. Fix: {self.fix}."


class RouteError(ExplainedError, ValueError):
    """A route that cannot be registered."""


class MethodsTypeError(RouteError, TypeError):
    """``methods=`` given as one string instead of a list of method names
    (a ``TypeError`` too, as in Flask)."""


class DuplicateEndpointError(RouteError):
    """An endpoint name that is already bound to a different view."""


class ConverterError(ExplainedError, TypeError):
    """An annotation transom cannot convert a URL value to, or that disagrees
    with an explicit converter in the rule."""


class ConfigError(ExplainedError, ValueError):
    """A setting transom cannot use: a secret key that is not text, or an
    environment variable that is not the boolean its setting needs. The
    ``where`` part names the setting or the variable."""


class ResponseTypeError(TransomError, TypeError):
    """A view, error handler or hook returned a value that is not a response."""

    def __init__(self, source: str, value: object) -> None:
        super().__init__(source, value)
        self.source = source
        """What returned the value (``'Post.get'``)."""
        self.value = value
        """The value that was returned."""

    @te.override
    def __str__(self) -> str:
        hint = " (is a 'return' statement missing?)" if self.value is None else ""
        return (
            f"{self.source} returned {_describe(self.value)}{hint}, which is not a"
            " response. Return a str (HTML), bytes, a dict, list, TypedDict or"
            " dataclass (JSON), an iterator of str or bytes (streamed), a Response,"
            " a WSGI application, a body with its status (Created(body),"
            " NoContent(), ...), or a tuple (body, status), (body, headers) or"
            " (body, status, headers) where status is an int and headers a dict or"
            " a list of (name, value) pairs"
        )


class ContextError(TransomError, RuntimeError):
    """A helper that needs a context (``url_for``, ``make_response``,
    ``after_this_request``) called outside one. The proxies (``request``,
    ``g``, ...) raise werkzeug's plain ``RuntimeError`` with the same kind of
    message."""


class ParameterError(BadRequest):
    """A query parameter, header or cookie is missing or its value does not
    convert (400).

    The response body names it and what was expected.
    """

    def __init__(self, source: str, name: str, problem: str) -> None:
        label = "Query parameter" if source == "query" else source.capitalize()
        super().__init__(f"{label} {name!r} {problem}.")
        self.source = source
        """``"query"``, ``"header"`` or ``"cookie"``."""
        self.parameter = name
        """Its name as sent (a header's as the view declares it)."""


class QueryParameterError(ParameterError):
    """A query parameter is missing or its value does not convert (400)."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__("query", name, problem)


class HeaderValueError(BadRequest, ValueError):
    """A response header (or redirect target) that must not be sent (400):
    a name that is not an RFC 9110 token, or a value with CR, LF or another
    control character, or text beyond Latin-1.

    Such a header nearly always comes from the request (``?next=...``), and
    sending it would let the client inject headers or split the response,
    so it never goes out. It is a ``ValueError`` too, for code that
    validates values itself.
    """

    def __init__(
        self, name: str, problem: str = "may not contain CR or LF characters"
    ) -> None:
        super().__init__(f"The {name} header {problem}.")
        self.header = name
        """The header's name."""


@dataclasses.dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One problem found in request data.

    ``ErrorDetail("body", "/items/2/price", "expected number, got string",
    "number")`` says that the ``price`` of the third item of the JSON body
    is a string where a number belongs.
    """

    source: str
    """Where the data came from: ``'body'``, ``'form'``, ``'header'``,
    ``'cookie'``, ``'file'``, ``'query'``."""
    pointer: str
    """Where in that data, as an RFC 6901 JSON pointer (``'/items/2/price'``;
    ``''`` is the whole document; ``'/<name>'`` for a header or cookie)."""
    message: str
    """What is wrong, in words."""
    expected: str
    """What a valid value is, in short: ``'integer'``, ``"one of 'a', 'b'"``."""

    def to_json(self) -> dict[str, str]:
        """The error as the 422 response lists it."""
        return {
            "source": self.source,
            "pointer": self.pointer,
            "message": self.message,
            "expected": self.expected,
        }


class InvalidData(ValueError):  # noqa: N818 (data, not a misuse: no Error)
    """Data that does not decode into its type, with every problem found
    (never only the first). Not an HTTP error: a view turns it into a 422.

    :param errors: the problems, in the order they were found.
    """

    def __init__(self, errors: cabc.Iterable[ErrorDetail]) -> None:
        found = tuple(errors)
        super().__init__(*found)
        self.errors = found
        """Every problem found, in document order."""

    @te.override
    def __str__(self) -> str:
        shown = "; ".join(
            f"{e.source} {e.pointer or '(whole)'}: {e.message}" for e in self.errors
        )
        count = len(self.errors)
        return f"{count} error{'s' if count != 1 else ''}: {shown}"


class RequestValidationError(UnprocessableEntity):
    """A body, form or file that is well-formed but does not fit the type
    the view declares (422), with every error found.

    Its response is JSON::

        {"errors": [{"source": "body", "pointer": "/items/2/price",
                     "message": "must be a number", "expected": "a number"}]}

    ``source`` is ``"body"``, ``"form"`` or ``"file"``; ``pointer`` is the
    JSON pointer (RFC 6901) of the value in it, ``""`` for the whole
    document. Register ``@app.errorhandler(RequestValidationError)`` to answer
    otherwise (``.errors`` holds the details).

    Named apart from ``transom.ValidationError``, werkzeug's routing error
    that a converter raises for a URL that does not match, so that a
    handler for one never catches the other.
    """

    def __init__(self, errors: t.Iterable[ErrorDetail]) -> None:
        self.errors: list[ErrorDetail] = list(errors)
        """Every error, in the order found."""
        super().__init__(
            "; ".join(
                f"{e.source} {e.pointer or '(document)'}: {e.message}"
                for e in self.errors
            )
        )

    def to_json(self) -> dict[str, list[dict[str, str]]]:
        """The response body as data: ``{"errors": [...]}``."""
        return {"errors": [e.to_json() for e in self.errors]}

    @te.override
    def get_body(
        self,
        environ: WSGIEnvironment | None = None,
        scope: dict[str, t.Any] | None = None,
    ) -> str:
        return json.dumps(self.to_json()) + "\n"

    @te.override
    def get_headers(
        self,
        environ: WSGIEnvironment | None = None,
        scope: dict[str, t.Any] | None = None,
    ) -> list[tuple[str, str]]:
        return [("Content-Type", "application/json")]


def _describe(value: object) -> str:
    if value is None:
        return "None"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"
