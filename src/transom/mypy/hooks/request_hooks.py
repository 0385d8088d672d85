"""Explain the errors of error handlers and request hooks.

Plain typing checks them, through the bound of a type variable, and
mypy's error then names the type variable and not the reason ("Value of
type variable "_T" of "before_request" of "App" cannot be ..."). The plugin
adds a note to that error that says what the function must take and
return. (It cannot replace the error, as it does a route's: mypy applies
no signature hook to a bare decorator such as ``@app.before_request``.)
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import typing as t

from mypy.messages import format_type_bare
from mypy.nodes import ARG_POS
from mypy.nodes import CallExpr
from mypy.nodes import Decorator
from mypy.nodes import MemberExpr
from mypy.nodes import TypeAlias
from mypy.nodes import TypeInfo
from mypy.subtypes import is_subtype
from mypy.types import AnyType
from mypy.types import CallableType
from mypy.types import Instance
from mypy.types import NoneType
from mypy.types import Type
from mypy.types import TypeAliasType
from mypy.types import TypeOfAny
from mypy.types import UnionType
from mypy.types import get_proper_type

from .. import names

if t.TYPE_CHECKING:
    from mypy.nodes import Context
    from mypy.nodes import SymbolTableNode
    from mypy.plugin import CheckerPluginInterface
    from mypy.plugin import FunctionContext
    from mypy.plugin import MethodContext

    Lookup: t.TypeAlias = cabc.Callable[[str], SymbolTableNode | None]


@dataclasses.dataclass(frozen=True, slots=True)
class _Kind:
    """What one kind of handler takes and returns."""

    decorator: str
    """The decorator's name, to find it among a function's decorators."""
    what: str
    """``'a before_request hook'``."""
    params: tuple[str, ...]
    """What it is called with: ``'response'`` or ``'error'``, one each."""
    returns: str
    """What it returns, in words."""
    fix: str
    """How to return the right thing; ``{name}`` is the function's name."""


BEFORE_REQUEST: t.Final = _Kind(
    "before_request",
    "a before_request hook",
    (),
    "None to go on, or a response value to stop",
    "return None, or a transom.typing.ResponseValue",
)
AFTER_REQUEST: t.Final = _Kind(
    "after_request",
    "an after_request hook",
    ("response",),
    "the response it is given, or another",
    "end it with 'return response'",
)
AFTER_THIS_REQUEST: t.Final = _Kind(
    "after_this_request",
    "an after_this_request callback",
    ("response",),
    "the response it is given, or another",
    "end it with 'return response'",
)
ERROR_HANDLER: t.Final = _Kind(
    "errorhandler",
    "an error handler",
    ("error",),
    "a response value",
    "return a str, bytes, a dict, list or dataclass (JSON), a Response, or a"
    " tuple (body, status[, headers]): a transom.typing.ResponseValue",
)


def check_registered(
    ctx: MethodContext | FunctionContext, kind: _Kind, lookup: Lookup
) -> Type:
    """Explain why the function does not take or return what ``kind`` must."""
    if not ctx.arg_types or not ctx.arg_types[0]:
        return ctx.default_return_type
    function = get_proper_type(ctx.arg_types[0][0])
    if not isinstance(function, CallableType) or function.is_type_obj():
        return ctx.default_return_type
    context = _decorator(ctx.context, kind.decorator)
    name = function.name.split(" of ")[0] if function.name else "the function"
    if not _takes(ctx.api, function, kind, lookup):
        params = ", ".join(
            f"{p}: {'Response' if p == 'response' else 'Exception'}"
            for p in kind.params
        )
        takes = (
            f"takes the {kind.params[0]} as its one argument"
            if kind.params
            else "takes no arguments"
        )
        _fail(
            ctx.api,
            context,
            f"{name}()",
            f"{kind.what} {takes}",
            f"declare it as 'def {name}({params})'",
        )
        return ctx.default_return_type
    expected = _return_type(ctx.api, kind, lookup)
    if expected is not None and not is_subtype(function.ret_type, expected):
        shown = format_type_bare(function.ret_type, ctx.api.options)
        _fail(
            ctx.api,
            context,
            f"{name}()",
            f"{kind.what} returns {kind.returns}, but it returns {shown}",
            kind.fix,
        )
    return ctx.default_return_type


def _takes(
    api: CheckerPluginInterface, function: CallableType, kind: _Kind, lookup: Lookup
) -> bool:
    """Whether transom can call ``function`` with what ``kind`` is given."""
    anything = AnyType(TypeOfAny.special_form)
    response = _instance(lookup, names.RESPONSE)
    # An error handler may narrow its parameter (NotFound, not Exception):
    # transom calls it with the errors it was registered for. Only the
    # number of arguments is checked for it.
    given = [
        response if param == "response" and response is not None else anything
        for param in kind.params
    ]
    call = CallableType(
        given,
        [ARG_POS] * len(given),
        [None] * len(given),
        anything,
        api.named_generic_type("builtins.function", []),
    )
    loose = CallableType(
        function.arg_types,
        function.arg_kinds,
        function.arg_names,
        anything,
        function.fallback,
    )
    return is_subtype(loose, call)


def _return_type(
    api: CheckerPluginInterface, kind: _Kind, lookup: Lookup
) -> Type | None:
    if kind in (AFTER_REQUEST, AFTER_THIS_REQUEST):
        return _instance(lookup, names.RESPONSE)
    symbol = lookup(names.RESPONSE_VALUE)
    if symbol is None or not isinstance(symbol.node, TypeAlias):
        return None
    response_value = TypeAliasType(symbol.node, [])
    if kind is BEFORE_REQUEST:
        return UnionType([response_value, NoneType()])
    return response_value


def _instance(lookup: Lookup, fullname: str) -> Instance | None:
    symbol = lookup(fullname)
    if symbol is None or not isinstance(symbol.node, TypeInfo):
        return None
    return Instance(symbol.node, [])


def _decorator(context: Context, name: str) -> Context:
    """``@app.<name>`` or ``@app.<name>(...)`` among the function's
    decorators, so that the error points at it."""
    if isinstance(context, Decorator):
        for decorator in context.decorators:
            callee = decorator.callee if isinstance(decorator, CallExpr) else decorator
            if isinstance(callee, MemberExpr) and callee.name == name:
                return decorator
    return context


def _fail(
    api: CheckerPluginInterface, context: Context, where: str, problem: str, fix: str
) -> None:
    # A note, under mypy's own error on the same line.
    api.msg.note(f"{where}: {problem}. Fix: {fix}.", context)
