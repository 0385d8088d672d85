"""Which parameters of a handler read request data (``Body()``, ``Form()``,
``Header()``, ``Cookie()``, ``File()`` as their default).

A default is syntax, and mypy's cache keeps a function's type, never its
syntax. So for a View, the plugin reads the defaults while the class is
analysed (:func:`record_markers`, a base class hook) and keeps what it found
in the class's metadata, which the cache does keep. For a function route,
the defaults are read from the syntax tree when the module is being
checked; from the cache there is nothing to read, and such parameters are
then treated as optional ones (no error either way).
"""

from __future__ import annotations

import typing as t

from mypy.nodes import FUNC_NO_INFO
from mypy.nodes import CallExpr
from mypy.nodes import Decorator
from mypy.nodes import Expression
from mypy.nodes import FloatExpr
from mypy.nodes import FuncDef
from mypy.nodes import IntExpr
from mypy.nodes import MemberExpr
from mypy.nodes import NameExpr
from mypy.nodes import RefExpr
from mypy.nodes import StrExpr
from mypy.nodes import UnaryExpr

from .. import names

if t.TYPE_CHECKING:
    import collections.abc as cabc

    from mypy.plugin import ClassDefContext

_METADATA_KEY: t.Final = "transom"
_FIELD: t.Final = "request_data"
_CALLS: t.Final = "request_data_calls"


class MarkerCall(t.NamedTuple):
    """What a marker's call says, as far as its arguments are literals."""

    shown: str
    """The marker as transom shows it in errors: ``"Header('X-Id')"``,
    ``"Form(default=1)"``; ``...`` for an argument that is no literal."""
    name: str | None
    """The name it is given (``'X-Id'``), or ``None`` when none is or it
    is no literal string."""


def record_markers(ctx: ClassDefContext) -> None:
    """Keep, in the metadata of a View subclass, each verb's parameters
    that have a request-data marker for default, with the marker's name."""
    info = ctx.cls.info
    found: dict[str, dict[str, str]] = {}
    calls: dict[str, dict[str, list[str | None]]] = {}
    for statement in ctx.cls.defs.body:
        node = statement.func if isinstance(statement, Decorator) else statement
        if not isinstance(node, FuncDef) or node.name not in names.VERBS:
            continue
        marked: dict[str, str] = {}
        called: dict[str, list[str | None]] = {}
        for argument in node.arguments:
            marker = _marker(argument.initializer, ctx)
            if marker is not None:
                marked[argument.variable.name] = marker
                assert isinstance(argument.initializer, CallExpr)
                call = marker_call(marker, argument.initializer)
                called[argument.variable.name] = [call.shown, call.name]
        if marked:
            found[node.name] = marked
            calls[node.name] = called
    data = info.metadata.setdefault(_METADATA_KEY, {})
    data[_FIELD] = found
    data[_CALLS] = calls


def marker_call(marker: str, call: CallExpr) -> MarkerCall:
    """How transom shows the marker ``call`` (as ``Marker.__repr__``), and
    the name it gives."""
    name: str | None = None
    shown: list[str] = []
    default = ""
    for position, (arg_name, arg) in enumerate(
        zip(call.arg_names, call.args, strict=True)
    ):
        if arg_name == "name" or (arg_name is None and position == 0):
            if isinstance(arg, StrExpr):
                name = arg.value
                shown.insert(0, repr(arg.value))
            elif not _is_none(arg):
                shown.insert(0, "...")
        elif arg_name == "default":
            default = f"default={_literal(arg)}"
    if default:
        shown.append(default)
    return MarkerCall(f"{marker}({', '.join(shown)})", name)


def _is_none(expr: Expression) -> bool:
    # By name: a keyword, and the class hook may run before names are bound.
    return isinstance(expr, NameExpr) and expr.name == "None"


def _literal(expr: Expression) -> str:
    """``repr()`` of a literal's value, as the run time shows it; ``...``
    for any other expression."""
    if isinstance(expr, StrExpr | IntExpr | FloatExpr):
        return repr(expr.value)
    if isinstance(expr, NameExpr) and expr.name in _CONSTANTS:
        return expr.name
    if (
        isinstance(expr, UnaryExpr)
        and expr.op == "-"
        and isinstance(expr.expr, IntExpr | FloatExpr)
    ):
        return repr(-expr.expr.value)
    return "..."


_CONSTANTS: t.Final = frozenset(("None", "True", "False"))


def _marker(expr: Expression | None, ctx: ClassDefContext) -> str | None:
    """``'Body'`` for a default ``Body(...)``, ...; ``None`` otherwise. The
    class is analysed before its methods, so names are looked up here."""
    if not isinstance(expr, CallExpr):
        return None
    callee = expr.callee
    fullname = callee.fullname if isinstance(callee, RefExpr) else ""
    if not fullname:
        dotted = _dotted(callee)
        if dotted is None:
            return None
        symbol = ctx.api.lookup_qualified(dotted, expr, suppress_errors=True)
        fullname = symbol.fullname if symbol is not None and symbol.fullname else ""
    return names.REQUEST_DATA_MARKERS.get(fullname)


def _dotted(expr: Expression) -> str | None:
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr):
        head = _dotted(expr.expr)
        return None if head is None else f"{head}.{expr.name}"
    return None


def markers_of(definition: FuncDef | None) -> cabc.Mapping[str, str]:
    """The parameters of a verb method or function route that read request
    data, each with its marker's name (``{'task': 'Body'}``)."""
    if definition is None:
        return {}
    info = definition.info
    if info is not FUNC_NO_INFO:
        data = info.metadata.get(_METADATA_KEY, {}).get(_FIELD, {})
        recorded: dict[str, str] = data.get(definition.name, {})
        return recorded
    return {param: marker for param, marker, _ in _marker_defaults(definition)}


def calls_of(definition: FuncDef | None) -> cabc.Mapping[str, MarkerCall]:
    """What the marker of each parameter of :func:`markers_of` says."""
    if definition is None:
        return {}
    info = definition.info
    if info is not FUNC_NO_INFO:
        data = info.metadata.get(_METADATA_KEY, {}).get(_CALLS, {})
        recorded: dict[str, list[str | None]] = data.get(definition.name, {})
        return {
            param: MarkerCall(str(shown), name)
            for param, (shown, name) in recorded.items()
        }
    return {
        param: marker_call(marker, call)
        for param, marker, call in _marker_defaults(definition)
    }


def _marker_defaults(definition: FuncDef) -> cabc.Iterator[tuple[str, str, CallExpr]]:
    """Each parameter whose default calls a marker, with the marker's kind
    and the call, read from the syntax tree (none for a function read from
    mypy's cache)."""
    try:
        arguments = definition.arguments
    except AttributeError:  # a function read from mypy's cache has none
        return
    for argument in arguments:
        init = argument.initializer
        if isinstance(init, CallExpr) and isinstance(init.callee, RefExpr):
            marker = names.REQUEST_DATA_MARKERS.get(init.callee.fullname)
            if marker is not None:
                yield argument.variable.name, marker, init


def reads(marker: str) -> str:
    """What a marker reads, in the words of transom's registration errors:
    ``'the JSON body'`` for ``'Body'``."""
    return _WHAT[marker]


def read_from(marker: str) -> str:
    """Where a marker reads, with the marker: ``'the JSON body (Body())'``."""
    return f"{_WHAT[marker]} ({marker}())"


_WHAT: t.Final = {
    "Body": "the JSON body",
    "Form": "the form",
    "Header": "a header",
    "Cookie": "a cookie",
    "File": "a file of the form",
}
