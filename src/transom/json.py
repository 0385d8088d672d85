"""JSON encoding and decoding.

:class:`JSONProvider` is what ``app.json`` is; replace it on an app to change
how transom writes and reads JSON. The default writes dataclasses, UUIDs,
dates, decimals, enums and sets, and never crashes on deep nesting: a
document nested too deeply to decode is a ``ValueError`` (a 400 in a view).
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import json as _json
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
        kwargs.setdefault("default", _default)
        kwargs.setdefault("sort_keys", self.sort_keys)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        if self.compact:
            kwargs.setdefault("separators", (",", ":"))
        else:
            kwargs.setdefault("indent", 2)
        return _json.dumps(obj, **kwargs)

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Deserialize a JSON document.

        :raises ValueError: malformed or too deeply nested.
        """
        try:
            return _json.loads(s, **kwargs)
        except RecursionError:
            raise ValueError("the JSON document is nested too deeply") from None


default_provider: t.Final = JSONProvider()
"""The provider requests and responses use when no app is involved."""
