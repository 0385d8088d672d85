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
from mypy.nodes import FuncDef
from mypy.nodes import MemberExpr
from mypy.nodes import NameExpr
from mypy.nodes import RefExpr

from .. import names

if t.TYPE_CHECKING:
    import collections.abc as cabc

    from mypy.plugin import ClassDefContext

_METADATA_KEY: t.Final = "transom"
_FIELD: t.Final = "request_data"


def record_markers(ctx: ClassDefContext) -> None:
    """Keep, in the metadata of a View subclass, each verb's parameters
    that have a request-data marker for default, with the marker's name."""
    info = ctx.cls.info
    found: dict[str, dict[str, str]] = {}
    for statement in ctx.cls.defs.body:
        node = statement.func if isinstance(statement, Decorator) else statement
        if not isinstance(node, FuncDef) or node.name not in names.VERBS:
            continue
        marked: dict[str, str] = {}
        for argument in node.arguments:
            marker = _marker(argument.initializer, ctx)
            if marker is not None:
                marked[argument.variable.name] = marker
        if marked:
            found[node.name] = marked
    data = info.metadata.setdefault(_METADATA_KEY, {})
    data[_FIELD] = found


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
    found: dict[str, str] = {}
    try:
        arguments = definition.arguments
    except AttributeError:  # a function read from mypy's cache has none
        return found
    for argument in arguments:
        init = argument.initializer
        if isinstance(init, CallExpr) and isinstance(init.callee, RefExpr):
            marker = names.REQUEST_DATA_MARKERS.get(init.callee.fullname)
            if marker is not None:
                found[argument.variable.name] = marker
    return found


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
