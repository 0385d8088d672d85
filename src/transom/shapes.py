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

from .exceptions import RouteError
from .params import Constraint
from .params import Length
from .params import Range
from .params import _constraints  # pyright: ignore[reportPrivateUsage]

Unknown: t.TypeAlias = t.Literal["forbid", "ignore"]
"""What an object does with fields it does not declare: ``'forbid'`` makes
each one an error with its pointer; ``'ignore'`` drops them."""

JSONKind: t.TypeAlias = t.Literal[
    "null", "bool", "int", "float", "str", "array", "object"
]
"""The kinds of JSON value, as Python's ``json`` module decodes them."""

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
        return "one of " + ", ".join(_json_repr(v) for v in self.values)

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (tuple(dict.fromkeys(_VALUE_KINDS[type(v)] for v in self.values)), ())


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class EnumShape(Shape):
    """An ``Enum`` subclass: a member, written as its value."""

    cls: type[enum.Enum]
    """The Enum."""
    values: tuple[t.Any, ...]
    """The members' values, in order."""

    @te.override
    def describe(self) -> str:
        return "one of " + ", ".join(_json_repr(v) for v in self.values)

    @te.override
    def kinds(self) -> tuple[tuple[JSONKind, ...], tuple[JSONKind, ...]]:
        return (tuple(dict.fromkeys(_VALUE_KINDS[type(v)] for v in self.values)), ())


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


def shape_of(annotation: t.Any, *, where: str | None = None) -> Shape:
    """The shape of ``annotation``, analysed once and cached.

    :param where: names the parameter in error messages; the annotation
        itself by default.
    :raises RouteError: the annotation cannot be decoded (an unknown type,
        an ambiguous union, a constraint on the wrong type, a name in
        quotes that does not resolve), with the fix.
    """
    try:
        return _cache[annotation]
    except KeyError:
        pass
    except TypeError:  # unhashable metadata in Annotated
        return _Analysis(where or type_name(annotation)).shape(annotation)
    analysis = _Analysis(where or type_name(annotation))
    shape = analysis.shape(annotation)
    _cache[annotation] = shape
    for cls, found in analysis.objects.items():  # complete now: share them
        _cache.setdefault(cls, found)
    return shape


