"""What the data of an annotation looks like, analysed once into a frozen tree.

:func:`shape_of` reads an annotation into a :class:`Shape`, cached by
annotation; the tree feeds the decoders (:mod:`transom.decoding`), the JSON
Schema of the API docs (:func:`transom.apidocs.schema.shape_schema`) and
their examples, so all three agree::

    @dataclasses.dataclass
    class Item:
        name: str
        price: Annotated[float, Range(ge=0)]

    @dataclasses.dataclass
    class Order:
        kind: Literal["order"]
        items: list[Item]
        note: str | None = None

    shape = shape_of(Order)       # ObjectShape(cls=Order, fields=(...))
    shape.fields[1].shape         # ListShape(item=ObjectShape(cls=Item, ...))

Everything that cannot be decoded is refused here, at registration, with a
:class:`~transom.exceptions.RouteError` that names the fix: an unknown
type, a name in quotes that does not resolve, a constraint on the wrong
type, and an ambiguous union (two members that accept the same JSON
value). A union of objects is told apart by a ``Literal`` field that every
member has with different values (the tag).

pydantic models and msgspec Structs are kept whole (:class:`ForeignShape`)
and decoded by their library; attrs classes are read like dataclasses.
None of these packages is imported unless the annotation is one of their
classes (which means the package is loaded already).
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import sys
import types
import typing as t
import uuid

import typing_extensions as te

from .params import Constraint
from .params import Length

Unknown: t.TypeAlias = t.Literal["forbid", "ignore"]
"""What an object does with fields it does not declare: ``'forbid'`` makes
each one an error with its pointer; ``'ignore'`` drops them."""

JSONKind: t.TypeAlias = t.Literal[
    "null", "bool", "int", "float", "str", "array", "object"
]
"""The kinds of JSON value, as Python's ``json`` module decodes them."""

KIND_NAMES: t.Final[dict[JSONKind, str]] = {
    "null": "null",
    "bool": "boolean",
    "int": "integer",
    "float": "number",
    "str": "string",
    "array": "array",
    "object": "object",
}
"""How messages name each kind of JSON value."""

UNKNOWN_ATTRIBUTE: t.Final = "__transom_unknown__"
"""The class attribute that holds a type's own :data:`Unknown` policy
(set by :func:`transom.decoding.unknown_fields`)."""

SCALARS: t.Final[tuple[type[t.Any], ...]] = (
    str,
    bool,
    int,
    float,
    uuid.UUID,
    datetime.datetime,
    datetime.date,
    decimal.Decimal,
)
"""The scalar types decoded from JSON (``datetime`` before ``date``: a
datetime is a date)."""

_SCALAR_NAMES: t.Final[dict[type[t.Any], str]] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    uuid.UUID: "UUID",
    datetime.datetime: "date-time (ISO 8601)",
    datetime.date: "date (YYYY-MM-DD)",
    decimal.Decimal: "decimal number",
}
# The JSON kinds each scalar accepts, the first ones as their own (a float
# field takes 3 as 3.0, but in `int | float` the 3 goes to int).
_SCALAR_KINDS: t.Final[
    dict[type[t.Any], tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]]
] = {
    str: (("str",), ()),
    bool: (("bool",), ()),
    int: (("int",), ()),
    float: (("float",), ("int",)),
    uuid.UUID: (("str",), ()),
    datetime.datetime: (("str",), ()),
    datetime.date: (("str",), ()),
    decimal.Decimal: (("str", "float"), ("int",)),
}
_VALUE_KINDS: t.Final[dict[type[t.Any], JSONKind]] = {
    type(None): "null",
    bool: "bool",
    int: "int",
    float: "float",
    str: "str",
}


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class Shape:
    """Base of every node of the tree. Shapes compare by identity; each
    annotation has one (see :func:`shape_of`)."""

    annotation: t.Any
    """The annotation as written."""

    def describe(self) -> str:
        """What a valid value is, in short: ``'integer from 1 to 10'``."""
        raise NotImplementedError

    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        """The JSON kinds this shape accepts as its own, and those it also
        takes (a float takes an integer) when no other member of a union
        claims them."""
        raise NotImplementedError


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class AnyShape(Shape):
    """``Any`` or ``object``: any JSON value, kept as it is."""

    @te.override
    def describe(self) -> str:
        return "any value"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("null", "bool", "int", "float", "str", "array", "object"), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class NoneShape(Shape):
    """``None``: JSON ``null``."""

    @te.override
    def describe(self) -> str:
        return "null"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("null",), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class ScalarShape(Shape):
    """One of :data:`SCALARS`, with its ``Annotated`` constraints."""

    type: type[t.Any]
    """``str``, ``int``, ``float``, ``bool``, ``UUID``, ``datetime``, ``date``
    or ``Decimal`` (a subclass annotation is decoded as this type)."""
    constraints: tuple[Constraint, ...] = ()
    """:class:`~transom.Range` for numbers, :class:`~transom.Length` for text."""

    @te.override
    def describe(self) -> str:
        text = _SCALAR_NAMES[self.type]
        for check in self.constraints:
            text += " " + check.describe()
        return text

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return _SCALAR_KINDS[self.type]


