"""Request data decoded into typed values, with every error and its pointer.

:func:`decoder_for` builds a :class:`Decoder` once per annotation (at
registration) from its :func:`~transom.shapes.shape_of`; decoding then
introspects nothing::

    @dataclasses.dataclass
    class NewTask:
        title: Annotated[str, Length(min=1, max=200)]
        tags: list[str] = dataclasses.field(default_factory=list)

    decoder = decoder_for(NewTask)
    decoder.decode({"title": "Write", "tags": ["a"]})   # NewTask('Write', ['a'])
    decoder.decode({"title": 3, "tag": []})             # raises InvalidData:
    # /title: expected string of 1 to 200 characters, got integer
    # /tag:   is not a field of NewTask

Three ways in:

- :meth:`Decoder.decode` takes a JSON document as :func:`json.loads` gives
  it, strictly: a string is never a number, ``1.5`` is not an integer,
  ``true`` is not ``1``. A UUID, date, datetime or Decimal is a string
  (a Decimal may also be a number).
- :meth:`Decoder.decode_form` takes a form (a werkzeug ``MultiDict``) into
  a dataclass, TypedDict or attrs class whose fields are scalars or lists
  of scalars, converting text as query parameters are (``"3"`` is 3,
  ``"on"`` is ``True``); an empty value counts as absent, except for text.
- :meth:`Decoder.decode_text` converts the text of one header, cookie or
  form field (several for a list) by the same rules.

Fields a type does not declare are refused by default, each reported at
its pointer; ``unknown="ignore"`` (per decoder) or :func:`unknown_fields`
(per class) drops them instead.

A field is required when its class says so: a dataclass or attrs field
without a default, a TypedDict key that is not ``NotRequired``; ``T | None``
only allows ``null`` (in a form, an absent or empty value is ``None``). A
``ValueError`` or ``TypeError`` from the class itself (``__post_init__``,
an attrs validator) is an error at the object's pointer, its text the
message. pydantic models and msgspec Structs are validated by their
library (pydantic in its own mode, lax unless the model is strict) and
their errors placed under the pointer of the model; msgspec reports only
its first error, and names no key inside a dict.

How it is fast: each decoder is Python source written for its type and
compiled once (:mod:`transom._decoder`), which stops at the first problem
without saying what; only then does a second walk over the shape collect
every error with its pointer.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime
import decimal
import re
import sys
import typing as t
import uuid

import typing_extensions as te

from . import _decoder
from .exceptions import ConverterError
from .exceptions import ErrorDetail
from .exceptions import InvalidData
from .exceptions import RouteError
from .params import ConverterRegistry
from .params import Length
from .params import Range
from .shapes import KIND_NAMES
from .shapes import MISSING
from .shapes import UNKNOWN_ATTRIBUTE
from .shapes import AnyShape
from .shapes import DictShape
from .shapes import EnumShape
from .shapes import ForeignShape
from .shapes import JSONKind
from .shapes import ListShape
from .shapes import LiteralShape
from .shapes import NoneShape
from .shapes import ObjectShape
from .shapes import OptionalShape
from .shapes import ScalarShape
from .shapes import Shape
from .shapes import TupleShape
from .shapes import UnionShape
from .shapes import Unknown
from .shapes import shape_of
from .shapes import type_name

_T = t.TypeVar("_T")
_ClassT = t.TypeVar("_ClassT", bound=type[t.Any])


class FormData(t.Protocol):
    """What :meth:`Decoder.decode_form` reads: werkzeug's ``MultiDict``
    (``request.form``) fits."""

    def getlist(self, key: str) -> list[str]: ...

    def keys(self) -> cabc.Iterable[str]: ...


def unknown_fields(policy: Unknown) -> cabc.Callable[[_ClassT], _ClassT]:
    """Set a class's own policy for fields it does not declare::

        @unknown_fields("ignore")
        @dataclasses.dataclass
        class Event:
            name: str

    ``'forbid'`` (the default of decoders) reports each one at its pointer;
    ``'ignore'`` drops them. The class's policy wins over the decoder's.
    """
    if policy not in ("forbid", "ignore"):
        raise ValueError(f"unknown_fields({policy!r}): use 'forbid' or 'ignore'")

    def apply(cls: _ClassT) -> _ClassT:
        setattr(cls, UNKNOWN_ATTRIBUTE, policy)
        return cls

    return apply


class Decoder(t.Generic[_T]):
    """Decodes data of one annotation; made by :func:`decoder_for`."""

    __slots__ = ("shape", "source", "unknown", "_fast", "_text", "_form")

    def __init__(self, shape: Shape, source: str, unknown: Unknown, where: str) -> None:
        self.shape = shape
        """The analysed annotation."""
        self.source = source
        """The :attr:`~transom.exceptions.ErrorDetail.source` of its errors."""
        self.unknown: Unknown = unknown
        """The policy for undeclared fields of classes without their own."""
        self._fast = _decoder.compile_decoder(
            shape, unknown, lambda s: _text_rule(s, where)[0]
        )
        self._text: _TextPlan | None = None
        self._form: _FormPlan | None = None
        if source != "body":
            if isinstance(shape, ObjectShape | ForeignShape):
                self._form = _FormPlan(shape, where)
            else:
                self._text = _TextPlan(shape, where)

    def decode(self, data: object) -> _T:
        """Decode a JSON document (as :func:`json.loads` gives it).

        :raises InvalidData: with every error in the document.
        """
        try:
            # A typed name, not t.cast: a Python call on every document.
            decoded: _T = self._fast(data)
            return decoded
        except (_decoder.MismatchError, RecursionError):
            pass
        errors: list[ErrorDetail] = []
        collector = _Collector(self.source, self.unknown, errors)
        try:
            value = collector.value(self.shape, data, "")
        except RecursionError:
            # Only a recursive type nests as deep as its document does.
            problem = "is nested too deeply to decode"
            detail = ErrorDetail(self.source, "", problem, "a shallower document")
            raise InvalidData([detail]) from None
        if errors:
            raise InvalidData(errors)
        return t.cast(_T, value)

    def decode_form(self, form: FormData) -> _T:
        """Decode a whole form into a dataclass, TypedDict, attrs class or
        model whose fields are scalars or lists of scalars.

        :raises InvalidData: with every error in the form.
        :raises RouteError: the shape is not one a form can hold.
        """
        plan = self._form
        if plan is None:
            plan = self._form = _FormPlan(self.shape, type_name(self.shape.annotation))
        return t.cast(_T, plan.decode(form, self.source, self.unknown))

    def decode_text(self, values: str | cabc.Sequence[str], *, pointer: str = "") -> _T:
        """Convert the text of one value (a header, cookie or form field),
        or every value of a repeated one for a list; none means absent.

        :param pointer: where the errors point (``'/X-Request-Id'``).
        :raises InvalidData: absent when required, or not convertible.
        """
        plan = self._text
        if plan is None:
            plan = self._text = _TextPlan(self.shape, type_name(self.shape.annotation))
        texts = [values] if isinstance(values, str) else values
        errors: list[ErrorDetail] = []
        value = plan.convert(texts, self.source, pointer, errors)
        if errors:
            raise InvalidData(errors)
        return t.cast(_T, value)

    @te.override
    def __repr__(self) -> str:
        return f"<Decoder {type_name(self.shape.annotation)} from {self.source}>"


_decoders: dict[tuple[t.Any, str, Unknown], Decoder[t.Any]] = {}


@t.overload
def decoder_for(
    annotation: type[_T],
    *,
    source: str = "body",
    unknown: Unknown = "forbid",
    where: str | None = None,
) -> Decoder[_T]: ...
@t.overload
def decoder_for(
    annotation: object,
    *,
    source: str = "body",
    unknown: Unknown = "forbid",
    where: str | None = None,
) -> Decoder[t.Any]: ...
def decoder_for(
    annotation: object,
    *,
    source: str = "body",
    unknown: Unknown = "forbid",
    where: str | None = None,
) -> Decoder[t.Any]:
    """The decoder of ``annotation``, built once and cached.

    :param source: what its errors name as their source (``'body'``,
        ``'form'``, ``'header'``, ...); any source but ``'body'`` also
        prepares :meth:`Decoder.decode_form` or :meth:`Decoder.decode_text`
        now, so that a type they cannot read fails here.
    :param unknown: what objects without a policy of their own do with
        fields they do not declare (see :func:`unknown_fields`).
    :param where: names the parameter in registration errors.
    :raises RouteError: the annotation cannot be decoded, with the fix.
    """
    if unknown not in ("forbid", "ignore"):
        raise RouteError(
            where or type_name(annotation),
            f"unknown={unknown!r} is not a policy",
            "use unknown='forbid' or unknown='ignore'",
        )
    key = (annotation, source, unknown)
    try:
        return _decoders[key]
    except KeyError:
        pass
    except TypeError:  # unhashable metadata: build, do not cache
        label = where or type_name(annotation)
        return Decoder(shape_of(annotation, where=label), source, unknown, label)
    label = where or type_name(annotation)
    decoder: Decoder[t.Any] = Decoder(
        shape_of(annotation, where=label), source, unknown, label
    )
    _decoders[key] = decoder
    return decoder


# -- every error, with its pointer ------------------------------------------


class _Bad:
    pass


_BAD: t.Final = _Bad()
_KIND_OF: t.Final[dict[type[t.Any], JSONKind]] = {
    kind: name for name, kind in _decoder.PYTHON_TYPES.items()
}


def escape(key: str) -> str:
    """``key`` as one RFC 6901 reference token (``~`` and ``/`` escaped)."""
    return key.replace("~", "~0").replace("/", "~1")


def _got(value: object) -> str:
    kind = _KIND_OF.get(type(value))
    return KIND_NAMES[kind] if kind is not None else type(value).__name__


def _short(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int beyond the interpreter's digit limit
        digits = int(t.cast(int, value).bit_length() * 0.30103) + 1
        return f"an integer of about {digits} digits"
    return text if len(text) <= 40 else text[:37] + "..."


class _Collector:
    """Walks a shape over a value that the fast decoder refused, and
    collects every error; returns the decoded value, or ``_BAD``."""

    def __init__(
        self, source: str, unknown: Unknown, errors: list[ErrorDetail]
    ) -> None:
        self.source = source
        self.unknown: Unknown = unknown
        self.errors = errors

    def error(self, pointer: str, message: str, expected: str) -> _Bad:
        self.errors.append(ErrorDetail(self.source, pointer, message, expected))
        return _BAD

    def wrong_type(self, shape: Shape, value: object, pointer: str) -> _Bad:
        expected = shape.describe()
        return self.error(pointer, f"expected {expected}, got {_got(value)}", expected)

    def value(self, shape: Shape, v: object, p: str) -> t.Any:
        if isinstance(shape, AnyShape):
            return v
        if isinstance(shape, NoneShape):
            return None if v is None else self.wrong_type(shape, v, p)
        if isinstance(shape, OptionalShape):
            return None if v is None else self.value(shape.inner, v, p)
        if isinstance(shape, ScalarShape):
            return self.scalar(shape, v, p)
        if isinstance(shape, LiteralShape | EnumShape):
            results = (
                shape.results if isinstance(shape, LiteralShape) else tuple(shape.cls)
            )
            for value, result in zip(shape.values, results, strict=True):
                if type(v) is type(value) and v == value:
                    return result
            own, _ = shape.kinds()
            if _KIND_OF.get(type(v)) not in own:
                return self.wrong_type(shape, v, p)
            return self.error(p, f"{_short(v)} is not allowed", shape.describe())
        if isinstance(shape, ListShape):
            return self.list_value(shape, v, p)
        if isinstance(shape, TupleShape):
            return self.tuple_value(shape, v, p)
        if isinstance(shape, DictShape):
            return self.dict_value(shape, v, p)
        if isinstance(shape, ObjectShape):
            return self.object_value(shape, v, p)
        if isinstance(shape, UnionShape):
            return self.union(shape, v, p)
        assert isinstance(shape, ForeignShape)
        return self.foreign(shape, v, p)

    def scalar(self, shape: ScalarShape, v: object, p: str) -> t.Any:
        kind = shape.type
        result: t.Any = v
        if kind in (str, bool, int):
            if type(v) is not kind:
                return self.wrong_type(shape, v, p)
        elif kind is float:
            if type(v) is int:
                try:
                    result = float(v)
                except OverflowError:
                    return self.error(p, f"{_short(v)} is too large", shape.describe())
            elif type(v) is not float:
                return self.wrong_type(shape, v, p)
            elif not _finite(v):
                return self.error(p, f"{v!r} is not a finite number", shape.describe())
        else:
            own, extra = shape.kinds()
            if _KIND_OF.get(type(v)) not in own + extra:
                return self.wrong_type(shape, v, p)
            try:
                if kind is decimal.Decimal:
                    result = _decoder.to_decimal(v)
                else:
                    convert = t.cast("cabc.Callable[[object], object]", _CONVERT[kind])
                    result = convert(v)
            except _decoder.MismatchError:
                return self.error(
                    p, f"{_short(v)} is not a valid {_NAMES[kind]}", shape.describe()
                )
        for check in shape.constraints:
            if not check.check(result):
                if isinstance(check, Range):
                    message = f"{_short(v)} is out of range"
                else:
                    message = f"has {len(t.cast(str, result))} characters"
                return self.error(p, message, shape.describe())
        return result

    def items(self, item: Shape, v: list[object], p: str) -> list[t.Any] | _Bad:
        values = [self.value(item, each, f"{p}/{i}") for i, each in enumerate(v)]
        return _BAD if any(value is _BAD for value in values) else values

    def list_value(self, shape: ListShape, v: object, p: str) -> t.Any:
        if type(v) is not list:
            return self.wrong_type(shape, v, p)
        items = t.cast("list[object]", v)
        if shape.length is not None and not shape.length.check(items):
            self.error(p, f"has {len(items)} items", shape.describe())
            self.items(shape.item, items, p)
            return _BAD
        values = self.items(shape.item, items, p)
        if values is _BAD or shape.container is list:
            return values
        try:
            return shape.container(values)
        except TypeError:
            return self.error(
                p, "holds values that cannot be in a set", shape.describe()
            )

    def tuple_value(self, shape: TupleShape, v: object, p: str) -> t.Any:
        if type(v) is not list:
            return self.wrong_type(shape, v, p)
        items = t.cast("list[object]", v)
        if shape.rest is not None:
            values = self.items(shape.rest, items, p)
            return values if values is _BAD else tuple(t.cast("list[t.Any]", values))
        if len(items) != len(shape.items):
            return self.error(p, f"has {len(items)} items", shape.describe())
        results = [
            self.value(s, each, f"{p}/{i}")
            for i, (s, each) in enumerate(zip(shape.items, items, strict=True))
        ]
        return _BAD if any(r is _BAD for r in results) else tuple(results)

    def dict_value(self, shape: DictShape, v: object, p: str) -> t.Any:
        if type(v) is not dict:
            return self.wrong_type(shape, v, p)
        result: dict[t.Any, t.Any] = {}
        bad = False
        convert, expected = _text_rule(shape.key, "a key")
        for key, item in t.cast("dict[object, object]", v).items():
            here = f"{p}/{escape(str(key))}"
            try:
                if type(key) is not str:
                    raise ValueError
                decoded_key = convert(key)
            except ValueError:
                self.error(here, f"the key {_short(key)} is not {expected}", expected)
                bad = True
                continue
            value = self.value(shape.value, item, here)
            bad = bad or value is _BAD
            result[decoded_key] = value
        return _BAD if bad else result

    def object_value(self, shape: ObjectShape, v: object, p: str) -> t.Any:
        if type(v) is not dict:
            return self.wrong_type(shape, v, p)
        document = t.cast("dict[str, object]", v)
        before = len(self.errors)
        values: dict[str, t.Any] = {}
        for field in shape.fields:
            here = f"{p}/{escape(field.name)}"
            if field.name in document:
                values[field.argument or field.name] = self.value(
                    field.shape, document[field.name], here
                )
            elif field.required:
                self.error(here, "is required", field.shape.describe())
        if (shape.unknown or self.unknown) == "forbid":
            self.refuse_unknown(shape, document, p)
        if len(self.errors) > before:
            return _BAD
        if shape.kind == "typeddict":
            return values
        try:
            return shape.cls(**values)
        except (ValueError, TypeError) as error:
            return self.error(
                p, str(error) or type(error).__name__, f"a valid {shape.name}"
            )

    def refuse_unknown(
        self, shape: ObjectShape, document: cabc.Mapping[str, object], p: str
    ) -> None:
        names = {f.name for f in shape.fields}
        extra = [k for k in document if k not in names]
        if extra:
            known = ", ".join(repr(f.name) for f in shape.fields) or "none"
            for key in extra:
                self.error(
                    f"{p}/{escape(str(key))}",
                    f"is not a field of {shape.name}",
                    f"one of the fields {known}" if shape.fields else "no fields",
                )

    def union(self, shape: UnionShape, v: object, p: str) -> t.Any:
        kind = _KIND_OF.get(type(v))
        options: tuple[Shape, ...] | None = (
            shape.by_kind.get(kind) if kind is not None else None
        )
        if not options:
            return self.wrong_type(shape, v, p)
        if kind == "object" and shape.tag is not None:
            document = t.cast("dict[str, object]", v)
            here = f"{p}/{escape(shape.tag)}"
            tags = "one of " + ", ".join(repr(value) for _, value in shape.by_tag)
            if shape.tag not in document:
                return self.error(here, "is required", tags)
            tag = document[shape.tag]
            try:
                option = shape.by_tag[type(tag), tag]
            except (KeyError, TypeError):
                return self.error(here, f"{_short(tag)} is not allowed", tags)
            return self.value(option, v, p)
        for option in options[:-1]:
            trial = _Collector(self.source, self.unknown, [])
            value = trial.value(option, v, p)
            if not trial.errors:
                return value
        last = options[-1]
        if len(options) > 1 and isinstance(last, LiteralShape | EnumShape):
            expected = " or ".join(o.describe() for o in options)
            return self.error(p, f"{_short(v)} is not allowed", expected)
        return self.value(last, v, p)

    def foreign(self, shape: ForeignShape, v: object, p: str) -> t.Any:
        if shape.library == "pydantic":
            error_type = sys.modules["pydantic"].ValidationError
            try:
                return shape.cls.model_validate(v)
            except error_type as error:
                for item in error.errors():
                    here = p + "".join(f"/{escape(str(part))}" for part in item["loc"])
                    self.error(here, item["msg"], item["type"])
                return _BAD
        msgspec = sys.modules["msgspec"]
        try:
            return msgspec.convert(v, shape.cls)
        except msgspec.ValidationError as error:
            message, here = _msgspec_error(str(error))
            expected = _EXPECTED.search(message)
            self.error(
                p + here,
                message,
                expected.group(1) if expected else f"a valid {shape.name}",
            )
            return _BAD


_EXPECTED: t.Final = re.compile(r"^Expected `([^`]*)`")
_PATH: t.Final = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]")


def _msgspec_error(text: str) -> tuple[str, str]:
    """msgspec's ``'Expected `int`, got `str` - at `$.items[0].price`'`` as
    the message and a pointer."""
    message, marker, path = text.rpartition(" - at `")
    if not marker or not path.startswith("$"):
        return text, ""
    tokens: list[str] = []
    for match in _PATH.finditer(path[1:].rstrip("`")):
        token = match.group(1) if match.group(1) is not None else match.group(2)
        if token is not None:
            tokens.append("/" + escape(token))
    return message, "".join(tokens)


def _finite(number: float) -> bool:
    return number - number == 0.0


_NAMES: t.Final[dict[type[t.Any], str]] = {
    decimal.Decimal: "decimal number",
    datetime.date: "date",
    datetime.datetime: "date-time",
    uuid.UUID: "UUID",
}
_CONVERT: t.Final[dict[type[t.Any], cabc.Callable[[str], object]]] = {
    datetime.date: _decoder.to_date,
    datetime.datetime: _decoder.to_datetime,
    uuid.UUID: _decoder.to_uuid,
}


# -- text: forms, headers, cookies ------------------------------------------

_REGISTRY: t.Final = ConverterRegistry()


def _text_rule(shape: Shape, where: str) -> tuple[cabc.Callable[[str], t.Any], str]:
    """How one text becomes a value of ``shape`` (raising ``ValueError``),
    and what a valid text is; the query parameters' rules."""
    if isinstance(shape, ScalarShape) and shape.type in (
        datetime.datetime,
        decimal.Decimal,
    ):
        checks = shape.constraints
        parse = (
            _decoder.to_datetime
            if shape.type is datetime.datetime
            else _decoder.to_decimal
        )

        def convert(text: str) -> t.Any:
            try:
                value = parse(text)
            except _decoder.MismatchError:
                raise ValueError(text) from None
            if not all(check.check(value) for check in checks):
                raise ValueError(text)
            return value

        return convert, shape.describe()
    if isinstance(shape, ScalarShape):
        constraints: tuple[object, ...] = shape.constraints
        annotation: t.Any = shape.type
        if constraints:
            annotation = t.Annotated[(shape.type, *constraints)]
    elif isinstance(shape, EnumShape):
        annotation = shape.cls
    elif isinstance(shape, LiteralShape) and all(
        type(v) in (str, int) for v in shape.values
    ):
        annotation = shape.annotation
    else:
        raise RouteError(
            where,
            f"{type_name(shape.annotation)} cannot be read from text",
            "use str, int, float, bool, UUID, date, datetime, Decimal, an Enum or a"
            " Literal of str or int (a list of one for repeated values)",
        )
    try:
        value_type = _REGISTRY.resolve(annotation, where, in_path=False)
    except ConverterError as error:
        raise RouteError(error.where, error.problem, error.fix) from None
    return value_type.parse, value_type.describe()