class _Analysis:
    """One run of :func:`shape_of`; remembers the classes it is inside, so
    that a class that holds itself gets the same shape."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.objects: dict[type[t.Any], ObjectShape] = {}

    def fail(self, problem: str, fix: str) -> t.NoReturn:
        raise RouteError(self.where, problem, fix)

    def shape(self, annotation: t.Any, metadata: tuple[object, ...] = ()) -> Shape:
        if not metadata:
            try:
                return _cache[annotation]
            except (KeyError, TypeError):  # TypeError: unhashable metadata
                pass
        origin = t.get_origin(annotation)
        args = t.get_args(annotation)
        if origin is t.Annotated:
            return self.shape(args[0], metadata + tuple(annotation.__metadata__))
        if origin in (te.Required, te.NotRequired, te.ReadOnly):
            return self.shape(args[0], metadata)
        slashes, constraints = _constraints(metadata)
        del slashes  # PathStr means nothing in a document
        if isinstance(annotation, str | t.ForwardRef):
            text = (
                annotation
                if isinstance(annotation, str)
                else annotation.__forward_arg__
            )
            self.fail(
                f"the annotation {text!r} is a name in quotes that transom could not resolve",
                f"define or import {text} at module level, outside 'if TYPE_CHECKING:'",
            )
        if origin in (t.Union, types.UnionType):
            return self.union(annotation, args, constraints)
        if isinstance(annotation, te.TypeAliasType):
            return self.shape(annotation.__value__, metadata)
        supertype = getattr(annotation, "__supertype__", None)
        if supertype is not None:  # a NewType decodes as its base type
            return self.shape(supertype, metadata)
        list_origin = origin if origin is not None else annotation
        if list_origin in _LISTS:
            item = self.shape(args[0]) if args else AnyShape(t.Any)
            length = self.only(constraints, Length, annotation)
            return ListShape(annotation, item, _LISTS[list_origin], length)
        if not (
            isinstance(annotation, type)
            and origin is None
            and annotation not in (tuple, object)
            and annotation not in _DICTS
        ):
            self.refuse_constraints(constraints, annotation, ())
        if origin is t.Literal:
            return self.literal_shape(annotation, args)
        if origin is tuple or annotation is tuple:
            return self.tuple_shape(annotation, args)
        if origin in _DICTS or annotation in _DICTS:
            return self.dict_shape(annotation, args)
        if annotation is None or annotation is type(None):
            return NoneShape(annotation)
        if annotation in (t.Any, object):
            return AnyShape(annotation)
        if not isinstance(annotation, type):
            self.fail(
                f"{type_name(annotation)} cannot be decoded from request data",
                _KNOWN_TYPES,
            )
        return self.class_shape(t.cast("type[t.Any]", annotation), constraints)

    def class_shape(
        self, cls: type[t.Any], constraints: tuple[Constraint, ...]
    ) -> Shape:
        if issubclass(cls, enum.Enum):
            self.refuse_constraints(constraints, cls, ())
            values = tuple(member.value for member in cls)
            if not all(type(v) in _VALUE_KINDS for v in values):
                self.fail(
                    f"the values of {cls.__qualname__} are not all str, int, float, bool or None",
                    "give the Enum JSON values (str or int)",
                )
            return EnumShape(cls, cls, values)
        for scalar in SCALARS:
            if issubclass(cls, scalar):
                allowed = (
                    (Length,)
                    if scalar is str
                    else (Range,)
                    if scalar in (int, float, decimal.Decimal)
                    else ()
                )
                self.refuse_constraints(constraints, cls, allowed)
                return ScalarShape(cls, scalar, constraints)
        self.refuse_constraints(constraints, cls, ())
        foreign = foreign_library(cls)
        if foreign is not None:
            return ForeignShape(cls, cls, foreign)
        kind = _object_kind(cls)
        if kind is None:
            self.fail(
                f"{type_name(cls)} cannot be decoded from request data",
                _KNOWN_TYPES,
            )
        return self.object_shape(cls, kind)

    def object_shape(self, cls: type[t.Any], kind: ObjectKind) -> ObjectShape:
        known = self.objects.get(cls)
        if known is not None:
            return known
        cached = _cache.get(cls)
        if isinstance(cached, ObjectShape):
            return cached
        unknown = getattr(cls, UNKNOWN_ATTRIBUTE, None)
        if unknown not in (None, "forbid", "ignore"):
            self.fail(
                f"{cls.__qualname__}.{UNKNOWN_ATTRIBUTE} is {unknown!r}",
                "use 'forbid' or 'ignore'",
            )
        shape = ObjectShape(cls, cls, kind, unknown)
        self.objects[cls] = shape
        try:
            hints = t.get_type_hints(cls, include_extras=True)
        except NameError as error:
            self.fail(
                f"the annotations of {cls.__qualname__} name {error.name!r}, which"
                " transom could not resolve",
                f"define or import {error.name} at module level, outside"
                " 'if TYPE_CHECKING:'",
            )
        fields: list[Field] = []
        if kind == "dataclass":
            for item in dataclasses.fields(cls):
                if not item.init:
                    continue
                factory = item.default_factory
                made = None if factory is dataclasses.MISSING else factory
                fields.append(
                    Field(
                        item.name,
                        self.field(cls, item.name, hints[item.name]),
                        item.default is dataclasses.MISSING and made is None,
                        MISSING
                        if item.default is dataclasses.MISSING
                        else item.default,
                        made,
                    )
                )
        elif kind == "typeddict":
            required_keys: cabc.Collection[str] = getattr(cls, "__required_keys__", ())
            for name, hint in hints.items():
                hint_origin = t.get_origin(hint)
                if hint_origin in (te.NotRequired, t.NotRequired):
                    required = False
                elif hint_origin in (te.Required, t.Required):
                    required = True
                else:
                    required = name in required_keys
                fields.append(Field(name, self.field(cls, name, hint), required))
        else:
            fields = self.attrs_fields(cls, hints)
        object.__setattr__(shape, "fields", tuple(fields))
        return shape

    def attrs_fields(self, cls: type[t.Any], hints: dict[str, t.Any]) -> list[Field]:
        # Read from the class's attributes, so attrs itself is not imported.
        fields: list[Field] = []
        for attribute in getattr(cls, "__attrs_attrs__", ()):
            if not attribute.init:
                continue
            name: str = attribute.name
            default: object = attribute.default
            missing = type(default).__name__ == "_Nothing"
            factory: cabc.Callable[[], t.Any] | None = getattr(default, "factory", None)
            alias: str = getattr(attribute, "alias", None) or name.lstrip("_")
            # The document's key is the constructor's keyword (attrs strips
            # a leading underscore), as users write A(age=3) for "_age".
            fields.append(
                Field(
                    alias,
                    self.field(cls, name, hints.get(name, attribute.type or t.Any)),
                    missing,
                    MISSING if missing or factory is not None else default,
                    None if getattr(default, "takes_self", False) else factory,
                )
            )
        return fields

    def field(self, cls: type[t.Any], name: str, hint: t.Any) -> Shape:
        outer = self.where
        self.where = f"{outer}: field {cls.__qualname__}.{name}"
        try:
            return self.shape(hint)
        finally:
            self.where = outer

    def union(
        self,
        annotation: t.Any,
        args: tuple[t.Any, ...],
        constraints: tuple[Constraint, ...],
    ) -> Shape:
        nullable = any(a is None or a is type(None) for a in args)
        members = [a for a in args if a is not None and a is not type(None)]
        if constraints:
            members = [t.Annotated[(m, *constraints)] for m in members]
        options = [self.shape(m) for m in members]
        if any(isinstance(o, AnyShape) for o in options):
            return AnyShape(annotation)
        if len(options) == 1:
            inner = options[0]
        else:
            inner = self.choose(annotation, options)
        return OptionalShape(annotation, inner) if nullable else inner

    def choose(self, annotation: t.Any, options: list[Shape]) -> UnionShape:
        own: dict[JSONKind, list[Shape]] = {}
        extra: dict[JSONKind, list[Shape]] = {}
        for option in options:
            mine, more = option.kinds()
            for kind in mine:
                own.setdefault(kind, []).append(option)
            for kind in more:
                extra.setdefault(kind, []).append(option)
        by_kind: dict[JSONKind, tuple[Shape, ...]] = {}
        tag: str | None = None
        by_tag: dict[t.Any, Shape] = {}
        for kind in ("null", "bool", "int", "float", "str", "array", "object"):
            claimants = own.get(kind) or extra.get(kind, [])
            if not claimants:
                continue
            if len(claimants) == 1:
                by_kind[kind] = (claimants[0],)
                continue
            checked = [c for c in claimants if isinstance(c, LiteralShape | EnumShape)]
            general = [
                c for c in claimants if not isinstance(c, LiteralShape | EnumShape)
            ]
            if len(general) <= 1 and _disjoint(checked):
                by_kind[kind] = (*checked, *general)
                continue
            if kind == "object" and all(isinstance(c, ObjectShape) for c in claimants):
                objects = t.cast("list[ObjectShape]", claimants)
                tag, by_tag = self.tag(annotation, objects)
                by_kind[kind] = tuple(objects)
                continue
            first, second = general[:2] if len(general) >= 2 else claimants[:2]
            fix = (
                "give each object a Literal field with different values in each"
                " (a tag, such as kind: Literal['circle']), and decode with it"
                if kind == "object"
                else "keep one of them, or put each in a dataclass with a Literal tag field"
            )
            self.fail(
                f"the union {type_name(annotation)} is ambiguous: both"
                f" {type_name(first.annotation)} and {type_name(second.annotation)}"
                f" accept a JSON {_KIND_NAMES[kind]}",
                fix,
            )
        return UnionShape(annotation, tuple(options), by_kind, tag, by_tag)

    def tag(
        self, annotation: t.Any, objects: list[ObjectShape]
    ) -> tuple[str, dict[t.Any, Shape]]:
        for candidate in objects[0].fields:
            by_tag: dict[t.Any, Shape] = {}
            for option in objects:
                found = next(
                    (f for f in option.fields if f.name == candidate.name), None
                )
                if (
                    found is None
                    or not found.required
                    or not isinstance(found.shape, LiteralShape | EnumShape)
                ):
                    break
                values = found.shape.values
                if any((type(v), v) in by_tag for v in values):
                    break
                for value in values:
                    by_tag[type(value), value] = option
            else:
                return candidate.name, by_tag
        names = ", ".join(o.name for o in objects)
        self.fail(
            f"the union {type_name(annotation)} is ambiguous: {names} are all JSON"
            " objects and no field tells them apart",
            "give each a required Literal field of the same name with different"
            " values, such as kind: Literal['circle'] and kind: Literal['square']",
        )

    def literal_shape(self, annotation: t.Any, args: tuple[t.Any, ...]) -> LiteralShape:
        values: list[t.Any] = []
        results: list[t.Any] = []
        for arg in args:
            value = arg.value if isinstance(arg, enum.Enum) else arg
            if type(value) not in _VALUE_KINDS:
                self.fail(
                    f"{type_name(annotation)} has the value {arg!r}, which is not JSON",
                    "use Literal of str, int, bool or None",
                )
            values.append(value)
            results.append(arg)
        return LiteralShape(annotation, tuple(values), tuple(results))

    def tuple_shape(self, annotation: t.Any, args: tuple[t.Any, ...]) -> TupleShape:
        if not args:
            return TupleShape(annotation, (), AnyShape(t.Any))
        if len(args) == 2 and args[1] is Ellipsis:
            return TupleShape(annotation, (), self.shape(args[0]))
        if args == ((),):
            return TupleShape(annotation, (), None)
        return TupleShape(annotation, tuple(self.shape(a) for a in args), None)

    def dict_shape(self, annotation: t.Any, args: tuple[t.Any, ...]) -> DictShape:
        key = self.shape(args[0]) if args else ScalarShape(str, str)
        value = self.shape(args[1]) if len(args) == 2 else AnyShape(t.Any)
        inner = key.inner if isinstance(key, OptionalShape) else key
        if (
            not isinstance(inner, ScalarShape | LiteralShape | EnumShape)
            or key is not inner
        ):
            self.fail(
                f"the keys of {type_name(annotation)} are {type_name(key.annotation)},"
                " but JSON keys are text",
                "use str keys, or a type read from text (int, UUID, date, an Enum or a Literal)",
            )
        return DictShape(annotation, key, value)

    def only(
        self, constraints: tuple[Constraint, ...], kind: type[Length], annotation: t.Any
    ) -> Length | None:
        self.refuse_constraints(constraints, annotation, (kind,))
        return next((c for c in constraints if isinstance(c, Length)), None)

    def refuse_constraints(
        self,
        constraints: tuple[Constraint, ...],
        annotation: t.Any,
        allowed: tuple[type[t.Any], ...],
    ) -> None:
        for check in constraints:
            if not isinstance(check, allowed):
                target = (
                    "int, float and Decimal"
                    if isinstance(check, Range)
                    else "str and lists"
                )
                self.fail(
                    f"{check!r} applies to {target}, not {type_name(annotation)}",
                    "remove the constraint or change the type",
                )


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


def _object_kind(cls: type[t.Any]) -> ObjectKind | None:
    if te.is_typeddict(cls):
        return "typeddict"
    if dataclasses.is_dataclass(cls):
        return "dataclass"
    if hasattr(cls, "__attrs_attrs__"):
        return "attrs"
    return None


def _disjoint(shapes: cabc.Sequence[Shape]) -> bool:
    seen: set[tuple[type[t.Any], t.Any]] = set()
    for shape in shapes:
        assert isinstance(shape, LiteralShape | EnumShape)
        values: tuple[object, ...] = shape.values
        for value in values:
            key: tuple[type[t.Any], t.Any] = (type(value), value)
            if key in seen:
                return False
            seen.add(key)
    return True


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


_LISTS: t.Final[dict[object, type[t.Any]]] = {
    list: list,
    set: set,
    frozenset: frozenset,
    cabc.Sequence: list,
    cabc.MutableSequence: list,
    cabc.Collection: list,
    cabc.Iterable: list,
    cabc.Set: frozenset,
    cabc.MutableSet: set,
}
_DICTS: t.Final = frozenset({dict, cabc.Mapping, cabc.MutableMapping})
_KIND_NAMES: t.Final[dict[JSONKind, str]] = {
    "null": "null",
    "bool": "boolean",
    "int": "integer",
    "float": "number",
    "str": "string",
    "array": "array",
    "object": "object",
}
_KNOWN_TYPES: t.Final = (
    "use a dataclass, TypedDict, list, dict[str, T], tuple, T | None, Literal,"
    " an Enum, str, int, float, bool, UUID, date, datetime or Decimal (or a"
    " pydantic model, attrs class or msgspec Struct)"
)

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