def _one_of(values: tuple[t.Any, ...]) -> str:
    """How fixed values read in messages: ``one of 'a', 'b'``."""
    return "one of " + ", ".join(_json_repr(v) for v in values)


def _kinds_of(
    values: tuple[t.Any, ...],
) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
    """The JSON kinds fixed values are written as (none is a container)."""
    return (tuple(dict.fromkeys(_VALUE_KINDS[type(v)] for v in values)), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class LiteralShape(Shape):
    """``Literal[...]``: one of fixed JSON values (str, int, bool, None or
    an Enum member's value)."""

    values: tuple[t.Any, ...]
    """The values a valid document holds (an Enum member's value for a member)."""
    results: tuple[t.Any, ...]
    """What each value decodes to (the member itself for an Enum member)."""

    @te.override
    def describe(self) -> str:
        return _one_of(self.values)

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return _kinds_of(self.values)


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class EnumShape(Shape):
    """An ``Enum`` subclass: a member, written as its value."""

    cls: type[enum.Enum]
    """The Enum."""
    values: tuple[t.Any, ...]
    """The members' values, in order."""

    @te.override
    def describe(self) -> str:
        return _one_of(self.values)

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return _kinds_of(self.values)


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class ListShape(Shape):
    """``list[T]`` (also ``set``, ``frozenset`` and their ABCs): a JSON array."""

    item: Shape
    """Each item's shape."""
    container: type[t.Any] = list
    """``list``, ``set`` or ``frozenset``: what the items are collected into."""
    length: Length | None = None
    """Bounds on the number of items (``Annotated[list[T], Length(max=10)]``)."""

    @te.override
    def describe(self) -> str:
        text = "array"
        if self.length is not None:
            text += " " + self.length.describe().replace("characters", "items")
        return text

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("array",), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class TupleShape(Shape):
    """``tuple[A, B]`` (a fixed number of items) or ``tuple[T, ...]``."""

    items: tuple[Shape, ...]
    """The shape of each item of a fixed tuple; empty for a variadic one."""
    rest: Shape | None
    """The shape of every item of ``tuple[T, ...]``; ``None`` when fixed."""

    @te.override
    def describe(self) -> str:
        if self.rest is not None:
            return "array"
        count = len(self.items)
        return f"array of {count} item{'s' if count != 1 else ''}"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("array",), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class DictShape(Shape):
    """``dict[K, V]``: a JSON object with any keys; a key that is not ``str``
    is converted from its text (``dict[int, str]``)."""

    key: Shape
    """The keys' shape (a scalar, Literal or Enum)."""
    value: Shape
    """The values' shape."""

    @te.override
    def describe(self) -> str:
        return "object"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("object",), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class OptionalShape(Shape):
    """``T | None``: ``null`` (or, in a form, an empty or absent value) is ``None``."""

    inner: Shape
    """The shape of a value that is not ``None``."""

    @te.override
    def describe(self) -> str:
        return f"{self.inner.describe()} or null"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        own, extra = self.inner.kinds()
        return (("null", *own), extra)


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class UnionShape(Shape):
    """A union whose members accept different JSON values, so that the value
    alone picks the member: ``int | str``, ``Literal['a'] | Enum``, or objects
    told apart by a tag field (``kind: Literal['circle']``)."""

    options: tuple[Shape, ...]
    """The members, in annotation order (``None`` excluded: see
    :class:`OptionalShape`)."""
    by_kind: cabc.Mapping[JSONKind, tuple[Shape, ...]]
    """The members to try for each JSON kind, in order; more than one only
    for members that check a value (Literal, Enum), tried first."""
    tag: str | None
    """The field whose value picks among the object members."""
    by_tag: cabc.Mapping[t.Any, Shape]
    """The object member for each value of :attr:`tag`."""

    @te.override
    def describe(self) -> str:
        return " or ".join(option.describe() for option in self.options)

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (tuple(self.by_kind), ())


class _Missing:
    @te.override
    def __repr__(self) -> str:
        return "MISSING"


MISSING: t.Final = _Missing()
"""The default of a field that has none."""


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class Field:
    """One field of an :class:`ObjectShape`."""

    name: str
    """The key in the document."""
    shape: Shape
    """The value's shape."""
    required: bool
    """Whether a document must have the field."""
    default: t.Any = MISSING
    """The default value, or :data:`MISSING` (also when a factory gives it)."""
    default_factory: cabc.Callable[[], t.Any] | None = None
    """The callable that makes the default, if any."""
    argument: str | None = None
    """The constructor's keyword for the field when it differs from
    :attr:`name`."""


ObjectKind: t.TypeAlias = t.Literal["dataclass", "typeddict", "attrs"]


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class ObjectShape(Shape):
    """A dataclass, TypedDict or attrs class: a JSON object with named fields.

    The fields are set once, right after the shape is made, so that a
    class can hold itself (``children: list[Node]``).
    """

    cls: type[t.Any]
    """The class."""
    kind: ObjectKind
    """What kind of class it is (a TypedDict decodes into a plain dict)."""
    unknown: Unknown | None
    """The class's own policy for undeclared fields; ``None`` leaves it to
    the decoder (``decoder_for(..., unknown=...)``)."""
    fields: tuple[Field, ...] = ()
    """The fields, in declaration order."""

    @property
    def name(self) -> str:
        """The class's name."""
        return self.cls.__name__

    @te.override
    def describe(self) -> str:
        return "object"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("object",), ())


