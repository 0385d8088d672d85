"""JSON encoding and decoding.

:class:`JSONProvider` is what ``app.json`` is; replace it on an app to change
how transom writes and reads JSON. The default writes dataclasses, UUIDs,
dates, decimals, enums and sets. It reads strict JSON (the I-JSON profile of
RFC 7493): a body must be UTF-8 (or UTF-16/32, with or without a BOM);
``NaN``, ``Infinity`` and numbers too large for a float (``1e999``) are
refused, as are unpaired surrogate escapes (``"\\ud800"``), which are not
text; and a document nested deeper than :attr:`JSONProvider.max_depth` is a
``ValueError`` (a 400 in a view), never a ``RecursionError``.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import itertools
import json as _json
import math
import operator
import re
import typing as t
import uuid


def _default(o: t.Any) -> t.Any:
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    if isinstance(o, datetime.date | datetime.time):
        return o.isoformat()
    if isinstance(o, uuid.UUID | decimal.Decimal):
        return str(o)
    if isinstance(o, enum.Enum):
        return o.value
    if isinstance(o, set | frozenset):
        return list(t.cast("frozenset[t.Any]", o))
    html = getattr(o, "__html__", None)
    if callable(html):
        return str(html())
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


_Encode: t.TypeAlias = "t.Callable[[t.Any], str]"
_encoders: dict[tuple[bool, bool, bool], _Encode] = {}
# CPython's C encoder, which JSONEncoder builds anew for every document
# (None on an interpreter without it).
_make_c_encoder: t.Callable[..., t.Any] | None = getattr(
    _json.encoder, "c_make_encoder", None
)


def _encoder(sort_keys: bool, ensure_ascii: bool, compact: bool) -> _Encode:
    """Encode one document as ``json.dumps`` does with these settings.

    An encoder keeps no state between documents, so one is kept per
    setting. For compact output, JSONEncoder.encode builds CPython's C
    encoder anew for each document, which cost half of encoding a small
    one: that encoder is built once here, without the record of open
    containers that finds cycles (a shared record would be wrong across
    threads). A cycle then ends in a RecursionError, and the document is
    encoded again by JSONEncoder, which names the cycle in its ValueError.
    """
    checked = _json.JSONEncoder(
        default=_default,
        sort_keys=sort_keys,
        ensure_ascii=ensure_ascii,
        separators=(",", ":") if compact else None,
        indent=None if compact else 2,
    )
    if _make_c_encoder is None or not compact:
        return checked.encode
    quote = (
        _json.encoder.encode_basestring_ascii
        if ensure_ascii
        else _json.encoder.encode_basestring
    )
    unchecked = _make_c_encoder(
        None, _default, quote, None, ":", ",", sort_keys, False, True
    )

    def encode(obj: t.Any) -> str:
        try:
            chunks: cabc.Iterable[str] = unchecked(obj, 0)
        except RecursionError:
            return checked.encode(obj)
        return "".join(chunks)

    return encode


class JSONProvider:
    """Dumps and loads JSON for an app, its requests and its responses."""

    sort_keys: bool = False
    """Sort object keys in the output; off, so that field order is kept."""
    ensure_ascii: bool = False
    """Escape non-ASCII characters; off, since responses are UTF-8."""
    compact: bool = True
    """Leave out spaces; set to ``False`` for indented output."""

    @staticmethod
    def default(o: t.Any) -> t.Any:
        """Turn a value ``json`` cannot write into one it can, or raise
        ``TypeError``. Override it in a subclass to write more types, and
        call ``JSONProvider.default(o)`` for the others (dataclasses, dates,
        UUIDs, decimals, enums, sets, objects with ``__html__``)."""
        return _default(o)

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialize ``obj`` to a JSON string."""
        default = self.default
        if default is not _builtin_default:
            kwargs.setdefault("default", default)
        if not kwargs:
            # json.dumps with options builds an encoder per call.
            settings = (self.sort_keys, self.ensure_ascii, self.compact)
            encode = _encoders.get(settings)
            if encode is None:
                encode = _encoders[settings] = _encoder(*settings)
            return encode(obj)
        kwargs.setdefault("default", _default)
        kwargs.setdefault("sort_keys", self.sort_keys)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        if self.compact:
            kwargs.setdefault("separators", (",", ":"))
        else:
            kwargs.setdefault("indent", 2)
        return _json.dumps(obj, **kwargs)

    max_depth: int | None = 256
    """The deepest nesting of arrays and objects :meth:`loads` accepts, or
    ``None`` for no limit beyond the interpreter's recursion limit. A fixed
    limit makes the answer the same at any stack depth, and keeps documents
    that would be too deep to write back out (``json.dumps`` recurses too)
    from reaching a view."""

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Deserialize a JSON document.

        :raises ValueError: malformed, bytes that are not UTF-8 (or
            UTF-16/32), ``NaN``/``Infinity`` or a number too large for a
            float, an unpaired surrogate escape, or nested deeper than
            :attr:`max_depth`.
        """
        utf8: bytes | bytearray | None = None
        # A tuple: an isinstance() of a union costs more.
        if isinstance(s, (bytes, bytearray)):
            # An object or array whose second byte is not NUL is UTF-8 (not
            # UTF-16/32, nor with a BOM): what detect_encoding() would say,
            # without its Python-level checks.
            if s[:1] in _OPENERS and s[1:2] not in _NUL_OR_EMPTY:
                try:
                    text = s.decode()
                except UnicodeDecodeError:
                    text = _text(s, "utf-8")  # says where
                utf8 = s
            else:
                encoding = _json.detect_encoding(s)
                text = _text(s, encoding)
                if encoding == "utf-8":
                    utf8 = s
        elif not s.isascii() and _surrogate_re.search(s):
            raise ValueError(
                "the JSON text holds a surrogate code point, which is not a"
                " character: decode bytes as UTF-8 without 'surrogatepass'"
            )
        else:
            text = s
        # With hooks, a value may be anything: the checks below read the
        # text instead of the value, at a few times the cost.
        hooked = bool(kwargs)
        try:
            # json.loads with an option builds a decoder per call; one
            # decoder keeps no state between calls. json.loads itself
            # answers a text's BOM.
            if not hooked and not text.startswith("\ufeff"):
                if _surely_finite(text, utf8):
                    value = _decode(_decoder, _scan, text)
                else:
                    value = _decode(_exact_decoder, _exact_scan, text)
            else:
                kwargs.setdefault("parse_constant", _refuse_constant)
                kwargs.setdefault("parse_float", _finite_float)
                value = _json.loads(text, **kwargs)
        except RecursionError:
            raise ValueError("the JSON document is nested too deeply") from None
        limit = self.max_depth
        if (
            limit is not None
            # Documents with few brackets, nearly all of them, stop here;
            # one shorter than the limit holds fewer brackets still.
            and len(text) > limit
            and text.count("[") + text.count("{") > limit
            and (_text_deeper(text, limit) if hooked else _deeper(value, limit))
        ):
            raise ValueError(
                f"the JSON document is nested more than {limit} levels deep"
            )
        # Every escape starts with a backslash, which most documents lack
        # (and a search for one character is the fastest).
        if (
            "\\" in text
            and _surrogate_escape_re.search(text)
            and (
                _text_has_lone_surrogate(text)
                if hooked
                else _has_surrogate(value, text)
            )
        ):
            raise ValueError(
                "the JSON document holds an unpaired surrogate escape such as"
                ' "\\ud800", which is not a character (RFC 7493): escape a'
                ' character outside the BMP as a pair ("\\ud83d\\ude00")'
            )
        return value


_OPENERS: t.Final = (b"{", b"[")
_NUL_OR_EMPTY: t.Final = (b"\x00", b"")


def _text(data: bytes | bytearray, encoding: str) -> str:
    """A body's text, in the encoding ``json.loads`` detects, decoded
    strictly: ``json.loads`` lets UTF-8-encoded surrogates (``ED A0 80``)
    through, which are not UTF-8 and could not be written back out."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ValueError(
            f"the JSON document is not valid {e.encoding.upper()}:"
            f" {e.reason} at byte {e.start}"
        ) from None


