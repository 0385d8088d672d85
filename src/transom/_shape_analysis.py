"""The analysis behind :func:`transom.shapes.shape_of`: one walk over an
annotation that builds its :class:`~transom.shapes.Shape` tree, refusing
what cannot be decoded with a :class:`~transom.exceptions.RouteError` that
names the fix.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import decimal
import enum
import types
import typing as t

import typing_extensions as te

from .exceptions import RouteError
from .params import Constraint
from .params import Length
from .params import Range
from .params import _constraints  # pyright: ignore[reportPrivateUsage]
from .shapes import _VALUE_KINDS  # pyright: ignore[reportPrivateUsage]
from .shapes import KIND_NAMES
from .shapes import MISSING
from .shapes import SCALARS
from .shapes import UNKNOWN_ATTRIBUTE
from .shapes import AnyShape
from .shapes import DictShape
from .shapes import EnumShape
from .shapes import Field
from .shapes import ForeignShape
from .shapes import JSONKind
from .shapes import ListShape
from .shapes import LiteralShape
from .shapes import NoneShape
from .shapes import ObjectKind
from .shapes import ObjectShape
from .shapes import OptionalShape
from .shapes import ScalarShape
from .shapes import Shape
from .shapes import TupleShape
from .shapes import UnionShape
from .shapes import _cache  # pyright: ignore[reportPrivateUsage]
from .shapes import foreign_library
from .shapes import type_name


def analyse(
    annotation: t.Any, where: str, found: dict[type[t.Any], ObjectShape]
) -> Shape:
    """The shape of ``annotation``; the classes met on the way go into
    ``found`` (whole once this returns).

    :raises RouteError: the annotation cannot be decoded.
    """
    analysis = _Analysis(where, found)
    return analysis.shape(annotation)


class _Analysis:
    """One run of :func:`shape_of`; remembers the classes it is inside, so
    that a class that holds itself gets the same shape."""

    def __init__(self, where: str, objects: dict[type[t.Any], ObjectShape]) -> None:
        self.where = where
        self.objects = objects

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
            # __dataclass_fields__ also holds the InitVars, which __init__
            # takes in the same order (fields() leaves them out).
            every: dict[str, dataclasses.Field[t.Any]] = cls.__dataclass_fields__
            for item in every.values():
                hint: t.Any = hints.get(item.name, t.Any)
                if not item.init or t.get_origin(hint) is t.ClassVar:
                    continue
                if isinstance(hint, dataclasses.InitVar):
                    hint = _init_var_type(t.cast(object, hint))
                factory = item.default_factory
                made = None if factory is dataclasses.MISSING else factory
                fields.append(
                    Field(
                        item.name,
                        self.field(cls, item.name, hint),
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
                f" accept a JSON {KIND_NAMES[kind]}",
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


def _init_var_type(hint: object) -> t.Any:
    """``T`` of ``InitVar[T]`` (an annotation pyright allows only in a class)."""
    return getattr(hint, "type")  # noqa: B009


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
_KNOWN_TYPES: t.Final = (
    "use a dataclass, TypedDict, list, dict[str, T], tuple, T | None, Literal,"
    " an Enum, str, int, float, bool, UUID, date, datetime or Decimal (or a"
    " pydantic model, attrs class or msgspec Struct)"
)
