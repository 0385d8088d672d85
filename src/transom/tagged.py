"""Tagged JSON: JSON that gives back the Python types JSON lacks.

The session is stored as JSON, which has no tuples, bytes, UUIDs or dates:
written as plain JSON, a tuple would come back as a list and a UUID as a
string, and bytes could not be written at all. :class:`TaggedJSON` writes
each such value as a one-key object naming its type, and reads it back as
that type::

    >>> tagged = TaggedJSON()
    >>> text = tagged.dumps({"point": (1, 2)})
    >>> text
    '{"point":{" t":[1,2]}}'
    >>> tagged.loads(text)
    {'point': (1, 2)}

Plain JSON reads as itself, so data written before tags existed still
loads. A dict of the user's whose only key happens to be a tag's key is
written escaped, so that it is never taken for a tagged value.

The idea is Flask's (``flask.json.tag``); the format is transom's own.
"""

from __future__ import annotations

import base64
import collections.abc as cabc
import datetime
import json as _json
import typing as t
import uuid

import typing_extensions as te
from markupsafe import Markup

from .json import JSONProvider
from .json import default_provider

_T = t.TypeVar("_T")

_PLAIN: t.Final[frozenset[type[object]]] = frozenset(
    (str, int, float, bool, type(None))
)
"""Types JSON writes and reads back unchanged, by exact type (a ``str``
subclass such as ``Markup`` is not plain)."""


class Tag(t.Generic[_T]):
    """How one Python type is written: a key that marks it, and the two
    conversions. Subclass it and pass an instance to
    :meth:`TaggedJSON.register` to add a type."""

    key: t.ClassVar[str] = ""
    """The key of the one-key object that holds a tagged value. Start it
    with a space: a space-led key is rare in user data."""
    types: t.ClassVar[tuple[type[object], ...]] = ()
    """The classes this tag writes, subclasses included."""

    def to_json(self, value: _T) -> t.Any:
        """What is written for ``value``: any value :class:`TaggedJSON`
        can write, itself tagged where needed."""
        raise NotImplementedError

    def to_python(self, value: t.Any) -> _T:
        """The value back from what :meth:`to_json` gave (its own tags
        already read)."""
        raise NotImplementedError


class _TupleTag(Tag[tuple[t.Any, ...]]):
    key = " t"
    types = (tuple,)

    @te.override
    def to_json(self, value: tuple[t.Any, ...]) -> t.Any:
        return list(value)

    @te.override
    def to_python(self, value: t.Any) -> tuple[t.Any, ...]:
        return tuple(value)


class _BytesTag(Tag[bytes]):
    key = " b"
    types = (bytes, bytearray, memoryview)

    @te.override
    def to_json(self, value: bytes) -> t.Any:
        return base64.b64encode(value).decode("ascii")

    @te.override
    def to_python(self, value: t.Any) -> bytes:
        return base64.b64decode(value, validate=True)


class _MarkupTag(Tag[Markup]):
    key = " m"
    types = (Markup,)

    @te.override
    def to_json(self, value: Markup) -> t.Any:
        return str(value.__html__())

    @te.override
    def to_python(self, value: t.Any) -> Markup:
        return Markup(value)


class _UUIDTag(Tag[uuid.UUID]):
    key = " u"
    types = (uuid.UUID,)

    @te.override
    def to_json(self, value: uuid.UUID) -> t.Any:
        return value.hex

    @te.override
    def to_python(self, value: t.Any) -> uuid.UUID:
        return uuid.UUID(hex=value)


class _DateTimeTag(Tag[datetime.datetime]):
    key = " d"
    types = (datetime.datetime,)

    @te.override
    def to_json(self, value: datetime.datetime) -> t.Any:
        # ISO 8601 keeps the microseconds and the offset (or its absence).
        return value.isoformat()

    @te.override
    def to_python(self, value: t.Any) -> datetime.datetime:
        return datetime.datetime.fromisoformat(value)


class _DateTag(Tag[datetime.date]):
    key = " date"
    types = (datetime.date,)  # registered before datetime, its subclass

    @te.override
    def to_json(self, value: datetime.date) -> t.Any:
        return value.isoformat()

    @te.override
    def to_python(self, value: t.Any) -> datetime.date:
        return datetime.date.fromisoformat(value)


_ESCAPE: t.Final = " di"
"""The key of a user's dict whose only key is a tag's key: its one item is
written as a ``[key, value]`` pair, which no tag reads."""