ForeignLibrary: t.TypeAlias = t.Literal["pydantic", "msgspec"]


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class ForeignShape(Shape):
    """A pydantic model or msgspec Struct, decoded by its own library."""

    cls: type[t.Any]
    """The model class."""
    library: ForeignLibrary
    """Which library decodes it."""

    @property
    def name(self) -> str:
        """The class's name."""
        return self.cls.__name__

    @te.override
    def describe(self) -> str:
        return "object"

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (("object",), ())


_cache: dict[t.Any, Shape] = {}
"""Every shape analysed, by annotation (and each class met on the way)."""


def shape_of(annotation: t.Any, *, where: str | None = None) -> Shape:
    """The shape of ``annotation``, analysed once and cached.

    :param where: names the parameter in error messages; the annotation
        itself by default.
    :raises RouteError: the annotation cannot be decoded (an unknown type,
        an ambiguous union, a constraint on the wrong type, a name in
        quotes that does not resolve), with the fix.
    """
    from ._shape_analysis import analyse  # it builds on this module

    try:
        return _cache[annotation]
    except KeyError:
        pass
    except TypeError:  # unhashable metadata in Annotated
        return analyse(annotation, where or type_name(annotation), {})
    found: dict[type[t.Any], ObjectShape] = {}
    shape = analyse(annotation, where or type_name(annotation), found)
    _cache[annotation] = shape
    for cls, complete in found.items():  # complete now: share them
        _cache.setdefault(cls, complete)
    return shape


def foreign_library(cls: type[t.Any]) -> ForeignLibrary | None:
    """Which library decodes ``cls``, if it is a pydantic model or a msgspec
    Struct. Only a package already loaded is asked (a class of one means it
    is), so that checking never imports it."""
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and issubclass(cls, pydantic.BaseModel):
        return "pydantic"
    msgspec = sys.modules.get("msgspec")
    if msgspec is not None and issubclass(cls, msgspec.Struct):
        return "msgspec"
    return None


def _json_repr(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def type_name(annotation: t.Any) -> str:
    """``annotation`` as a reader writes it: ``'Task'``, ``'list[Item] | None'``."""
    if annotation is None or annotation is type(None):
        return "None"
    if annotation is Ellipsis:
        return "..."
    origin = t.get_origin(annotation)
    args = t.get_args(annotation)
    if origin in (t.Union, types.UnionType):
        return " | ".join(type_name(a) for a in args)
    if origin is t.Literal:
        return f"Literal[{', '.join(repr(a) for a in args)}]"
    if origin is t.Annotated:
        extras = ", ".join(repr(m) for m in annotation.__metadata__)
        return f"Annotated[{type_name(args[0])}, {extras}]"
    if origin is not None and args:
        return f"{type_name(origin)}[{', '.join(type_name(a) for a in args)}]"
    if isinstance(annotation, type):
        return annotation.__qualname__
    return repr(annotation).replace("typing.", "").replace("typing_extensions.", "")


__all__ = [
    "MISSING",
    "AnyShape",
    "DictShape",
    "EnumShape",
    "Field",
    "ForeignShape",
    "JSONKind",
    "ListShape",
    "LiteralShape",
    "NoneShape",
    "ObjectShape",
    "OptionalShape",
    "ScalarShape",
    "Shape",
    "TupleShape",
    "UnionShape",
    "Unknown",
    "foreign_library",
    "shape_of",
    "type_name",
]
