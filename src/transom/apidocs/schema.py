"""Annotations as JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1).

A :class:`SchemaBuilder` turns annotations into schemas and keeps the named
ones (TypedDicts, dataclasses, named tuples, Enums) as components that other
schemas reference with ``$ref``; nested and recursive types work::

    builder = SchemaBuilder()
    builder.schema(list[Post])     # {'type': 'array', 'items': {'$ref': '#/components/schemas/Post'}}
    builder.components             # {'Post': {'type': 'object', ...}, ...}

The schemas describe what transom's JSON encoder writes: a dataclass is an
object with every field, a UUID, date or Decimal is a string, an Enum is
its value, a set is an array. Field descriptions come from attribute
docstrings (a string literal after the field).

:meth:`SchemaBuilder.responses` reads a return annotation into the
responses it can produce: their status, media type and body schema.
"""

from __future__ import annotations

import ast
import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import inspect
import json
import re
import sys
import textwrap
import types
import typing as t
import uuid

import typing_extensions as te

from ..converters import ChoiceConverter
from ..converters import FloatConverter
from ..converters import IntConverter
from ..params import ConverterRegistry
from ..params import Length
from ..shapes import MISSING
from ..shapes import AnyShape
from ..shapes import DictShape
from ..shapes import EnumShape
from ..shapes import ForeignShape
from ..shapes import ListShape
from ..shapes import LiteralShape
from ..shapes import NoneShape
from ..shapes import ObjectShape
from ..shapes import OptionalShape
from ..shapes import ScalarShape
from ..shapes import Shape
from ..shapes import TupleShape
from ..shapes import UnionShape
from ..shapes import Unknown
from ..signature import REQUIRED
from ..status import is_status_class
from ..typing import DataclassInstance
from ..typing import JSONValue
from ..typing import ResponseBody
from ..typing import ResponseValue
from ..wrappers import Response
from .examples import example

if t.TYPE_CHECKING:
    from ..params import ValueType
    from ..status import Status
    from .introspect import ParamInfo

JSONSchema: t.TypeAlias = dict[str, t.Any]
"""A JSON Schema, as a dict ready for ``json.dumps``."""

_component_name_re = re.compile(r"[^A-Za-z0-9._-]")
_ARRAYS: t.Final = frozenset(
    {
        list,
        set,
        frozenset,
        cabc.Sequence,
        cabc.MutableSequence,
        cabc.Set,
        cabc.MutableSet,
        cabc.Collection,
        cabc.Iterable,
    }
)
_BOUNDS: t.Final = (
    ("ge", "minimum"),
    ("gt", "exclusiveMinimum"),
    ("le", "maximum"),
    ("lt", "exclusiveMaximum"),
)
_CALLABLE: t.Final[object] = cabc.Callable
_MAPPINGS: t.Final = frozenset({dict, cabc.Mapping, cabc.MutableMapping})
_STREAMS: t.Final = frozenset({cabc.Iterator, cabc.Iterable, cabc.Generator})
_SIMPLE: t.Final[dict[object, JSONSchema]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bytes: {"type": "string"},
    uuid.UUID: {"type": "string", "format": "uuid"},
    datetime.datetime: {"type": "string", "format": "date-time"},
    datetime.date: {"type": "string", "format": "date"},
    datetime.time: {"type": "string", "format": "time"},
    decimal.Decimal: {"type": "string", "format": "decimal"},
}


@dataclasses.dataclass(frozen=True, slots=True)
class ResponseShape:
    """One response a handler can produce, read from its return annotation."""

    status: str
    """``'200'``, another status from a ``Literal``, or ``'default'`` when the
    status is chosen at run time (``tuple[body, int]``)."""
    media_type: str | None
    """``'text/html'``, ``'application/json'``, ...; ``None`` when unknown
    (a ``Response`` object) or for a status without a body (204, 304)."""
    schema: JSONSchema | None
    """The body's schema, or ``None``."""


