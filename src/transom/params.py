"""What a parameter's annotation means: its converter and its constraints.

``resolve`` reads an annotation once, at registration, into a frozen
:class:`ValueType` that converts text on every request without looking at
the annotation again::

    Annotated[int, Range(ge=1, le=100)]      # 1..100, else 404 (path) or 400 (query)
    Annotated[str, Length(max=20)]           # at most 20 characters
    PathStr                                  # a path segment that may hold slashes
    Literal["asc", "desc"]                   # one of the choices
    list[int]                                # repeated query keys: ?id=1&id=2
    int | None = None                        # an optional query parameter

Constraint objects from the ``annotated-types`` package (``Ge``, ``Le``,
``MinLen``, ``Interval``, ...) are understood too, by their attribute names.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import types
import typing as t
import uuid

import typing_extensions as te

from .converters import BUILTIN_CONVERTERS
from .converters import WERKZEUG_NAMES
from .converters import BoolConverter
from .converters import ChoiceConverter
from .converters import Converter
from .converters import DateConverter
from .converters import FloatConverter
from .converters import IntConverter
from .converters import PathConverter
from .converters import StrConverter
from .converters import UUIDConverter
from .converters import ValidationError
from .exceptions import ConverterError
from .exceptions import ExplainedError

_T = t.TypeVar("_T")


class EmptyRangeError(ExplainedError, ValueError):
    """A :class:`Range` that no number fits."""

    def __init__(self, bounds: Range) -> None:
        super().__init__(
            repr(bounds),
            "no number fits these bounds",
            "give a lower bound below the upper one, as in"
            " Range(ge=1, le=100) for 1 to 100",
        )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Range:
    """Bounds on a number: ``Annotated[int, Range(ge=1, le=100)]``.

    The bounds are keywords only (``Range(1, 100)`` would read as two
    lower bounds). A range no number fits, such as ``Range(ge=10, le=5)``,
    raises :class:`ValueError` where it is written.
    """

    ge: float | None = None
    """Greater than or equal to."""
    gt: float | None = None
    """Strictly greater than."""
    le: float | None = None
    """Less than or equal to."""
    lt: float | None = None
    """Strictly less than."""

    def __post_init__(self) -> None:
        # The tighter of each pair of bounds, as (value, strict); on a tie
        # the strict one is tighter.
        lows = [
            (b, strict)
            for b, strict in ((self.ge, False), (self.gt, True))
            if b is not None
        ]
        highs = [
            (b, strict)
            for b, strict in ((self.le, False), (self.lt, True))
            if b is not None
        ]
        if lows and highs:
            low, low_strict = max(lows)
            high, high_strict = min(highs, key=lambda bound: (bound[0], not bound[1]))
            if low > high or (low == high and (low_strict or high_strict)):
                raise EmptyRangeError(self)

    def check(self, value: t.Any) -> bool:
        """Whether ``value`` is within the bounds."""
        return not (
            (self.ge is not None and value < self.ge)
            or (self.gt is not None and value <= self.gt)
            or (self.le is not None and value > self.le)
            or (self.lt is not None and value >= self.lt)
        )

    @property
    def signed(self) -> bool:
        """Whether a lower bound below zero is set, which lets the value
        carry a ``-`` sign (numbers in URLs are unsigned otherwise)."""
        return (self.ge is not None and self.ge < 0) or (
            self.gt is not None and self.gt < 0
        )

    @property
    def negative_only(self) -> bool:
        """Whether only numbers below zero are within the upper bound."""
        return (self.le is not None and self.le < 0) or (
            self.lt is not None and self.lt <= 0
        )

    def describe(self) -> str:
        """The bounds in words: ``'from 1 to 100'``, ``'at least 0 and below 1'``."""
        if self.ge is not None and self.le is not None:
            return f"from {_num(self.ge)} to {_num(self.le)}"
        parts: list[str] = []
        if self.ge is not None:
            parts.append(f"at least {_num(self.ge)}")
        if self.gt is not None:
            parts.append(f"above {_num(self.gt)}")
        if self.le is not None:
            parts.append(f"at most {_num(self.le)}")
        if self.lt is not None:
            parts.append(f"below {_num(self.lt)}")
        return " and ".join(parts) or "of any size"

    @te.override
    def __repr__(self) -> str:
        fields = ("ge", "gt", "le", "lt")
        shown = [
            f"{k}={getattr(self, k)!r}" for k in fields if getattr(self, k) is not None
        ]
        return f"Range({', '.join(shown)})"


@dataclasses.dataclass(frozen=True, slots=True)
class Length:
    """Bounds on a string's length: ``Annotated[str, Length(min=3, max=20)]``."""

    min: int = 0
    """The fewest characters allowed."""
    max: int | None = None
    """The most characters allowed, or no limit."""

    def check(self, value: t.Any) -> bool:
        """Whether ``value`` has an allowed length."""
        size = len(value)
        return size >= self.min and (self.max is None or size <= self.max)

    def describe(self) -> str:
        """The bounds in words: ``'of 3 to 20 characters'``."""
        if self.max is None:
            return f"of at least {self.min} characters"
        if self.min == self.max:
            return f"of exactly {self.max} characters"
        if self.min == 0:
            return f"of at most {self.max} characters"
        return f"of {self.min} to {self.max} characters"

    @te.override
    def __repr__(self) -> str:
        shown = [f"min={self.min!r}"] if self.min else []
        if self.max is not None:
            shown.append(f"max={self.max!r}")
        return f"Length({', '.join(shown)})"


