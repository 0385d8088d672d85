"""JSON encoding and decoding.

:class:`JSONProvider` is what ``app.json`` is; replace it on an app to change
how transom writes and reads JSON. The default writes dataclasses, UUIDs,
dates, decimals, enums and sets. It reads strict JSON: ``NaN`` and
``Infinity`` are refused, and a document nested deeper than
:attr:`JSONProvider.max_depth` is a ``ValueError`` (a 400 in a view), never
a ``RecursionError``.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import itertools
import json as _json
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

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialize ``obj`` to a JSON string."""
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

        :raises ValueError: malformed, ``NaN``/``Infinity``, or nested deeper
            than :attr:`max_depth`.
        """
        try:
            # json.loads with an option builds a decoder per call; one
            # decoder keeps no state between calls. Bytes (a request body)
            # are decoded as json.loads decodes them; json.loads itself
            # answers a text's BOM and anything that is neither.
            if not kwargs and isinstance(s, str) and not s.startswith("\ufeff"):
                value = _decoder.decode(s)
            elif not kwargs and isinstance(s, bytes | bytearray):
                encoding = _json.detect_encoding(s)
                value = _decoder.decode(s.decode(encoding, "surrogatepass"))
            else:
                kwargs.setdefault("parse_constant", _refuse_constant)
                value = _json.loads(s, **kwargs)
        except RecursionError:
            raise ValueError("the JSON document is nested too deeply") from None
        limit = self.max_depth
        if limit is not None and _depth_exceeds(s, limit):
            raise ValueError(
                f"the JSON document is nested more than {limit} levels deep"
            )
        return value


def _refuse_constant(name: str) -> t.NoReturn:
    raise ValueError(f"{name} is not valid JSON")


_decoder: t.Final = _json.JSONDecoder(parse_constant=_refuse_constant)


_string_re: t.Final = re.compile(r'"(?:[^"\\]|\\.)*"')
_not_bracket_re: t.Final = re.compile(r"[^\[\]{}]+")
_step: t.Final = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth_exceeds(s: str | bytes, limit: int) -> bool:
    """Whether a valid JSON document nests deeper than ``limit``.

    Runs after a successful parse, so strings are well formed and the
    string pattern cannot backtrack. Documents with few brackets, nearly
    all of them, are answered by two ``count`` calls.
    """
    if isinstance(s, bytes | bytearray):
        if s.count(b"[") + s.count(b"{") <= limit:
            return False
        s = bytes(s).decode(_json.detect_encoding(s), "surrogatepass")
    elif s.count("[") + s.count("{") <= limit:
        return False
    brackets = _not_bracket_re.sub("", _string_re.sub("", s))
    return max(itertools.accumulate(map(_step.__getitem__, brackets))) > limit


default_provider: t.Final = JSONProvider()
"""The provider requests and responses use when no app is involved."""