def _decode(decoder: _json.JSONDecoder, scan: _Scan, text: str) -> t.Any:
    """``decoder.decode(text)``, for a document that is one array or object
    with no whitespace around it (nearly all of them) by its scanner alone:
    ``decode`` finds the whitespace at either end with a pattern each, which
    cost half of scanning a small document. Any other document, and any
    that the scanner does not read to its end, is read by ``decode``, which
    says what is wrong with it.

    :param scan: the decoder's scanner (its ``scan_once``).
    """
    if text[:1] in _OPEN_TEXT and text[-1:] in _CLOSE_TEXT:
        try:
            value, end = scan(text, 0)
        except StopIteration:
            pass
        else:
            if end == len(text):
                return value
    return decoder.decode(text)


_OPEN_TEXT: t.Final = ("{", "[")
_CLOSE_TEXT: t.Final = ("}", "]")


def _refuse_constant(name: str) -> t.NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(
            f"the number {text[:30]} is beyond the range of a float (it would read"
            " as infinity)"
        )
    return value


_decoder: t.Final = _json.JSONDecoder(parse_constant=_refuse_constant)
_exact_decoder: t.Final = _json.JSONDecoder(
    parse_constant=_refuse_constant, parse_float=_finite_float
)
"""For documents :func:`_surely_finite` cannot vouch for: a hook on every
number with a fraction or an exponent, which cost up to three times the
decoding of a document of floats."""

