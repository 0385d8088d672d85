"""The plugin's twins of transom's registration checks of request-data
parameters (``Body()``, ``Form()``, ``Header()``, ``Cookie()``, ``File()``),
in transom's words (see ``transom.signature``).

They read the parameter's type and what its marker's call says
(:class:`~.request_data.MarkerCall`), both of which mypy's cache keeps for
a View. Whether the decoder can read a body's or a form's type is left to
the run time: that depends on every field of the type, recursively, and on
libraries (pydantic, attrs, msgspec) the checked code may not use.
"""

from __future__ import annotations

import re
import typing as t

from mypy.messages import format_type_bare
from mypy.types import AnyType
from mypy.types import CallableType
from mypy.types import Instance
from mypy.types import LiteralType
from mypy.types import NoneType
from mypy.types import ProperType
from mypy.types import TupleType
from mypy.types import Type
from mypy.types import TypedDictType
from mypy.types import TypeOfAny
from mypy.types import UnionType
from mypy.types import get_proper_type

from .request_data import reads

if t.TYPE_CHECKING:
    from mypy.options import Options

    from ..handlers import Handler

Problem: t.TypeAlias = tuple[str, str, str]
"""Where, what is wrong, and the fix, as a ``RouteError`` states them."""

FILE_STORAGE: t.Final = "werkzeug.datastructures.file_storage.FileStorage"

# As transom.signature: RFC 9110 makes a header name a token, RFC 6265 a
# cookie name.
_token_re: t.Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

_RECORD_BASES: t.Final = ("pydantic.main.BaseModel", "msgspec.Struct")


def param_problems(handler: Handler, param: str, options: Options) -> list[Problem]:
    """What transom refuses of the request-data parameter ``param`` alone."""
    marker = handler.request_data[param]
    call = handler.marker_calls.get(param)
    typ = handler.param_type(param)
    name = handler.qualname
    where = f"parameter {param!r} of {name}()"
    kind = marker.lower()
    if (
        call is not None
        and call.name is not None
        and not _token_re.fullmatch(call.name)
    ):
        return [
            (
                where,
                f"{call.shown} names {call.name!r}, which is not a valid"
                f" {kind if kind != 'form' else 'form field'} name",
                "give the name as the client sends it, without spaces or separators"
                " such as ':' or ';'",
            )
        ]
    if marker == "Body" and typ is not None and _unannotated(typ):
        return [
            (
                where,
                "Body() decodes the JSON body into the parameter's annotation, and"
                " it has none",
                f"annotate it with the body's type, as in '{param}: NewTask = Body()'",
            )
        ]
    if marker == "File" and typ is not None and not _file_shaped(typ):
        shown = "no annotation" if _unannotated(typ) else format_type_bare(typ, options)
        return [
            (
                where,
                "File() gives the uploaded file as a FileStorage, but the annotation"
                f" is {shown}",
                f"annotate it '{param}: FileStorage = File()', 'FileStorage | None' or"
                " 'list[FileStorage]' (FileStorage from transom)",
            )
        ]
    if (
        marker == "Form"
        and call is not None
        and call.shown != "Form()"
        and typ is not None
        and _whole_form(typ)
    ):
        shown = format_type_bare(typ, options)
        return [
            (
                where,
                f"{call.shown} gives one field, but the annotation {shown} takes the"
                " whole form",
                f"write '{param}: {shown} = Form()' for the whole form, or annotate a"
                " single field's type (str, int, list[str], ...)",
            )
        ]
    return []


def signature_problems(handler: Handler) -> list[Problem]:
    """What transom refuses of the request-data parameters together: two
    JSON bodies, a JSON body with a form, a whole form with another field."""
    name = handler.qualname
    marked = [p for p in handler.param_names if p in handler.request_data]
    bodies = [p for p in marked if handler.request_data[p] == "Body"]
    forms = [p for p in marked if handler.request_data[p] in ("Form", "File")]
    if len(bodies) > 1:
        return [
            (
                f"{name}()",
                f"parameters {bodies[0]!r} and {bodies[1]!r} both read the JSON body,"
                " and a request has one",
                "declare one Body() parameter whose type holds both (a dataclass"
                " with a field for each)",
            )
        ]
    if bodies and forms:
        return [
            (
                f"{name}()",
                f"parameter {bodies[0]!r} reads the JSON body, and {forms[0]!r} reads"
                f" {reads(handler.request_data[forms[0]])}, but a request has one"
                " body, JSON or form",
                "read both from the JSON body (Body()), or both from the form"
                " (Form(), File())",
            )
        ]
    fields = [p for p in forms if handler.request_data[p] == "Form"]
    whole = [p for p in fields if _reads_whole_form(handler, p)]
    if whole and len(fields) > 1:
        other = next(p for p in fields if p != whole[0])
        return [
            (
                f"{name}()",
                f"parameter {whole[0]!r} takes the whole form, so {other!r} would"
                " read a field of it too",
                f"add the field to the type of {whole[0]!r}, or read each field"
                " with its own Form() parameter",
            )
        ]
    return []


def converted(handler: Handler, param: str) -> bool:
    """Whether transom converts the request-data parameter ``param`` as a
    query value: a header, a cookie, a form field (not a whole form)."""
    marker = handler.request_data[param]
    if marker in ("Header", "Cookie"):
        return True
    typ = handler.param_type(param)
    return marker == "Form" and not (typ is not None and _whole_form(typ))


def _reads_whole_form(handler: Handler, param: str) -> bool:
    """A ``Form()`` without a name or default, of a record type."""
    call = handler.marker_calls.get(param)
    typ = handler.param_type(param)
    return (
        call is not None
        and call.shown == "Form()"
        and typ is not None
        and _whole_form(typ)
    )


def _unannotated(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, AnyType) and proper.type_of_any == TypeOfAny.unannotated


def _without_none(typ: Type) -> tuple[ProperType, bool]:
    """``typ`` without ``| None``, and whether it had it (as transom's
    ``_split``: only ``T | None`` of one ``T``)."""
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        items = [get_proper_type(i) for i in proper.items]
        rest = [i for i in items if not isinstance(i, NoneType)]
        if len(rest) == 1 and len(rest) < len(items):
            return _without_none(rest[0])[0], True
    return proper, False


def _file_shaped(typ: Type) -> bool:
    """Whether transom reads a file into ``typ``: ``FileStorage`` (or a
    subclass), ``FileStorage | None``, ``list[FileStorage]``. Whatever the
    plugin cannot tell (``Any``, a type variable, ...) passes."""
    base, optional = _without_none(typ)
    if isinstance(base, Instance) and base.type.fullname == "builtins.list":
        if optional or not base.args:
            return False
        base, _ = _without_none(base.args[0])
    if isinstance(base, Instance):
        return base.type.has_base(FILE_STORAGE)
    if isinstance(base, AnyType):
        return base.type_of_any != TypeOfAny.unannotated
    return not isinstance(
        base,
        NoneType | UnionType | TypedDictType | LiteralType | TupleType | CallableType,
    )


def _whole_form(typ: Type) -> bool:
    """Whether ``Form()`` reads the whole form into ``typ``: a dataclass, a
    ``TypedDict``, a pydantic model, an attrs class or a msgspec ``Struct``
    (or one of these ``| None``)."""
    base, _ = _without_none(typ)
    if isinstance(base, TypedDictType):
        return True
    if not isinstance(base, Instance):
        return False
    info = base.type
    return (
        "dataclass" in info.metadata
        or "attrs" in info.metadata
        or info.typeddict_type is not None
        or any(info.has_base(record) for record in _RECORD_BASES)
    )
