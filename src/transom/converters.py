"""Typed converters between URL text and Python values.

A :class:`Converter` turns the text of one path segment or query value into
a Python value (``to_python``) and back (``to_url``). transom picks the
converter from a parameter's annotation; users add their own types with
:meth:`transom.App.register_converter`::

    class Point(t.NamedTuple):
        x: int
        y: int

    class PointConverter(Converter[Point]):
        regex = r"-?[0-9]{1,9},-?[0-9]{1,9}"

        def to_python(self, value: str) -> Point:
            x, y = value.split(",")
            return Point(int(x), int(y))

        def to_url(self, value: Point) -> str:
            return f"{value.x},{value.y}"

    app.register_converter(Point, PointConverter)

Every built-in converter accepts ASCII only: ``int`` takes ``[0-9]`` and at
most :data:`MAX_DIGITS` digits, so Unicode digits and absurdly long numbers
never reach a view.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import re
import typing as t
import uuid

import typing_extensions as te
from werkzeug.routing import BaseConverter
from werkzeug.routing import ValidationError as ValidationError

if t.TYPE_CHECKING:
    from werkzeug.routing import Map

_T = t.TypeVar("_T")

MAX_DIGITS: t.Final = 30
"""The longest run of digits the number converters accept."""


class Converter(BaseConverter, t.Generic[_T]):
    """Base class of typed converters.

    Subclasses set :attr:`regex` (what one value looks like, ASCII only is
    wise) and implement ``to_python`` and ``to_url``. Raise
    :class:`ValidationError` (or ``ValueError``) from ``to_python`` for text
    that matches the regex but is not a valid value.
    """

    regex = "[^/]+"
    """The regular expression a value must match, without anchors."""
    part_isolating = True
    """Whether a value is one path segment (werkzeug then matches it
    segment by segment). werkzeug sets ``False`` for a subclass whose
    ``regex`` has a ``/`` in it, unless the subclass says otherwise; said
    here, so that this class's ``[^/]+`` does not count as one."""

    def __init__(self, map: Map | None = None, *args: t.Any, **kwargs: t.Any) -> None:
        # werkzeug passes the Map; transom also builds converters for query
        # values, where there is none.
        self.map = map  # type: ignore[assignment]

    @te.override
    def to_python(self, value: str) -> _T:
        raise NotImplementedError

    @te.override
    def to_url(self, value: _T) -> str:
        raise NotImplementedError


class StrConverter(Converter[str]):
    """One path segment (no slash); ``minlength``/``maxlength`` as werkzeug's."""

    def __init__(
        self,
        map: Map | None = None,
        minlength: int = 1,
        maxlength: int | None = None,
        length: int | None = None,
    ) -> None:
        super().__init__(map)
        if length is not None:
            self.regex = f"[^/]{{{int(length)}}}"
        elif minlength != 1 or maxlength is not None:
            upper = "" if maxlength is None else int(maxlength)
            self.regex = f"[^/]{{{int(minlength)},{upper}}}"

    @te.override
    def to_python(self, value: str) -> str:
        return value

    @te.override
    def to_url(self, value: str) -> str:
        # The matcher sees the decoded path, so a value the regex refuses (a
        # slash in one segment, a wrong length) would build a URL that
        # matches nothing, or another route; browsers resolve "." and ".."
        # segments away before the request is even sent.
        if re.fullmatch(self.regex, value) is None or any(
            part in (".", "..") for part in value.split("/")
        ):
            raise ValueError(
                f"{value!r} cannot be written as this URL value: it must match"
                f" {self.regex!r} and have no '.' or '..' segment (annotate the"
                " parameter as transom.PathStr to allow slashes)"
            )
        return BaseConverter.to_url(self, value)


class PathConverter(StrConverter):
    """Any text, slashes included (for :data:`transom.PathStr`)."""

    regex = "[^/].*?"
    part_isolating = False
    weight = 200