class _TextPlan:
    """How the texts of one value (several for a list) become it."""

    def __init__(self, shape: Shape, where: str) -> None:
        self.optional = isinstance(shape, OptionalShape)
        inner = shape.inner if isinstance(shape, OptionalShape) else shape
        self.container: type[t.Any] | None = None
        self.length: Length | None = None
        if isinstance(inner, ListShape):
            self.container, self.length, inner = (
                inner.container,
                inner.length,
                inner.item,
            )
        elif isinstance(inner, TupleShape) and inner.rest is not None:
            self.container, inner = tuple, inner.rest
        self.parse, self.expected = _text_rule(inner, where)
        self.text = isinstance(inner, ScalarShape) and inner.type is str

    def absent(self, texts: cabc.Sequence[str]) -> bool:
        """Whether the value counts as not given: no text, or (except for
        text itself) an empty one."""
        if self.container is not None:
            return not texts
        return not texts or (texts[0] == "" and not self.text)

    def convert(
        self,
        texts: cabc.Sequence[str],
        source: str,
        pointer: str,
        errors: list[ErrorDetail],
        default: t.Any = MISSING,
    ) -> t.Any:
        """The value, or ``_BAD`` with the errors added; ``default`` (or
        ``None`` for an optional value) when absent."""
        if self.absent(texts):
            if default is not MISSING:
                return default
            if self.optional:
                return None
            if self.container is not None:
                return self.container()
            errors.append(ErrorDetail(source, pointer, "is required", self.expected))
            return _BAD
        if self.container is None:
            return self.one(texts[0], source, pointer, errors)
        values = [
            self.one(text, source, f"{pointer}/{i}", errors)
            for i, text in enumerate(texts)
        ]
        if any(value is _BAD for value in values):
            return _BAD
        if self.length is not None and not self.length.check(values):
            expected = "list " + self.length.describe().replace("characters", "values")
            errors.append(
                ErrorDetail(source, pointer, f"has {len(values)} values", expected)
            )
            return _BAD
        try:
            return self.container(values)
        except TypeError:  # a set of unhashable values cannot come from text
            return _BAD

    def one(
        self, text: str, source: str, pointer: str, errors: list[ErrorDetail]
    ) -> t.Any:
        try:
            return self.parse(text)
        except ValueError:
            message = f"{_short(text)} is not {self.expected}"
            errors.append(ErrorDetail(source, pointer, message, self.expected))
            return _BAD