def _num(value: float) -> str:
    return repr(int(value)) if value == int(value) else repr(value)


class _Slashes:
    """Marks a ``str`` parameter that may contain slashes (see :data:`PathStr`)."""

    @te.override
    def __repr__(self) -> str:
        return "SLASHES"


SLASHES: t.Final = _Slashes()

PathStr: t.TypeAlias = t.Annotated[str, SLASHES]
"""A ``str`` path parameter that accepts slashes, like werkzeug's ``path``."""

Constraint: t.TypeAlias = Range | Length


def _constraints(metadata: t.Iterable[object]) -> tuple[bool, tuple[Constraint, ...]]:
    """Split ``Annotated`` metadata into the slashes marker and constraints;
    other metadata is left for other tools."""
    slashes = False
    found: list[Constraint] = []
    for item in metadata:
        if isinstance(item, _Slashes):
            slashes = True
        elif isinstance(item, Range | Length):
            found.append(item)
        else:
            bounds = {k: getattr(item, k, None) for k in ("ge", "gt", "le", "lt")}
            if any(v is not None for v in bounds.values()):
                found.append(Range(**bounds))
            low = getattr(item, "min_length", None)
            high = getattr(item, "max_length", None)
            if low is not None or high is not None:
                found.append(Length(low or 0, high))
    return slashes, tuple(found)


class _Checked(Converter[t.Any]):
    """A converter with constraints on its values."""

    def __init__(self, inner: Converter[t.Any], checks: tuple[Constraint, ...]) -> None:
        super().__init__(inner.map)
        self.inner = inner
        self.checks = checks
        self.regex = inner.regex
        self.part_isolating = inner.part_isolating
        self.weight = inner.weight

    @te.override
    def to_python(self, value: str) -> t.Any:
        result = self.inner.to_python(value)
        for check in self.checks:
            if not check.check(result):
                raise ValidationError()
        return result

    @te.override
    def to_url(self, value: t.Any) -> str:
        return self.inner.to_url(value)


@dataclasses.dataclass(frozen=True, slots=True)
class ValueType:
    """How the text of one parameter becomes a Python value, resolved once."""

    annotation: t.Any
    """The annotation as written."""
    base: t.Any
    """The single-value type: ``int`` for ``list[int]`` or ``int | None``."""
    converter: Converter[t.Any]
    """Converts one value, constraints included."""
    constraints: tuple[Constraint, ...]
    """The ``Annotated`` constraints."""
    many: bool
    """``list[T]``: every value of a repeated query key."""
    optional: bool
    """``T | None``: a missing or empty value is ``None``."""
    pattern: re.Pattern[str]
    """The converter's regex, anchored, for values that do not pass the URL matcher."""

    def parse(self, text: str) -> t.Any:
        """Convert one value.

        :raises ValueError: the text is not a valid value.
        """
        if self.pattern.fullmatch(text) is None:
            raise ValidationError()
        return self.converter.to_python(text)

    def to_text(self, value: t.Any) -> str:
        """The query-string text of one value, the inverse of :meth:`parse`.

        Text is sent as it is (the query string is quoted as a whole); a
        string for another type must be what :meth:`parse` accepts, so
        ``url_for`` never builds a link its own route answers with a 400.

        :raises ValueError: the value is not valid for this type.
        """
        if type(_unwrap(self.converter)) in (StrConverter, PathConverter):
            return value if isinstance(value, str) else str(value)
        if isinstance(value, str):
            self.parse(value)
            return value
        return self.converter.to_url(value)

    def describe(self) -> str:
        """Say in words what a valid value is, for error messages:
        ``'an integer from 1 to 100'``, ``"one of 'asc', 'desc'"``."""
        converter = _unwrap(self.converter)
        if isinstance(converter, ChoiceConverter):
            texts = [converter.to_url(choice) for choice in converter.choices]
            return "one of " + ", ".join(repr(text) for text in texts)
        if isinstance(converter, IntConverter | FloatConverter):
            # "Non-negative" goes without saying when a lower bound is given.
            bounded = converter.regex.startswith("-") or any(
                isinstance(check, Range) and (check.ge, check.gt) != (None, None)
                for check in self.constraints
            )
            text = _NUMBERS[type(converter), bounded]
        else:
            text = _NOUNS.get(type(converter), f"a {_name(self.base)}")
        for check in self.constraints:
            text += " " + check.describe()
        return text


