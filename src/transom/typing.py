"""Public type aliases and protocols.

The aliases here are what verb methods, error handlers and hooks are
checked against, by mypy and pyright alike::

    from transom.typing import ResponseValue

    def get(self) -> ResponseValue: ...

All aliases are real objects at run time, so ``typing.get_type_hints`` can
resolve annotations that use them.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import types
import typing as t
import uuid

import typing_extensions as te
from werkzeug.datastructures import Headers

from .status import Status
from .wrappers import Response

HTTPMethod: t.TypeAlias = t.Literal[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"
]
"""The standard HTTP method names (RFC 9110 and PATCH), upper case, as
``route(methods=...)`` and ``url_for(_method=...)`` take them. transom
also routes other method names (``PURGE``): cast to this alias for one."""

WSGIEnvironment: t.TypeAlias = dict[str, t.Any]
"""The WSGI ``environ`` mapping."""


class StartResponse(t.Protocol):
    """The ``start_response`` callable a WSGI server passes to an application."""

    def __call__(
        self,
        status: str,
        headers: list[tuple[str, str]],
        exc_info: tuple[type[BaseException], BaseException, types.TracebackType]
        | tuple[None, None, None]
        | None = ...,
        /,
    ) -> cabc.Callable[[bytes], object]: ...


WSGIApplication: t.TypeAlias = cabc.Callable[
    [WSGIEnvironment, StartResponse], cabc.Iterable[bytes]
]
"""A WSGI application, also what WSGI middleware wraps (``app.wsgi_app``)."""


class DataclassInstance(t.Protocol):
    """Any dataclass instance; it is sent as a JSON object."""

    __dataclass_fields__: t.ClassVar[dict[str, dataclasses.Field[t.Any]]]


class TypedDictInstance(t.Protocol):
    """Any ``TypedDict``; it is sent as a JSON object. (A plain ``dict``
    has no ``__required_keys__``; checkers see a TypedDict's values as
    ``object``, so they are checked where the TypedDict is built.)"""

    __required_keys__: t.ClassVar[frozenset[str]]


class HTMLObject(t.Protocol):
    """A value with ``__html__`` (``Markup``); JSON writes its HTML."""

    def __html__(self) -> str: ...


_T_co = t.TypeVar("_T_co", covariant=True)


class JSONArray(t.Protocol[_T_co]):
    """A list of JSON values, of any item type (``list`` is invariant, so
    ``list[int]`` is no ``list[JSONValue]``): what can be iterated and
    appended to, which a ``tuple`` (a response tuple) and ``bytes`` are not."""

    def __iter__(self) -> cabc.Iterator[_T_co]: ...
    def append(self, value: t.Any, /) -> None: ...


if t.TYPE_CHECKING:
    JSONValue: t.TypeAlias = (
        None
        | bool
        | int
        | float
        | str
        | list["JSONValue"]
        | JSONArray["JSONValue"]
        | tuple["JSONValue", ...]
        | cabc.Mapping[str, "JSONValue"]
        | cabc.Set["JSONValue"]
        | TypedDictInstance
        | DataclassInstance
        | datetime.date
        | datetime.time
        | uuid.UUID
        | decimal.Decimal
        | enum.Enum
        | HTMLObject
    )
else:
    # At run time, the same members one level deep, with Any inside: no
    # forward reference, so typing.get_type_hints() returns this very
    # object (and ResponseValue itself), which the route docs recognise.
    JSONValue = t.Union[  # noqa: UP007
        None,
        bool,
        int,
        float,
        str,
        list[t.Any],
        JSONArray[t.Any],
        tuple[t.Any, ...],
        cabc.Mapping[str, t.Any],
        cabc.Set[t.Any],
        TypedDictInstance,
        DataclassInstance,
        datetime.date,
        datetime.time,
        uuid.UUID,
        decimal.Decimal,
        enum.Enum,
        HTMLObject,
    ]
"""What transom's JSON provider writes: JSON's own values, lists (tuples
and sets too, inside a body) and mappings with ``str`` keys of them, TypedDicts, dataclasses, dates
and times, UUIDs, decimals, enums and ``Markup``. ``bytes`` or another
object inside a body is an error for the checkers, as it is at run time."""


HeaderValue: t.TypeAlias = str | int
"""The value of one header."""

HeaderValues: t.TypeAlias = (
    HeaderValue | list[str] | list[HeaderValue] | tuple[HeaderValue, ...]
)
"""The value of a name in a mapping of headers: one value, or a list of
them, each sent as its own line (``{"Set-Cookie": [a, b]}``)."""

HeadersValue: t.TypeAlias = (
    Headers | cabc.Mapping[str, HeaderValues] | cabc.Sequence[tuple[str, HeaderValue]]
)
"""Headers added to a response: a mapping, a list of pairs or werkzeug ``Headers``."""

ResponseBody: t.TypeAlias = (
    Response
    | str
    | bytes
    | bytearray
    | cabc.Mapping[str, JSONValue]
    | list[JSONValue]
    | JSONArray[JSONValue]
    | TypedDictInstance
    | DataclassInstance
    | cabc.Iterator[str]
    | cabc.Iterator[bytes]
    | WSGIApplication
)
"""A body that transom turns into a response.

