"""The last check of a response's headers, just before they are sent.

A header can be set in many places: a view's ``(body, headers)`` tuple,
``response.headers[...]``, ``add``, ``setdefault``, ``extend``, an
``after_request`` hook, a WSGI application a view returns. werkzeug's
:class:`~werkzeug.datastructures.Headers` refuses CR and LF in values and
checks nothing else, and WSGI servers write what they are given: a name
such as ``"X\\r\\nSet-Cookie: a=b"`` splits the response on werkzeug's
development server, and ``"Set-Cookie: a=b; x"`` becomes a real header on
waitress. So every header list is checked once, where it leaves transom
(:meth:`transom.Response.__call__`, and the answers of
:mod:`transom._direct` whose headers are not transom's own): a name must
be an RFC 9110 token, a value visible Latin-1 text, spaces and tabs.
"""

from __future__ import annotations

import re
import typing as t

from .exceptions import HeaderValueError

if t.TYPE_CHECKING:
    import collections.abc as cabc

# RFC 9110 5.1: field-name = token; token = 1*tchar.
_token_re: t.Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 9110 5.5: field-value is VCHAR, obs-text (0x80-0xFF), SP and HTAB;
# servers encode values as Latin-1, so other text cannot be sent at all.
_bad_value_char_re: t.Final = re.compile(r"[^\t\x20-\x7e\x80-\xff]")

good_names: set[str] = {
    "Content-Type",
    "Content-Length",
    "Location",
    "Set-Cookie",
    "Vary",
    "Allow",
    "Cache-Control",
    "ETag",
    "Last-Modified",
}
"""Names known to be tokens: a set lookup instead of a regex match for
each. Names that pass the full check join it, up to :data:`_MAX_NAMES`."""
_MAX_NAMES: t.Final = 512


def check_headers(headers: cabc.Iterable[tuple[t.Any, t.Any]]) -> None:
    """Refuse a header list that must not be sent.

    :raises HeaderValueError: a name is not a ``str`` of token characters
        (RFC 9110 ``tchar``: no space, CR, LF, NUL, ``:`` or non-ASCII), or
        a value is not a ``str`` of visible Latin-1 characters, spaces and
        tabs (no CR, LF, NUL or other control character).
    """
    # PERF: this runs for every response. A known name and a printable
    # ASCII value, the usual header, cost a set lookup and two C calls;
    # anything else (a new name, a tab, Latin-1, a value that is no str,
    # a name that is not even hashable) takes the full check below.
    names = good_names
    try:
        for name, value in headers:
            if not (name in names and value.isascii() and value.isprintable()):
                break
        else:
            return
    except (AttributeError, TypeError):
        pass
    for name, value in headers:
        _check_header(name, value)


def check_header_name(name: object) -> str:
    """Return ``name`` if it is a ``str`` RFC 9110 token.

    :raises HeaderValueError: it is not (as :func:`check_headers` says).
    """
    if type(name) is not str:
        raise HeaderValueError(
            repr(name), f"name must be text (a str), not {type(name).__name__}"
        )
    if name not in good_names:
        if _token_re.fullmatch(name) is None:
            raise HeaderValueError(
                repr(name),
                "name may contain only letters, digits and !#$%&'*+-.^_`|~"
                " (an RFC 9110 token: no space, CR, LF, NUL, ':' or non-ASCII)",
            )
        if len(good_names) < _MAX_NAMES:
            good_names.add(name)
    return name


def _check_header(name: object, value: object) -> None:
    name = check_header_name(name)
    if type(value) is not str:
        raise HeaderValueError(
            name, f"value must be text (a str), not {type(value).__name__}"
        )
    bad = _bad_value_char_re.search(value)
    if bad is not None:
        raise HeaderValueError(
            name,
            f"value may not contain {bad[0]!r} at offset {bad.start()}: only"
            " visible Latin-1 characters, spaces and tabs can be sent (no CR,"
            " LF, NUL or other control character; encode other text first,"
            " as RFC 8187 or percent-encoding does)",
        )