_ANY_TEXT: t.Final = re.compile(".*", re.DOTALL)

_NUMBERS: t.Final[dict[tuple[type[Converter[t.Any]], bool], str]] = {
    (IntConverter, False): "a non-negative integer",
    (IntConverter, True): "an integer",
    (FloatConverter, False): "a non-negative number",
    (FloatConverter, True): "a number",
}
_NOUNS: t.Final[dict[type[Converter[t.Any]], str]] = {
    StrConverter: "text",
    PathConverter: "text",
    UUIDConverter: "a UUID (8-4-4-4-12 hexadecimal digits)",
    BoolConverter: "true or false",
    DateConverter: "a date (YYYY-MM-DD)",
}


def _unwrap(converter: Converter[t.Any]) -> Converter[t.Any]:
    return converter.inner if isinstance(converter, _Checked) else converter


class ConverterRegistry:
    """The converter for each parameter type, per application.

    Starts with the built-in types; :meth:`register` adds a user's own.
    """

    def __init__(self) -> None:
        self._by_type: dict[t.Any, type[Converter[t.Any]]] = dict(BUILTIN_CONVERTERS)
        self._by_name: dict[str, type[Converter[t.Any]]] = dict(WERKZEUG_NAMES)
        self._type_by_name: dict[str, t.Any] = {
            "default": str,
            "string": str,
            "path": str,
            "int": int,
            "float": float,
            "uuid": uuid.UUID,
            "any": None,
        }

    @property
    def names(self) -> dict[str, type[Converter[t.Any]]]:
        """Converter classes by the name a rule may use (``<int:id>``)."""
        return dict(self._by_name)

    def register(
        self, type_: type[_T], converter: type[Converter[_T]], name: str | None = None
    ) -> None:
        """Use ``converter`` for parameters annotated ``type_``; ``name`` also
        allows it explicitly in rules (``<name:variable>``)."""
        given = t.cast(object, converter)  # checked at run time for untyped callers
        if not (isinstance(given, type) and issubclass(given, Converter)):
            raise ConverterError(
                f"register_converter({type_!r}, {converter!r})",
                "the converter is not a transom.Converter subclass",
                "subclass transom.Converter[T] and implement to_python and to_url",
            )
        self._by_type[type_] = converter
        if name is not None:
            self._by_name[name] = converter
            self._type_by_name[name] = type_

    def type_for_name(self, name: str) -> t.Any:
        """The Python type an explicit converter name produces, or ``None``
        for an unknown name and ``any``."""
        return self._type_by_name.get(name)

    def resolve(
        self,
        annotation: t.Any,
        where: str,
        *,
        in_path: bool,
        has_default: bool = False,
    ) -> ValueType:
        """Read ``annotation`` into a :class:`ValueType`.

        :param where: names the parameter in error messages.
        :param in_path: path parameters cannot be lists, nor optional
            without a default.
        :param has_default: the parameter has a default; a path parameter
            may then be ``T | None``, for a view that another rule routes
            without it (``"/hello/"`` and ``"/hello/<name>"``).
        :raises ConverterError: no converter exists for the type.
        """
        base, metadata = _split_annotated(annotation)
        optional = False
        many = False
        origin = t.get_origin(base)
        if origin in (t.Union, types.UnionType):
            args = [a for a in t.get_args(base) if a is not type(None)]
            if len(args) != len(t.get_args(base)) - 1 or len(args) != 1:
                raise ConverterError(
                    where,
                    f"the annotation {_name(annotation)} is a union transom cannot convert to",
                    "use a single type, optionally with '| None'",
                )
            optional = True
            base, more = _split_annotated(args[0])
            metadata += more
            origin = t.get_origin(base)
        if origin is list or base is list:
            (item,) = t.get_args(base) or (str,)
            many = True
            base, more = _split_annotated(item)
            metadata += more
        if in_path and (many or (optional and not has_default)):
            raise ConverterError(
                where,
                f"a path parameter cannot be {_name(annotation)}",
                "give it a single type such as str or int; lists belong to query"
                " parameters, and '| None' to a path parameter with a default that"
                " another rule of the view leaves out",
            )
        slashes, constraints = _constraints(metadata)
        converter = self._converter_for(base, annotation, where, slashes, constraints)
        for check in constraints:
            if isinstance(check, Range) and base not in (int, float):
                raise ConverterError(
                    where,
                    f"{check!r} applies to int and float, not {_name(base)}",
                    "remove the constraint or change the type",
                )
            if isinstance(check, Length) and base is not str:
                raise ConverterError(
                    where,
                    f"{check!r} applies to str, not {_name(base)}",
                    "remove the constraint or change the type",
                )
        # A query value is not a path segment: text may hold slashes or be
        # empty ("?next=/home", "?q="); other types keep their converter's form.
        pattern = (
            _ANY_TEXT
            if not in_path and type(converter) in (StrConverter, PathConverter)
            else re.compile(converter.regex)
        )
        if constraints:
            converter = _Checked(converter, constraints)
        return ValueType(
            annotation=annotation,
            base=base,
            converter=converter,
            constraints=constraints,
            many=many,
            optional=optional,
            pattern=pattern,
        )

    def _converter_for(
        self,
        base: t.Any,
        annotation: t.Any,
        where: str,
        slashes: bool,
        constraints: tuple[Constraint, ...],
    ) -> Converter[t.Any]:
        if t.get_origin(base) is t.Literal:
            values = t.get_args(base)
            if not all(isinstance(v, str | int | enum.Enum) for v in values):
                raise ConverterError(
                    where,
                    f"{_name(annotation)} has values that are not str, int or Enum",
                    "use Literal of strings or ints",
                )
            return ChoiceConverter(None, *values)
        if isinstance(base, type) and issubclass(base, enum.Enum):
            return ChoiceConverter(None, *base)
        if slashes:
            if base is not str:
                raise ConverterError(
                    where,
                    "PathStr (slashes allowed) applies to str only",
                    "annotate the parameter as transom.PathStr",
                )
            return PathConverter()
        builtin = self._by_type.get(base)
        if (base is int and builtin is IntConverter) or (
            base is float and builtin is FloatConverter
        ):
            ranges = [c for c in constraints if isinstance(c, Range)]
            signed = any(r.signed for r in ranges)
            if not signed and any(r.negative_only for r in ranges):
                raise ConverterError(
                    where,
                    f"{_name(annotation)} allows only negative numbers, but numbers in"
                    " URLs are unsigned unless a lower bound below zero is given",
                    "add the lowest value allowed, for example Range(ge=-100, le=-1)",
                )
            if base is int:
                return IntConverter(signed=signed)
            return FloatConverter(signed=signed)
        if isinstance(base, str | t.ForwardRef):
            text = base if isinstance(base, str) else base.__forward_arg__
            raise ConverterError(
                where,
                f"the annotation {text!r} is a name in quotes that transom could not"
                " resolve",
                f"define or import {text} at module level, outside 'if TYPE_CHECKING:'",
            )
        converter = builtin
        if converter is None and isinstance(base, type):
            # A subclass is not served by its base's converter, which would
            # give the view a date for a datetime, a str for a Slug(str).
            for parent in base.__mro__[1:-1]:
                if parent in self._by_type:
                    raise ConverterError(
                        where,
                        f"no converter for the annotation {_name(base)}; the"
                        f" converter of its base class {_name(parent)} would give a"
                        f" {_name(parent)}, not a {_name(base)}",
                        f"register one with app.register_converter({_name(base)},"
                        f" YourConverter), or annotate the parameter as {_name(parent)}",
                    )
        if isinstance(base, t.TypeVar):
            raise ConverterError(
                where,
                f"no converter for the annotation {_name(base)}, a type variable"
                " that the routed view does not bind",
                "route a subclass that gives the generic base a type, as in"
                " 'class Posts(Items[int])'",
            )
        if converter is None or base is t.Any or base is object:
            known = ", ".join(sorted(_name(k) for k in self._by_type))
            raise ConverterError(
                where,
                f"no converter for the annotation {_name(annotation)}",
                f"use one of {known}, Literal[...], an Enum or PathStr, or register"
                f" one with app.register_converter({_name(base)}, YourConverter)",
            )
        return converter()


def _split_annotated(annotation: t.Any) -> tuple[t.Any, tuple[object, ...]]:
    if t.get_origin(annotation) is t.Annotated:
        return annotation.__origin__, tuple(annotation.__metadata__)
    return annotation, ()


def _name(annotation: t.Any) -> str:
    if isinstance(annotation, type):
        return annotation.__qualname__
    if isinstance(annotation, t.NewType | t.TypeVar):
        return str(annotation.__name__)  # not 'module.UserId' or '~T'
    return repr(annotation).replace("typing.", "")