class _FormPlan:
    """How a form becomes an object: one :class:`_TextPlan` per field."""

    def __init__(self, shape: Shape, where: str) -> None:
        if not isinstance(shape, ObjectShape | ForeignShape):
            raise RouteError(
                where,
                f"a whole form cannot be read into {type_name(shape.annotation)}",
                "use a dataclass, TypedDict or attrs class whose fields are scalars"
                " or lists of scalars, or read one field with Form('name')",
            )
        self.shape = shape
        self.fields: list[tuple[str, str, bool, _TextPlan]] = []
        if isinstance(shape, ObjectShape):
            for field in shape.fields:
                label = f"{where}: field {shape.name}.{field.name}"
                try:
                    plan = _TextPlan(field.shape, label)
                except RouteError:
                    raise RouteError(
                        label,
                        f"a form holds text fields, and"
                        f" {type_name(field.shape.annotation)} cannot be read from text",
                        "send JSON for nested data, or give the form one field per"
                        " value (a scalar, or a list of scalars for a repeated field)",
                    ) from None
                self.fields.append(
                    (field.name, field.argument or field.name, field.required, plan)
                )

    def decode(self, form: FormData, source: str, unknown: Unknown) -> t.Any:
        shape = self.shape
        errors: list[ErrorDetail] = []
        if isinstance(shape, ForeignShape):
            data: dict[str, str | list[str]] = {}
            for key in form.keys():
                texts = form.getlist(key)
                data[key] = texts[0] if len(texts) == 1 else texts
            value = _Collector(source, unknown, errors).value(shape, data, "")
            if errors:
                raise InvalidData(errors)
            return value
        values: dict[str, t.Any] = {}
        for name, argument, required, plan in self.fields:
            texts = form.getlist(name)
            pointer = f"/{escape(name)}"
            if plan.absent(texts) and not required:
                continue
            values[argument] = plan.convert(texts, source, pointer, errors)
        if (shape.unknown or unknown) == "forbid":
            known = {name for name, _, _, _ in self.fields}
            extra = {key: "" for key in form.keys() if key not in known}
            _Collector(source, unknown, errors).refuse_unknown(shape, extra, "")
        if errors:
            raise InvalidData(errors)
        if shape.kind == "typeddict":
            return values
        try:
            return shape.cls(**values)
        except (ValueError, TypeError) as error:
            detail = ErrorDetail(
                source, "", str(error) or type(error).__name__, f"a valid {shape.name}"
            )
            raise InvalidData([detail]) from None


__all__ = ["Decoder", "FormData", "decoder_for", "escape", "unknown_fields"]