_Scan: t.TypeAlias = "t.Callable[[str, int], tuple[t.Any, int]]"


def _scanner(decoder: _json.JSONDecoder) -> _Scan:
    """The scanner a decoder reads a value with, from a given index: what
    ``decode`` calls once it has skipped the whitespace."""
    scan: _Scan = vars(decoder)["scan_once"]
    return scan


_scan: t.Final = _scanner(_decoder)
_exact_scan: t.Final = _scanner(_exact_decoder)


def _surely_finite(text: str, utf8: bytes | bytearray | None) -> bool:
    """Whether no number in a document can read as an infinite float.

    One can only with a fraction or an exponent (integers are never
    infinite), and then only with an exponent of three digits or more
    (``1e309``) or with more than 200 digits before its point (``1e99``
    times 210 digits is the least that overflows). A document shorter than
    200 characters holds no such run, so in one only an exponent can
    overflow.

    The document's digits read as ``0`` and its exponent marks as ``e``;
    then either kind of number shows as a plain substring: ``e000``, or 200
    zeros. A near miss (a string ``"2e100"``, or digits of separate numbers
    run together) only sends the document to the exact decoder, which costs
    more only for the floats it holds.

    A short document keeps its other characters as spaces and is searched
    as ``str`` (``in`` on ``bytes`` first tries its operand as an integer,
    which costs more than the search there); a long one drops them, so that
    runs of digits join and the search mostly stops early, where a document
    of many short numbers with spaces between would make the search step
    one character at a time.

    :param utf8: the document's UTF-8 bytes, when at hand.
    """
    if len(text) < 200:
        if not ("e" in text or "E" in text):
            return True
        if utf8 is None:
            utf8 = text.encode()
        return "e000" not in utf8.translate(_SHORT_MARKS).decode("ascii")
    if not ("." in text or "e" in text or "E" in text):
        return True
    if utf8 is None:
        utf8 = text.encode()
    marks = utf8.translate(_LONG_MARKS, _NOT_NUMBER)
    return not (b"e000" in marks or _LONG_RUN in marks)


_SHORT_MARKS: t.Final = bytes(
    ord("0") if c in b"0123456789" else ord("e") if c in b"eE+-" else ord(" ")
    for c in range(256)
)
"""Digits as ``0``, exponent marks and signs as ``e``, anything else a space."""
_LONG_MARKS: t.Final = bytes(
    ord("0") if c in b"0123456789" else ord("e") if c in b"eE" else c
    for c in range(256)
)
"""Digits as ``0`` and exponent marks as ``e``; with :data:`_NOT_NUMBER`."""
_NOT_NUMBER: t.Final = bytes(c for c in range(256) if c not in b"0123456789eE.")
"""What a long document's marks leave out: all but digits, exponent marks
and points (signs too, so ``1e+999`` reads ``0e000``)."""
_LONG_RUN: t.Final = b"0" * 200


_surrogate_re: t.Final = re.compile("[\ud800-\udfff]")
_surrogate_escape_re: t.Final = re.compile(r"\\u[dD][89a-fA-F]")
# A high surrogate escape not followed by a low one, or a low one not
# preceded by a high one (the lookbehind is 9 characters wide: fixed).
_lone_surrogate_re: t.Final = re.compile(
    r"\\u[dD](?:[89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD])[c-fC-F])"
)
_not_bracket_re: t.Final = re.compile(r"[^\[\]{}]+")
_step: t.Final = {"[": 1, "{": 1, "]": -1, "}": -1}


