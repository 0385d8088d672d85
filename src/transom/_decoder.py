"""Fast decoders: Python source written once per shape, compiled, and cached.

The generated function takes a JSON value and returns the decoded one, or
raises :class:`MismatchError` at the first problem, without saying what or where:
documents are valid far more often than not, and that path should do
nothing else. On :class:`MismatchError`, :mod:`transom.decoding` walks the shape
again to collect every error with its pointer.

For ``Item(name: str, price: float)`` the source reads::

    def _object0(v):
        if type(v) is not dict:
            raise _Fail
        if len(v) != 2:
            raise _Fail
        try:
            x = v['name']
        except KeyError:
            raise _Fail from None
        if type(x) is not str:
            raise _Fail
        ...
        return _class0(name=f0, price=f1)

Each compiled text is registered with :mod:`linecache` under a unique
name, so a traceback through it shows the line.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime
import decimal
import itertools
import keyword
import linecache
import math
import sys
import typing as t
import uuid

from .params import Constraint
from .params import Range
from .shapes import MISSING
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
from .shapes import type_name


class MismatchError(Exception):
    """The value does not decode (the details are collected separately)."""


FastDecode: t.TypeAlias = cabc.Callable[[object], t.Any]

PYTHON_TYPES: t.Final[dict[JSONKind, type[t.Any]]] = {
    "null": type(None),
    "bool": bool,
    "int": int,
    "float": float,
    "str": str,
    "array": list,
    "object": dict,
}
"""The Python type ``json.loads`` gives for each JSON kind."""


def to_float(value: int) -> float:
    """An integer as a float, or :class:`MismatchError` when it is too large."""
    try:
        return float(value)
    except OverflowError:
        raise MismatchError from None


def to_uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise MismatchError from None


def to_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise MismatchError from None


def to_datetime(text: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        raise MismatchError from None


def to_decimal(value: object) -> decimal.Decimal:
    """A JSON string or number as a finite Decimal, or :class:`MismatchError`."""
    kind = type(value)
    if kind is str and len(t.cast(str, value)) <= _MAX_DECIMAL_TEXT:
        try:
            number = decimal.Decimal(t.cast(str, value).strip())
        except decimal.InvalidOperation:
            raise MismatchError from None
    elif kind is int:
        number = decimal.Decimal(t.cast(int, value))
    elif kind is float and math.isfinite(t.cast(float, value)):
        number = decimal.Decimal(repr(value))
    else:
        raise MismatchError
    if not number.is_finite():
        raise MismatchError
    return number


_MAX_DECIMAL_TEXT: t.Final = 4300
_SCALAR_HELPERS: t.Final[dict[type[t.Any], str]] = {
    uuid.UUID: "_to_uuid",
    datetime.date: "_to_date",
    datetime.datetime: "_to_datetime",
}
_source_names = itertools.count()


def compile_decoder(
    shape: Shape,
    unknown: Unknown,
    text_key: cabc.Callable[[Shape], cabc.Callable[[str], t.Any]],
) -> FastDecode:
    """The fast decoder of ``shape``.

    :param unknown: the policy of objects that have none of their own.
    :param text_key: makes the converter of a dict key that is not ``str``
        (the lax text rules live in :mod:`transom.decoding`).
    """
    writer = _Writer(unknown, text_key)
    name = writer.function(shape)
    return t.cast(FastDecode, writer.build(type_name(shape.annotation))[name])


class _Writer:
    def __init__(
        self,
        unknown: Unknown,
        text_key: cabc.Callable[[Shape], cabc.Callable[[str], t.Any]],
    ) -> None:
        self.unknown = unknown
        self.text_key = text_key
        self.namespace: dict[str, t.Any] = {
            "_Fail": MismatchError,
            "_MISSING": MISSING,
            "_to_float": to_float,
            "_to_uuid": to_uuid,
            "_to_date": to_date,
            "_to_datetime": to_datetime,
            "_to_decimal": to_decimal,
            "_isfinite": math.isfinite,
            "_NoneType": type(None),
        }
        self.sources: list[str] = []
        self.functions: dict[int, str] = {}
        self.tables: list[tuple[str, dict[t.Any, str]]] = []
        self._names = itertools.count()

    def build(self, label: str) -> dict[str, t.Any]:
        text = "\n\n".join(self.sources) + "\n"
        filename = f"<transom decoder {next(_source_names)}: {label}>"
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        exec(compile(text, filename, "exec"), self.namespace)
        for table_name, by_tag in self.tables:
            self.namespace[table_name] = {
                key: self.namespace[function] for key, function in by_tag.items()
            }
        return self.namespace

    def constant(self, value: object, prefix: str) -> str:
        name = f"_{prefix}{next(self._names)}"
        self.namespace[name] = value
        return name

    def local(self, prefix: str) -> str:
        return f"{prefix}{next(self._names)}"

    # -- functions ----------------------------------------------------------

    def function(self, shape: Shape) -> str:
        """The name of a function that decodes ``shape``."""
        known = self.functions.get(id(shape))
        if known is not None:
            return known
        name = self.local("_decode")
        self.functions[id(shape)] = name
        self.namespace[f"{name}_shape"] = shape  # keeps id(shape) unique
        if isinstance(shape, ObjectShape):
            body = self.object_body(shape)
        elif isinstance(shape, UnionShape):
            body = self.union_body(shape)
        elif isinstance(shape, ForeignShape):
            body = self.foreign_body(shape)
        else:
            lines, expr = self.inline(shape, "v", "    ")
            body = [*lines, f"    return {expr}"]
        self.sources.append("\n".join([f"def {name}(v):", *body]))
        return name

    def object_body(self, shape: ObjectShape) -> list[str]:
        out = ["    if type(v) is not dict:", "        raise _Fail"]
        policy = shape.unknown or self.unknown
        required = sum(1 for f in shape.fields if f.required)
        optional = len(shape.fields) - required
        if policy == "forbid":
            if optional:
                out.append(f"    n = {required}")
            else:
                out += [f"    if len(v) != {required}:", "        raise _Fail"]
        omitted: list[tuple[str, str]] = []
        values: list[tuple[str, str]] = []
        for field in shape.fields:
            result = self.local("f")
            lines, expr = self.inline(field.shape, "x", "        ")
            if field.required:
                # PERF: indexing costs less than .get(), and try nothing.
                out += [
                    "    try:",
                    f"        x = v[{field.name!r}]",
                    "    except KeyError:",
                    "        raise _Fail from None",
                ]
                out += [line[4:] for line in lines]
                out.append(f"    {result} = {expr}")
            else:
                out.append(f"    x = v.get({field.name!r}, _MISSING)")
                out += ["    if x is not _MISSING:"]
                if policy == "forbid" and optional:
                    out.append("        n += 1")
                out += lines
                out.append(f"        {result} = {expr}")
                out.append("    else:")
                if shape.kind != "typeddict" and field.default_factory is not None:
                    factory = self.constant(field.default_factory, "factory")
                    out.append(f"        {result} = {factory}()")
                elif shape.kind != "typeddict" and field.default is not MISSING:
                    default = self.constant(field.default, "default")
                    out.append(f"        {result} = {default}")
                else:
                    out.append(f"        {result} = _MISSING")
                    omitted.append((field.argument or field.name, result))
                    continue
            values.append((field.argument or field.name, result))
        if policy == "forbid" and optional:
            out += ["    if len(v) != n:", "        raise _Fail"]
        if shape.kind == "typeddict":
            out += _dict_lines("r", values, omitted)
            out.append("    return r")
            return out
        cls = self.constant(shape.cls, "class")
        plain = all(
            k.isidentifier() and not keyword.iskeyword(k) for k, _ in values + omitted
        )
        if omitted or not plain:
            out += _dict_lines("kw", values, omitted)
            call = f"{cls}(**kw)"
        elif shape.kind == "dataclass" and _positional(shape.cls) == [
            name for name, _ in values
        ]:
            # PERF: positional arguments, when __init__ takes them in order.
            call = f"{cls}({', '.join(r for _, r in values)})"
        else:
            call = f"{cls}({', '.join(f'{k}={r}' for k, r in values)})"
        return out + [
            "    try:",
            f"        return {call}",
            "    except (ValueError, TypeError):",
            "        raise _Fail from None",
        ]

    def union_body(self, shape: UnionShape) -> list[str]:
        out = ["    k = type(v)"]
        for kind, options in shape.by_kind.items():
            out.append(f"    if k is {_TYPE_NAMES[kind]}:")
            if kind == "object" and shape.tag is not None:
                table = self.local("_tags")
                by_tag = {
                    key: self.function(option) for key, option in shape.by_tag.items()
                }
                self.tables.append((table, by_tag))
                out += [
                    f"        x = v.get({shape.tag!r}, _MISSING)",
                    "        try:",
                    f"            f = {table}[type(x), x]",
                    "        except (KeyError, TypeError):",
                    "            raise _Fail from None",
                    "        return f(v)",
                ]
                continue
            for position, option in enumerate(options):
                lines, expr = self.inline(option, "v", "            ")
                if position == len(options) - 1:
                    out += [line[4:] for line in lines]
                    out.append(f"        return {expr}")
                else:
                    out += ["        try:", *lines, f"            return {expr}"]
                    out += ["        except _Fail:", "            pass"]
        out.append("    raise _Fail")
        return out

    def foreign_body(self, shape: ForeignShape) -> list[str]:
        if shape.library == "pydantic":
            check = self.constant(shape.cls.model_validate, "validate")
            error = self.constant(sys.modules["pydantic"].ValidationError, "error")
            call = f"{check}(v)"
        else:
            msgspec = sys.modules["msgspec"]
            convert = self.constant(msgspec.convert, "convert")
            cls = self.constant(shape.cls, "class")
            error = self.constant(msgspec.ValidationError, "error")
            call = f"{convert}(v, {cls})"
        return [
            "    try:",
            f"        return {call}",
            f"    except {error}:",
            "        raise _Fail from None",
        ]

    # -- inline code --------------------------------------------------------

    def inline(self, shape: Shape, x: str, ind: str) -> tuple[list[str], str]:
        """Statements that check the value named ``x`` and an expression
        for its decoded value (``x`` itself when nothing changes)."""
        fail = f"{ind}    raise _Fail"
        if isinstance(shape, AnyShape):
            return [], x
        if isinstance(shape, NoneShape):
            return [f"{ind}if {x} is not None:", fail], "None"
        if isinstance(shape, ScalarShape):
            return self.scalar(shape, x, ind)
        if isinstance(shape, LiteralShape | EnumShape):
            results = (
                shape.results if isinstance(shape, LiteralShape) else tuple(shape.cls)
            )
            choices: dict[tuple[type[t.Any], t.Any], t.Any] = {
                (type(v), v): r for v, r in zip(shape.values, results, strict=True)
            }
            table = self.constant(choices, "choices")
            y = self.local("y")
            return [
                f"{ind}try:",
                f"{ind}    {y} = {table}[type({x}), {x}]",
                f"{ind}except (KeyError, TypeError):",
                f"{ind}    raise _Fail from None",
            ], y
        if isinstance(shape, OptionalShape):
            y = self.local("y")
            lines, expr = self.inline(shape.inner, x, ind + "    ")
            return [
                f"{ind}if {x} is None:",
                f"{ind}    {y} = None",
                f"{ind}else:",
                *lines,
                f"{ind}    {y} = {expr}",
            ], y
        if isinstance(shape, ListShape):
            return self.list_code(shape, x, ind)
        if isinstance(shape, TupleShape):
            return self.tuple_code(shape, x, ind)
        if isinstance(shape, DictShape):
            return self.dict_code(shape, x, ind)
        return [], f"{self.function(shape)}({x})"

    def scalar(self, shape: ScalarShape, x: str, ind: str) -> tuple[list[str], str]:
        fail = f"{ind}    raise _Fail"
        kind = shape.type
        if kind in (str, bool, int):
            lines = [f"{ind}if type({x}) is not {kind.__name__}:", fail]
            return lines + self.checks(shape.constraints, x, ind), x
        y = self.local("y")
        if kind is float:
            lines = [
                f"{ind}if type({x}) is float:",
                f"{ind}    if not _isfinite({x}):",
                f"{ind}        raise _Fail",
                f"{ind}    {y} = {x}",
                f"{ind}elif type({x}) is int:",
                f"{ind}    {y} = _to_float({x})",
                f"{ind}else:",
                fail,
            ]
        elif kind is decimal.Decimal:
            lines = [f"{ind}{y} = _to_decimal({x})"]
        else:
            lines = [
                f"{ind}if type({x}) is not str:",
                fail,
                f"{ind}{y} = {_SCALAR_HELPERS[kind]}({x})",
            ]
        return lines + self.checks(shape.constraints, y, ind), y

    def checks(
        self, constraints: tuple[Constraint, ...], y: str, ind: str
    ) -> list[str]:
        lines: list[str] = []
        for check in constraints:
            tests: list[str] = []
            if isinstance(check, Range):
                for attribute, operator in _RANGE_TESTS:
                    bound = getattr(check, attribute)
                    if bound is not None:
                        tests.append(f"{y} {operator} {self.constant(bound, 'bound')}")
            else:
                if check.min:
                    tests.append(f"len({y}) < {check.min}")
                if check.max is not None:
                    tests.append(f"len({y}) > {check.max}")
            if tests:
                lines += [f"{ind}if {' or '.join(tests)}:", f"{ind}    raise _Fail"]
        return lines

    def list_code(self, shape: ListShape, x: str, ind: str) -> tuple[list[str], str]:
        y = self.local("y")
        item = self.local("i")
        lines = [f"{ind}if type({x}) is not list:", f"{ind}    raise _Fail"]
        if shape.length is not None:
            lines += self.checks((shape.length,), x, ind)
        inner, expr = self.inline(shape.item, item, ind + "    ")
        if expr == item:
            if inner:
                lines += [f"{ind}for {item} in {x}:", *inner]
            lines.append(f"{ind}{y} = list({x})")
        else:
            append = self.local("a")
            lines += [
                f"{ind}{y} = []",
                f"{ind}{append} = {y}.append",
                f"{ind}for {item} in {x}:",
                *inner,
                f"{ind}    {append}({expr})",
            ]
        if shape.container is not list:
            collect = self.constant(shape.container, "collect")
            lines += [
                f"{ind}try:",
                f"{ind}    {y} = {collect}({y})",
                f"{ind}except TypeError:",
                f"{ind}    raise _Fail from None",
            ]
        return lines, y

    def tuple_code(self, shape: TupleShape, x: str, ind: str) -> tuple[list[str], str]:
        if shape.rest is not None:
            lines, expr = self.list_code(
                ListShape(shape.annotation, shape.rest), x, ind
            )
            return lines, f"tuple({expr})"
        lines = [
            f"{ind}if type({x}) is not list or len({x}) != {len(shape.items)}:",
            f"{ind}    raise _Fail",
        ]
        exprs: list[str] = []
        for position, item in enumerate(shape.items):
            name = self.local("t")
            lines.append(f"{ind}{name} = {x}[{position}]")
            inner, expr = self.inline(item, name, ind)
            lines += inner
            exprs.append(expr)
        return lines, f"({', '.join(exprs)}{',' if len(exprs) == 1 else ''})"

    def dict_code(self, shape: DictShape, x: str, ind: str) -> tuple[list[str], str]:
        y = self.local("y")
        key = self.local("k")
        item = self.local("i")
        lines = [
            f"{ind}if type({x}) is not dict:",
            f"{ind}    raise _Fail",
            f"{ind}{y} = {{}}",
            f"{ind}for {key}, {item} in {x}.items():",
        ]
        key_shape = shape.key
        if isinstance(key_shape, ScalarShape) and key_shape.type is str:
            key_lines, key_expr = self.inline(key_shape, key, ind + "    ")
        else:
            convert = self.constant(self.text_key(key_shape), "key")
            key_expr = self.local("kk")
            key_lines = [
                f"{ind}    try:",
                f"{ind}        {key_expr} = {convert}({key})",
                f"{ind}    except ValueError:",
                f"{ind}        raise _Fail from None",
            ]
        inner, expr = self.inline(shape.value, item, ind + "    ")
        lines += [*key_lines, *inner, f"{ind}    {y}[{key_expr}] = {expr}"]
        return lines, y


def _positional(cls: type[t.Any]) -> list[str]:
    """The names of the positional parameters of ``cls.__init__`` (self
    left out), or none when it cannot tell."""
    code = getattr(getattr(cls, "__init__", None), "__code__", None)
    if code is None:
        return []
    return list(code.co_varnames[1 : code.co_argcount])


_RANGE_TESTS: t.Final = (("ge", "<"), ("gt", "<="), ("le", ">"), ("lt", ">="))
_TYPE_NAMES: t.Final[dict[JSONKind, str]] = {
    "null": "_NoneType",
    "bool": "bool",
    "int": "int",
    "float": "float",
    "str": "str",
    "array": "list",
    "object": "dict",
}


def _dict_lines(
    name: str, values: list[tuple[str, str]], omitted: list[tuple[str, str]]
) -> list[str]:
    """Source that builds the dict ``name`` of an object's decoded fields:
    ``values`` always, each of ``omitted`` only when the document had it."""
    pairs = ", ".join(f"{k!r}: {r}" for k, r in values)
    lines = [f"    {name} = {{{pairs}}}"]
    for key, result in omitted:
        lines += [
            f"    if {result} is not _MISSING:",
            f"        {name}[{key!r}] = {result}",
        ]
    return lines