class TaggedJSON:
    """Dumps and loads JSON that keeps tuples, bytes, ``Markup``, UUIDs,
    datetimes and dates (and any type :meth:`register` adds).

    Anything else is written by ``provider``, as in a response: a
    dataclass or an enum is written but comes back as plain JSON.
    """

    def __init__(self, provider: JSONProvider = default_provider) -> None:
        self.provider = provider
        """Writes the tagged document."""
        self._tags: dict[str, Tag[t.Any]] = {}
        self._reserved: frozenset[str] = frozenset((_ESCAPE,))
        """The tags' keys and the escape's: the keys a user's dict of
        one item is escaped for."""
        self._by_type: dict[type[object], Tag[t.Any] | None] = {}
        self._order: list[Tag[t.Any]] = []
        for tag in (
            _TupleTag(),
            _BytesTag(),
            _MarkupTag(),
            _UUIDTag(),
            _DateTag(),
            _DateTimeTag(),
        ):
            self.register(tag)
        # One decoder for every document: json.loads with a hook builds
        # one per call.
        self._decoder = _json.JSONDecoder(object_hook=self._untag)

    def register(self, tag: Tag[t.Any]) -> None:
        """Write the values of ``tag.types`` with ``tag``; it is tried
        before the tags registered earlier.

        :raises ValueError: its key is taken, or does not start with a space.
        """
        if not tag.key.startswith(" ") or tag.key == _ESCAPE:
            raise ValueError(
                f"the tag key {tag.key!r} must start with a space and not be"
                f" {_ESCAPE!r}; choose another key for {type(tag).__name__}"
            )
        if tag.key in self._tags:
            raise ValueError(
                f"the tag key {tag.key!r} is taken by"
                f" {type(self._tags[tag.key]).__name__}; choose another key"
            )
        self._tags[tag.key] = tag
        self._reserved = frozenset((*self._tags, _ESCAPE))
        self._order.insert(0, tag)
        self._by_type.clear()

    def _tag_for(self, cls: type[object]) -> Tag[t.Any] | None:
        try:
            return self._by_type[cls]
        except KeyError:
            pass
        found: Tag[t.Any] | None = None
        for tag in self._order:
            if issubclass(cls, tag.types):
                found = tag
                break
        if found is None and hasattr(cls, "__html__"):
            found = self._tags[_MarkupTag.key]
        # Bounded by the classes a program stores.
        self._by_type[cls] = found
        return found

    def tag(self, value: t.Any) -> t.Any:
        """``value`` with every value JSON lacks replaced by its tag."""
        cls = t.cast("type[object]", type(value))
        if cls in _PLAIN:
            return value
        if cls is dict:
            items: dict[t.Any, t.Any] = value
            out = items  # written as it is when every value is plain
            plain = _PLAIN
            for v in items.values():
                if type(v) not in plain:
                    tag = self.tag
                    out = {
                        k: v if type(v) in plain else tag(v) for k, v in items.items()
                    }
                    break
            if len(out) == 1 and not self._reserved.isdisjoint(out):
                ((key, item),) = out.items()
                return {_ESCAPE: [key, item]}
            return out
        if cls is list:
            return [self.tag(v) for v in t.cast("list[t.Any]", value)]
        found = self._tag_for(cls)
        if found is not None:
            return {found.key: self.tag(found.to_json(value))}
        # Tested on the class: narrowing the value would make its items
        # unknown to pyright.
        if issubclass(cls, cabc.Mapping):
            return self.tag(dict(value))
        if issubclass(cls, list):
            return [self.tag(v) for v in value]
        return value  # the provider writes it, or says it cannot

    def _untag(self, obj: dict[str, t.Any]) -> t.Any:
        if len(obj) != 1 or self._reserved.isdisjoint(obj):
            return obj
        ((key, value),) = obj.items()
        if key == _ESCAPE:
            name, item = value
            return {name: item}
        return self._tags[key].to_python(value)

    def dumps(self, value: t.Any, **kwargs: t.Any) -> str:
        """Write ``value`` as tagged JSON.

        :raises TypeError: a value neither a tag nor the provider can write.
        """
        return self.provider.dumps(self.tag(value), **kwargs)

    def loads(self, text: str | bytes, **kwargs: t.Any) -> t.Any:
        """Read tagged JSON, or plain JSON written without tags."""
        if kwargs or not isinstance(text, str):
            return _json.loads(text, object_hook=self._untag, **kwargs)
        if '" ' not in text:
            # Every tag's key starts with a space, so a text with no string
            # that does holds no tag: read without calling a hook per object.
            return _plain_decoder.decode(text)
        return self._decoder.decode(text)


_plain_decoder: t.Final = _json.JSONDecoder()

session_json: t.Final = TaggedJSON()
"""The serializer of :class:`~transom.sessions.SecureCookieSessionInterface`."""