class IntConverter(Converter[int]):
    """ASCII digits, at most :data:`MAX_DIGITS` of them; ``signed=True`` allows ``-``.

    Accepts werkzeug's arguments (``fixed_digits``, ``min``, ``max``, ``signed``).
    """

    regex = f"[0-9]{{1,{MAX_DIGITS}}}"
    weight = 50

    def __init__(
        self,
        map: Map | None = None,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(map)
        if fixed_digits:
            self.regex = f"[0-9]{{{int(fixed_digits)}}}"
        if signed:
            self.regex = f"-?{self.regex}"
        self.fixed_digits = fixed_digits
        self.min = min
        self.max = max

    @te.override
    def to_python(self, value: str) -> int:
        try:
            number = int(value)
        except ValueError:  # more digits than int() takes (fixed_digits)
            raise ValidationError() from None
        if (self.min is not None and number < self.min) or (
            self.max is not None and number > self.max
        ):
            raise ValidationError()
        return number

    @te.override
    def to_url(self, value: int) -> str:
        text = str(int(value))
        return text.zfill(self.fixed_digits) if self.fixed_digits else text


class FloatConverter(Converter[float]):
    """ASCII decimal numbers (``3``, ``3.25``); ``signed=True`` allows ``-``."""

    regex = f"[0-9]{{1,{MAX_DIGITS}}}(?:\\.[0-9]{{1,{MAX_DIGITS}}})?"
    weight = 50

    def __init__(
        self,
        map: Map | None = None,
        min: float | None = None,
        max: float | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(map)
        if signed:
            self.regex = f"-?{self.regex}"
        self.min = min
        self.max = max

    @te.override
    def to_python(self, value: str) -> float:
        number = float(value)
        if (self.min is not None and number < self.min) or (
            self.max is not None and number > self.max
        ):
            raise ValidationError()
        return number

    @te.override
    def to_url(self, value: float) -> str:
        # repr() is the shortest text that reads back as the same float, but
        # it writes 1e16 as '1e+16', which the regex (rightly) refuses; the
        # same digits written out positionally read back the same.
        text = format(decimal.Decimal(repr(float(value))), "f")
        if re.fullmatch(self.regex, text) is None:
            raise ValueError(
                f"{value!r} has no URL form the float converter accepts (at most"
                f" {MAX_DIGITS} digits each side of the point, and no sign unless"
                " the parameter allows negative values)"
            )
        return text


class UUIDConverter(Converter[uuid.UUID]):
    """A UUID in its canonical 8-4-4-4-12 hexadecimal form."""

    regex = (
        r"[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}"
    )

    @te.override
    def to_python(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    @te.override
    def to_url(self, value: uuid.UUID) -> str:
        return str(value)


class BoolConverter(Converter[bool]):
    """``true``/``false``, ``1``/``0``, ``yes``/``no``, ``on``/``off`` (any case)."""

    regex = "(?i:true|false|1|0|yes|no|on|off)"
    _true: t.Final = frozenset({"true", "1", "yes", "on"})

    @te.override
    def to_python(self, value: str) -> bool:
        return value.lower() in self._true

    @te.override
    def to_url(self, value: bool) -> str:
        return "true" if value else "false"


class DateConverter(Converter[datetime.date]):
    """An ISO 8601 date, ``2024-05-31``."""

    regex = "[0-9]{4}-[0-9]{2}-[0-9]{2}"

    @te.override
    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)

    @te.override
    def to_url(self, value: datetime.date) -> str:
        return value.isoformat()


class ChoiceConverter(Converter[object]):
    """One of a fixed set of values: a ``Literal[...]`` or an ``Enum``.

    Also werkzeug's ``any(a, b)``: the rule's arguments are the choices.
    """

    def __init__(self, map: Map | None = None, *items: object) -> None:
        super().__init__(map)
        self._by_text: dict[str, object] = {}
        for item in items:
            text = item.value if isinstance(item, enum.Enum) else item
            self._by_text[str(text)] = item
        self._to_text = {item: text for text, item in self._by_text.items()}
        self.regex = "(?:{})".format("|".join(map_escape(self._by_text)))
        self.part_isolating = not any("/" in text for text in self._by_text)

    @property
    def choices(self) -> tuple[object, ...]:
        """The values this converter accepts, in order."""
        return tuple(self._by_text.values())

    @te.override
    def to_python(self, value: str) -> object:
        try:
            return self._by_text[value]
        except KeyError:
            raise ValidationError() from None

    @te.override
    def to_url(self, value: object) -> str:
        try:
            return self._to_text[value]
        except (KeyError, TypeError):
            if isinstance(value, str) and value in self._by_text:
                return value
            raise ValueError(
                f"{value!r} is not one of {list(self._by_text.values())!r}"
            ) from None


def map_escape(texts: t.Iterable[str]) -> list[str]:
    """Escape each text for use in an alternation, longest first so that a
    prefix never shadows a longer choice."""
    return [re.escape(text) for text in sorted(texts, key=len, reverse=True)]


BUILTIN_CONVERTERS: t.Final[dict[type[t.Any], type[Converter[t.Any]]]] = {
    str: StrConverter,
    int: IntConverter,
    float: FloatConverter,
    bool: BoolConverter,
    uuid.UUID: UUIDConverter,
    datetime.date: DateConverter,
}
"""The converter for each type transom knows without registration."""

WERKZEUG_NAMES: t.Final[dict[str, type[Converter[t.Any]]]] = {
    "default": StrConverter,
    "string": StrConverter,
    "path": PathConverter,
    "int": IntConverter,
    "float": FloatConverter,
    "uuid": UUIDConverter,
    "any": ChoiceConverter,
}
"""The converter names werkzeug users know, bound to transom's ASCII-safe
versions; an explicit ``<int:id>`` in a rule uses these."""