``str`` is HTML, ``bytes`` is sent as-is, a mapping, list, TypedDict or
dataclass is JSON, an iterator is streamed, a WSGI application is called.
"""

if t.TYPE_CHECKING:
    # Recursive, as ResponseValue below and for the same reason: so that
    # mypy's messages name it rather than list its members.
    StatusBody: t.TypeAlias = ResponseBody | None | tuple["StatusBody", te.Never]
else:
    StatusBody: t.TypeAlias = ResponseBody | None
"""What a :class:`~transom.Status` (``Created[T]``, ...) may carry: a
:data:`ResponseBody`, or ``None`` for no body."""

_ResponseForms: t.TypeAlias = (
    ResponseBody
    | Status[StatusBody]
    | tuple[ResponseBody, int]
    | tuple[ResponseBody, HeadersValue]
    | tuple[ResponseBody, int, HeadersValue]
)

if t.TYPE_CHECKING:
    # mypy names a type alias in its messages only when the alias is
    # recursive; any other union it spells out member by member, which for
    # this one is some forty types in every "incompatible return" note. The
    # last member makes the alias recursive and, holding Never, matches no
    # value: checkers accept exactly the forms above, and call them
    # "ResponseValue". https://github.com/python/mypy/issues/2968
    ResponseValue: t.TypeAlias = _ResponseForms | tuple["ResponseValue", te.Never]
else:
    ResponseValue: t.TypeAlias = _ResponseForms
"""Everything a verb method, function route or error handler may return."""

BeforeRequestCallable: t.TypeAlias = cabc.Callable[[], ResponseValue | None]
"""A ``before_request`` hook: return ``None`` to go on, or a response to stop."""

AfterRequestCallable: t.TypeAlias = cabc.Callable[[Response], Response]
"""An ``after_request`` hook: receives the response and returns it (or another)."""

TeardownCallable: t.TypeAlias = cabc.Callable[[BaseException | None], object]
"""A ``teardown_request`` or ``teardown_appcontext`` hook."""

RouteCallable: t.TypeAlias = cabc.Callable[..., ResponseValue]
"""A function route: any parameters, a :data:`ResponseValue` result."""


class ViewFunction(t.Protocol):
    """What each of ``View.decorators`` receives and returns: a callable
    that takes the verb's values by keyword only (the path's and the
    query's) and returns a response value. A wrapper declared with
    ``*args, **kwargs`` fits; one that asks for positional arguments does
    not, as transom never passes any."""

    def __call__(self, **values: t.Any) -> ResponseValue: ...