class SchemaBuilder:
    """Builds schemas and collects the named ones as components.

    :param ref_prefix: where the components live in the final document.
    """

    def __init__(self, ref_prefix: str = "#/components/schemas/") -> None:
        self.ref_prefix = ref_prefix
        """Prepended to a component's name in ``$ref``."""
        self._names: dict[object, str] = {}  # a class, or ("request", class, ...)
        self._schemas: dict[str, JSONSchema] = {}

    @property
    def components(self) -> dict[str, JSONSchema]:
        """The named schemas built so far, sorted by name."""
        return {name: self._schemas[name] for name in sorted(self._schemas)}

    def resolve(self, schema: JSONSchema) -> JSONSchema:
        """Follow a ``$ref`` to the component it names."""
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(self.ref_prefix):
            return self._schemas.get(ref[len(self.ref_prefix) :], schema)
        return schema

    # -- annotations --------------------------------------------------------

    def schema(self, annotation: t.Any) -> JSONSchema:
        """The schema of values of type ``annotation`` as JSON."""
        if annotation is None or annotation is type(None):
            return {"type": "null"}
        if annotation == JSONValue:
            return {}  # any JSON value
        simple = _SIMPLE.get(annotation)
        if simple is not None:
            return dict(simple)
        origin = t.get_origin(annotation)
        args = t.get_args(annotation)
        if origin is t.Annotated:
            return self._annotated(args[0], annotation.__metadata__)
        if origin in (te.Required, te.NotRequired, te.ReadOnly, t.ClassVar):
            return self.schema(args[0])
        if origin is t.Literal:
            return _enum_schema([_json_value(a) for a in args])
        if origin in (t.Union, types.UnionType):
            return self._union(args)
        if origin is tuple:
            return self._tuple(args)
        if origin in _ARRAYS:
            items = self.schema(args[0]) if args else {}
            array: JSONSchema = {"type": "array"}
            if items:
                array["items"] = items
            if origin in (set, frozenset, cabc.Set, cabc.MutableSet):
                array["uniqueItems"] = True
            return array
        if origin in _MAPPINGS:
            mapping: JSONSchema = {"type": "object"}
            values = self.schema(args[1]) if len(args) == 2 else {}
            if values:
                mapping["additionalProperties"] = values
            return mapping
        if origin is not None and _is_named(origin):
            return self._named(origin)  # a generic TypedDict or dataclass
        if annotation in (list, set, frozenset, tuple):
            return {"type": "array"}
        if annotation in (dict, DataclassInstance):
            return {"type": "object"}
        if _is_named(annotation):
            return self._named(annotation)
        return {}

    def _annotated(self, base: t.Any, metadata: tuple[object, ...]) -> JSONSchema:
        return _constrain(self.schema(base), metadata, integer=base is int)

    def _union(self, args: tuple[t.Any, ...]) -> JSONSchema:
        options: list[JSONSchema] = []
        for arg in args:
            option = self.schema(arg)
            if option not in options:
                options.append(option)
        if {} in options:
            return {}
        return options[0] if len(options) == 1 else {"anyOf": options}

    def _tuple(self, args: tuple[t.Any, ...]) -> JSONSchema:
        if len(args) == 2 and args[1] is Ellipsis:
            items = self.schema(args[0])
            return {"type": "array", "items": items} if items else {"type": "array"}
        if not args or args == ((),):
            return {"type": "array", "maxItems": 0} if args else {"type": "array"}
        return {
            "type": "array",
            "prefixItems": [self.schema(a) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }

    def _named(self, cls: type[t.Any]) -> JSONSchema:
        name = self._names.get(cls)
        if name is None:
            name = self._name_for(cls)
            self._names[cls] = name
            self._schemas[name] = {}  # reserved first, so recursion ends
            self._schemas[name] = self._build_named(cls)
        return {"$ref": self.ref_prefix + name}

    def _name_for(self, cls: type[t.Any]) -> str:
        taken = set(self._schemas)
        for candidate in (cls.__name__, f"{cls.__module__}.{cls.__qualname__}"):
            name = _component_name_re.sub("_", candidate)
            if name not in taken:
                return name
        base = _component_name_re.sub("_", f"{cls.__module__}.{cls.__qualname__}")
        number = 2
        while f"{base}_{number}" in taken:
            number += 1
        return f"{base}_{number}"

    def _request_name_for(self, cls: type[t.Any]) -> str:
        """A name for the schema of ``cls`` as a request sends it: its own,
        or ``<Name>Input`` when the schema of ``cls`` as a response has
        that name (the two differ in their required fields)."""
        plain = _component_name_re.sub("_", cls.__name__)
        if self._names.get(cls) == plain and f"{plain}Input" not in self._schemas:
            return f"{plain}Input"
        return self._name_for(cls)

    def _build_named(self, cls: type[t.Any]) -> JSONSchema:
        schema: JSONSchema = {"title": cls.__name__}
        if issubclass(cls, enum.Enum):
            schema.update(_enum_schema([m.value for m in cls]))
        elif te.is_typeddict(cls):
            hints = _hints(cls)
            schema.update(self._object(cls, hints, _required_keys(cls, hints)))
        elif dataclasses.is_dataclass(cls):
            names = [f.name for f in dataclasses.fields(cls)]
            hints = _hints(cls)
            fields = {n: hints.get(n, t.Any) for n in names}
            # asdict() writes every field, so a response always has them all.
            schema.update(self._object(cls, fields, names))
        else:  # a named tuple, written as an array
            hints = _hints(cls)
            order = t.cast("tuple[str, ...]", getattr(cls, "_fields", ()))
            items = [self.schema(hints.get(f, t.Any)) for f in order]
            schema.update(
                {
                    "type": "array",
                    "prefixItems": items,
                    "minItems": len(items),
                    "maxItems": len(items),
                }
            )
        doc = _own_doc(cls)
        if doc:
            schema["description"] = doc
        return schema

    def _object(
        self,
        cls: type[t.Any],
        fields: cabc.Mapping[str, t.Any],
        required: list[str],
    ) -> JSONSchema:
        docs = _attribute_docs(cls)
        properties: dict[str, JSONSchema] = {}
        for name, annotation in fields.items():
            prop = self.schema(annotation)
            if name in docs:
                prop = {**prop, "description": docs[name]}
            properties[name] = prop
        schema: JSONSchema = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        return schema

    # -- request data -------------------------------------------------------

    def shape(self, shape: Shape, *, unknown: Unknown = "forbid") -> JSONSchema:
        """The schema of the data a decoder of ``shape`` accepts (see
        :func:`shape_schema`)."""
        if isinstance(shape, AnyShape):
            return {}
        if isinstance(shape, NoneShape):
            return {"type": "null"}
        if isinstance(shape, ScalarShape):
            schema = dict(_SIMPLE[shape.type])
            return _constrain(schema, shape.constraints, integer=shape.type is int)
        if isinstance(shape, LiteralShape):
            return _enum_schema(list(shape.values))
        if isinstance(shape, EnumShape):
            return self.schema(shape.cls)
        if isinstance(shape, OptionalShape):
            return {
                "anyOf": [self.shape(shape.inner, unknown=unknown), {"type": "null"}]
            }
        if isinstance(shape, ListShape):
            array: JSONSchema = {"type": "array"}
            items = self.shape(shape.item, unknown=unknown)
            if items:
                array["items"] = items
            if shape.container is not list:
                array["uniqueItems"] = True
            if shape.length is not None:
                if shape.length.min:
                    array["minItems"] = shape.length.min
                if shape.length.max is not None:
                    array["maxItems"] = shape.length.max
            return array
        if isinstance(shape, TupleShape):
            if shape.rest is not None:
                rest = self.shape(shape.rest, unknown=unknown)
                return {"type": "array", "items": rest} if rest else {"type": "array"}
            prefix = [self.shape(item, unknown=unknown) for item in shape.items]
            if not prefix:
                return {"type": "array", "maxItems": 0}
            return {
                "type": "array",
                "prefixItems": prefix,
                "minItems": len(prefix),
                "maxItems": len(prefix),
            }
        if isinstance(shape, DictShape):
            mapping: JSONSchema = {"type": "object"}
            values = self.shape(shape.value, unknown=unknown)
            if values:
                mapping["additionalProperties"] = values
            names = _key_schema(shape.key)
            if names:
                mapping["propertyNames"] = names
            return mapping
        if isinstance(shape, UnionShape):
            return self._shape_union(shape, unknown)
        if isinstance(shape, ObjectShape):
            return self._shape_object(shape, unknown)
        assert isinstance(shape, ForeignShape)
        return self._shape_foreign(shape)

    def _shape_union(self, shape: UnionShape, unknown: Unknown) -> JSONSchema:
        options = [self.shape(option, unknown=unknown) for option in shape.options]
        if shape.tag is None:
            return {"anyOf": options}
        union: JSONSchema = {"oneOf": options}
        discriminator: JSONSchema = {"propertyName": shape.tag}
        mapping: dict[str, str] = {}
        for (_, value), option in shape.by_tag.items():
            ref = self.shape(option, unknown=unknown).get("$ref")
            if isinstance(value, str) and isinstance(ref, str):
                mapping[value] = ref
        if len(mapping) == len(shape.by_tag):
            discriminator["mapping"] = mapping
        union["discriminator"] = discriminator
        return union

    def _shape_object(self, shape: ObjectShape, unknown: Unknown) -> JSONSchema:
        policy = shape.unknown or unknown
        key = ("request", shape.cls, policy)
        name = self._names.get(key)
        if name is not None:
            return {"$ref": self.ref_prefix + name}
        name = self._request_name_for(shape.cls)
        self._names[key] = name
        self._schemas[name] = {}  # reserved first, so recursion ends
        docs = _attribute_docs(shape.cls)
        properties: dict[str, JSONSchema] = {}
        required: list[str] = []
        for field in shape.fields:
            prop = self.shape(field.shape, unknown=unknown)
            if field.default is not MISSING:
                default = _json_value(field.default)
                if default is not None or field.default is None:
                    prop = {**prop, "default": default}
            if field.name in docs:
                prop = {**prop, "description": docs[field.name]}
            properties[field.name] = prop
            if field.required:
                required.append(field.name)
        schema: JSONSchema = {"title": shape.name, "type": "object"}
        schema["properties"] = properties
        if required:
            schema["required"] = required
        if policy == "forbid":
            schema["additionalProperties"] = False
        doc = _own_doc(shape.cls)
        if doc:
            schema["description"] = doc
        return {"$ref": self.ref_prefix + self._store(key, name, schema)}

    def _store(self, key: object, name: str, schema: JSONSchema) -> str:
        """Keep ``schema`` as the component ``name``, or share an equal one
        kept already under the class's plain name (a class decoded and sent
        alike needs one component)."""
        plain = _component_name_re.sub("_", str(schema.get("title", "")))
        if (
            name != plain
            and self._schemas.get(plain) == schema
            and self.ref_prefix + name not in json.dumps(schema)
        ):
            del self._schemas[name]
            self._names[key] = plain
            return plain
        self._schemas[name] = schema
        return name

    def _shape_foreign(self, shape: ForeignShape) -> JSONSchema:
        key = ("request", shape.cls)
        name = self._names.get(key)
        if name is not None:
            return {"$ref": self.ref_prefix + name}
        template = self.ref_prefix + "{model}"
        if shape.library == "pydantic":
            schema: JSONSchema = shape.cls.model_json_schema(
                ref_template=template, mode="validation"
            )
            defs: dict[str, JSONSchema] = schema.pop("$defs", {})
        else:
            msgspec = sys.modules["msgspec"]
            (ref,), defs = msgspec.json.schema_components(
                [shape.cls], ref_template=self.ref_prefix + "{name}"
            )
            schema = defs.pop(str(ref["$ref"]).rpartition("/")[2])
        for def_name, definition in defs.items():
            self._schemas.setdefault(def_name, definition)
        name = self._name_for(shape.cls)
        self._names[key] = name
        self._schemas[name] = schema
        return {"$ref": self.ref_prefix + name}

    # -- parameters ---------------------------------------------------------

    def param_schema(self, param: ParamInfo) -> JSONSchema:
        """The schema of a path, query, header or cookie parameter, from the
        converter and constraints the router resolved."""
        return self.text_schema(param.value_type, param.default)

    def text_schema(
        self, value_type: ValueType, default: t.Any = REQUIRED
    ) -> JSONSchema:
        """The schema of a value sent as text (a parameter, a form field)
        and converted by ``value_type``; ``default`` is the value when it
        is absent, or :data:`~transom.signature.REQUIRED`."""
        converter = getattr(value_type.converter, "inner", value_type.converter)
        base = value_type.base
        if isinstance(converter, ChoiceConverter):
            if isinstance(base, type) and issubclass(base, enum.Enum):
                schema = self.schema(base)
            else:
                schema = _enum_schema([_json_value(c) for c in converter.choices])
        else:
            schema = self.schema(base)
            if not schema or "$ref" in schema:
                # A type with a user's converter: text its regex accepts.
                schema = {"type": "string", "pattern": f"^(?:{converter.regex})$"}
        schema = _constrain(schema, value_type.constraints, integer=base is int)
        if (
            isinstance(converter, IntConverter | FloatConverter)
            and not converter.regex.startswith("-")
            and not any(k in schema for k in ("minimum", "exclusiveMinimum"))
        ):
            schema["minimum"] = 0  # the converter accepts no sign
        if value_type.many:
            schema = {"type": "array", "items": schema}
        if default is not REQUIRED and default is not None:
            value = _json_value(default)
            if value is not None:
                schema["default"] = value
        return schema

    # -- responses ----------------------------------------------------------

    def responses(self, annotation: t.Any) -> list[ResponseShape]:
        """The responses a return annotation allows, in annotation order.

        A union gives several; ``None`` in a union gives none; a
        :class:`~transom.Status` (``Created[Task]``) gives its code; an
        annotation transom cannot read (none, ``ResponseValue``, a WSGI app) gives one
        ``'default'`` response of unknown content.
        """
        if annotation in (inspect.Parameter.empty, ResponseValue, ResponseBody):
            return [ResponseShape("default", None, None)]
        if t.get_origin(annotation) in (t.Union, types.UnionType):
            shapes: list[ResponseShape] = []
            for arg in t.get_args(annotation):
                for shape in self.responses(arg):
                    if shape not in shapes:
                        shapes.append(shape)
            return shapes
        if annotation is None or annotation is type(None):
            return []
        declared = status_of(annotation)
        if declared is not None:
            code, body = declared
            status = "default" if code is None else str(code)
            if body is None or body is type(None) or body is t.Any:
                # No body, or a bare Created whose body is not declared.
                return [ResponseShape(status, None, None)]
            return [self._body(body, status)]
        if t.get_origin(annotation) is tuple:
            args = t.get_args(annotation)
            if len(args) in (2, 3) and args[-1] is not Ellipsis:
                statuses = _statuses(args[1])
                if statuses is None:  # (body, headers): the status is 200
                    statuses = ["200"] if len(args) == 2 else []
                return [
                    self._body(args[0], status) for status in statuses or ["default"]
                ]
        return [self._body(annotation, "200")]

    def _body(self, body: t.Any, status: str) -> ResponseShape:
        if status in ("204", "304"):
            return ResponseShape(status, None, None)
        origin = t.get_origin(body)
        args = t.get_args(body)
        if origin in _STREAMS:
            body = args[0] if args else str
        if body is str:
            return ResponseShape(status, "text/html", {"type": "string"})
        if body in (bytes, bytearray):
            return ResponseShape(status, "application/octet-stream", None)
        if isinstance(body, type) and issubclass(body, Response):
            return ResponseShape(status, None, None)
        if isinstance(body, str) or _CALLABLE in (origin, body):
            # An unresolved forward reference, or a WSGI application.
            return ResponseShape(status, None, None)
        return ResponseShape(status, "application/json", self.schema(body))


def status_of(annotation: t.Any) -> tuple[int | None, t.Any] | None:
    """``(201, Task)`` for ``Created[Task]``, ``(204, None)`` for
    ``NoContent``, ``(201, Any)`` for a bare ``Created``, ``(None, T)`` for
    ``Status[T]`` (any status); ``None`` for an annotation that is no
    :class:`~transom.Status`."""
    cls: object = t.get_origin(annotation) or annotation
    if not is_status_class(cls):
        return None
    code = getattr(cls, "code", None)
    if not isinstance(code, int):
        code = None
    args = t.get_args(annotation)
    if args:
        return code, args[0]
    return code, _declared_body(cls)


def _declared_body(cls: type[Status[t.Any]]) -> t.Any:
    """The body a Status subclass fixes in its bases (``None`` for
    ``class NoContent(Status[None])``), else ``Any``."""
    for klass in cls.__mro__:
        for base in klass.__dict__.get("__orig_bases__", ()):
            if is_status_class(t.get_origin(base)):
                args = t.get_args(base)
                if args and not isinstance(args[0], t.TypeVar):
                    return args[0]
    return t.Any


def _statuses(annotation: t.Any) -> list[str] | None:
    """``['201']`` for ``Literal[201]``, ``[]`` for ``int``, ``None`` for
    anything else (headers)."""
    if annotation is int:
        return []
    if t.get_origin(annotation) is t.Literal:
        values = t.get_args(annotation)
        if all(isinstance(v, int) for v in values):
            return [str(v) for v in values]
    return None


def _is_named(obj: object) -> bool:
    """Whether ``obj`` gets its own component."""
    if not isinstance(obj, type):
        return False
    cls = t.cast("type[object]", obj)
    return bool(
        issubclass(cls, enum.Enum)
        or te.is_typeddict(cls)
        or dataclasses.is_dataclass(cls)
        or (tuple in cls.__mro__ and hasattr(cls, "_fields"))
    )


def _enum_schema(values: list[t.Any]) -> JSONSchema:
    schema: JSONSchema = {}
    kinds: set[type[object]] = {type(v) for v in values}
    if kinds == {str}:
        schema["type"] = "string"
    elif kinds == {int}:
        schema["type"] = "integer"
    schema["enum"] = values
    return schema


def _constrain(
    schema: JSONSchema, metadata: cabc.Iterable[object], *, integer: bool
) -> JSONSchema:
    """Add the bounds in ``metadata`` to ``schema``: transom's
    :class:`~transom.Range` and :class:`~transom.Length`, and objects with the
    same attribute names as annotated-types' (``ge``, ``max_length``, ...)."""
    keywords: JSONSchema = {}
    for item in metadata:
        for attribute, key in _BOUNDS:
            value = getattr(item, attribute, None)
            if isinstance(value, int | float) and not isinstance(value, bool):
                keywords[key] = int(value) if integer and value == int(value) else value
        low: object = getattr(item, "min_length", None)
        high: object = getattr(item, "max_length", None)
        if isinstance(item, Length):
            low, high = item.min, item.max
        if isinstance(low, int) and low:
            keywords["minLength"] = low
        if isinstance(high, int):
            keywords["maxLength"] = high
    return {**schema, **keywords} if keywords else schema


def _json_value(value: object) -> t.Any:
    """``value`` as transom's JSON encoder writes it, or ``None``."""
    if isinstance(value, enum.Enum):
        return _json_value(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = t.cast("cabc.Iterable[object]", value)
        return [_json_value(v) for v in items]
    return None


def _required_keys(cls: type[t.Any], hints: dict[str, t.Any]) -> list[str]:
    """A TypedDict's required keys. Under ``from __future__ import
    annotations`` Python 3.11 cannot see ``NotRequired`` in the string
    annotations, so the resolved hints decide."""
    declared: cabc.Collection[str] = getattr(cls, "__required_keys__", ())
    required: list[str] = []
    for key, hint in hints.items():
        origin = t.get_origin(hint)
        if origin is te.NotRequired or origin is t.NotRequired:
            continue
        if origin is te.Required or origin is t.Required or key in declared:
            required.append(key)
    return required


def _hints(cls: type[t.Any]) -> dict[str, t.Any]:
    try:
        return t.get_type_hints(cls, include_extras=True)
    except Exception:  # an unresolvable name: document the field as any value
        return {}


def _own_doc(cls: type[t.Any]) -> str | None:
    """The class's own docstring, not an inherited or generated one."""
    raw = cls.__dict__.get("__doc__")
    if not isinstance(raw, str):
        return None
    doc = inspect.cleandoc(raw)
    if dataclasses.is_dataclass(cls) and doc.startswith(f"{cls.__name__}("):
        return None  # the signature dataclasses writes when there is no docstring
    if issubclass(cls, tuple) and doc.startswith(f"{cls.__name__}("):
        return None  # likewise for named tuples
    return doc or None


def _attribute_docs(cls: type[t.Any]) -> dict[str, str]:
    """The string literal after each annotated field of ``cls``'s body."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return {}
    empty: list[ast.stmt] = []
    body = next((n.body for n in tree.body if isinstance(n, ast.ClassDef)), empty)
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _key_schema(shape: Shape) -> JSONSchema:
    """The schema of the object keys that decode into ``shape`` (they are
    text, read as query values are); ``{}`` for any text."""
    if isinstance(shape, ScalarShape) and shape.type is str:
        schema = _constrain({"type": "string"}, shape.constraints, integer=False)
        return {} if schema == {"type": "string"} else schema
    if isinstance(shape, ScalarShape) and shape.type not in (int, float, bool):
        return dict(_SIMPLE[shape.type])
    if isinstance(shape, LiteralShape | EnumShape):
        return {"type": "string", "enum": [str(v) for v in shape.values]}
    if not isinstance(shape, ScalarShape):
        return {}
    constraints: tuple[object, ...] = shape.constraints
    annotation: t.Any = shape.type
    if constraints:
        annotation = t.Annotated[(shape.type, *constraints)]
    value_type = ConverterRegistry().resolve(annotation, "a key", in_path=False)
    sample = example(
        _constrain(
            dict(_SIMPLE[shape.type]), shape.constraints, integer=shape.type is int
        )
    )
    return {
        "type": "string",
        "pattern": f"^(?:{value_type.pattern.pattern})$",
        "examples": [value_type.to_text(sample)],
    }


def shape_schema(
    shape: Shape, components: SchemaBuilder, *, unknown: Unknown = "forbid"
) -> JSONSchema:
    """The JSON Schema of the request data a decoder of ``shape`` accepts,
    with the dataclasses, TypedDicts, attrs classes, Enums, pydantic models
    and msgspec Structs in it kept by ``components`` and referenced with
    ``$ref``::

        builder = SchemaBuilder()
        shape_schema(shape_of(list[NewTask]), builder)
        # {'type': 'array', 'items': {'$ref': '#/components/schemas/NewTask'}}
        builder.components["NewTask"]["required"]    # the fields without defaults

    Unlike :meth:`SchemaBuilder.schema` (what a response holds), a field
    with a default is not required, its default is shown, and an object
    that refuses unknown fields says so (``additionalProperties: false``).
    A union told apart by a tag field is a ``oneOf`` with OpenAPI's
    ``discriminator``.

    :param unknown: the decoder's policy for objects without their own.
    """
    return components.shape(shape, unknown=unknown)


__all__ = ["JSONSchema", "ResponseShape", "SchemaBuilder", "shape_schema", "status_of"]