def _without_escaped_backslashes(text: str) -> str:
    """``text`` with each ``\\\\`` escape replaced by two characters that
    are neither a backslash nor a quote. In valid JSON every backslash
    starts an escape, and escapes pair backslashes from the left, as
    ``replace`` does; what is left are escapes of other characters."""
    return text.replace("\\\\", "__")


def _text_has_lone_surrogate(text: str) -> bool:
    """Whether a valid JSON document has a string with an unpaired
    surrogate escape. For documents decoded with hooks, whose values may
    be anything; a search costs up to twenty times parsing on a document
    of nothing but surrogate pairs."""
    return _lone_surrogate_re.search(_without_escaped_backslashes(text)) is not None


def _has_surrogate(value: object, text: str) -> bool:
    """Whether a decoded document has a string or key holding a surrogate
    (a lone one: the decoder joins pairs): written back out by the C
    encoder, which costs about what decoding did, its text fails to encode
    exactly then."""
    try:
        _encoder(False, False, True)(value).encode()
    except UnicodeEncodeError:
        return True
    except RecursionError:  # too deep to write out (max_depth is None)
        return _text_has_lone_surrogate(text)
    return False


def _deeper(value: object, limit: int) -> bool:
    """Whether a decoded document nests deeper than ``limit``.

    Level by level. A level of one array or object, as in ``[[[...]]]``, is
    stepped through directly; a wider one has its values sorted into
    arrays and objects by C code (``compress`` over their types), with no
    Python code per value. Either way the cost is a fraction of decoding.
    """
    top: list[object] = [value]
    kind = type(value)
    # The types are checked: the casts only say what the checks found.
    lists = t.cast("list[list[object]]", top if kind is list else [])
    dicts = t.cast("list[dict[str, object]]", top if kind is dict else [])
    for _ in range(limit):
        if len(lists) + len(dicts) == 1:
            only = lists[0] if lists else dicts[0].values()
            if len(only) == 1:
                (inner,) = only
                kind = type(inner)
                lists = t.cast("list[list[object]]", [inner] if kind is list else [])
                dicts = t.cast(
                    "list[dict[str, object]]", [inner] if kind is dict else []
                )
                continue
        elif not lists and not dicts:
            return False
        values: list[object] = [
            *itertools.chain.from_iterable(lists),
            *itertools.chain.from_iterable(map(_dict_values, dicts)),
        ]
        # One pass over the values keeps the arrays and objects, usually
        # few; a second over those sorts them.
        containers = list(
            itertools.compress(values, map(_is_container, map(type, values)))
        )
        kinds = list(map(type, containers))
        lists = t.cast(
            "list[list[object]]",
            list(itertools.compress(containers, map(operator.is_, kinds, _LIST))),
        )
        dicts = t.cast(
            "list[dict[str, object]]",
            list(itertools.compress(containers, map(operator.is_, kinds, _DICT))),
        )
    return bool(lists or dicts)


_is_container: t.Final = frozenset((list, dict)).__contains__


_dict_values: t.Final = dict[str, object].values
# Endless, so one of each serves every call.
_LIST: t.Final = itertools.repeat(list)
_DICT: t.Final = itertools.repeat(dict)


def _text_deeper(text: str, limit: int) -> bool:
    """Whether a valid JSON document nests deeper than ``limit``, read from
    its text: its strings go (``replace`` and ``split``, a few times the
    cost of parsing; a pattern that matched strings cost hundreds of times
    more on a long one), and the brackets left are counted."""
    # With no escaped quotes left, quotes only delimit strings: every
    # other piece is outside them.
    if "\\" in text:
        text = _without_escaped_backslashes(text).replace('\\"', "__")
    outside = "".join(text.split('"')[::2])
    brackets = _not_bracket_re.sub("", outside)
    return max(itertools.accumulate(map(_step.__getitem__, brackets))) > limit


_builtin_default: t.Final = JSONProvider.default

default_provider: t.Final = JSONProvider()
"""The provider requests and responses use when no app is involved."""
