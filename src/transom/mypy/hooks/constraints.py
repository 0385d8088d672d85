"""Check the constraints of a parameter where they are written: ``Range(...)``.

mypy drops the metadata of ``Annotated[int, Range(...)]`` before any plugin
sees the type, so a range written inside an annotation reaches no hook; one
written as an expression (``PAGE = Range(ge=1, le=100)``, then
``Annotated[int, PAGE]``) does, and a range no number fits is reported
there, as transom raises where it is written.
"""

from __future__ import annotations

import typing as t

from mypy.nodes import FloatExpr
from mypy.nodes import IntExpr
from mypy.nodes import UnaryExpr

from .. import errorcodes

if t.TYPE_CHECKING:
    from mypy.nodes import Expression
    from mypy.plugin import FunctionContext
    from mypy.types import Type

_BOUNDS: t.Final = ("ge", "gt", "le", "lt")


def check_range(ctx: FunctionContext) -> Type:
    """``Range(ge=..., le=...)`` with numbers spelt out: refuse an empty range."""
    values: dict[str, float] = {}
    for name, args in zip(ctx.callee_arg_names, ctx.args, strict=False):
        if name in _BOUNDS and args:
            number = _number(args[0])
            if number is None:
                return ctx.default_return_type  # not spelt out: the run time's
            values[name] = number
    if _empty(values):
        shown = ", ".join(f"{k}={values[k]!r}" for k in _BOUNDS if k in values)
        ctx.api.fail(
            f"Range({shown}): no number fits these bounds. Fix: give a lower bound"
            " below the upper one, as in Range(ge=1, le=100) for 1 to 100.",
            ctx.context,
            code=errorcodes.ROUTE,
        )
    return ctx.default_return_type


def _empty(values: dict[str, float]) -> bool:
    # As transom.params.Range: the tighter bound of each side, and on a tie
    # the strict one is tighter.
    lows = [(values[k], k == "gt") for k in ("ge", "gt") if k in values]
    highs = [(values[k], k == "lt") for k in ("le", "lt") if k in values]
    if not (lows and highs):
        return False
    low, low_strict = max(lows)
    high, high_strict = min(highs, key=lambda bound: (bound[0], not bound[1]))
    return low > high or (low == high and (low_strict or high_strict))


def _number(expr: Expression) -> float | None:
    if isinstance(expr, IntExpr | FloatExpr):
        return expr.value
    if (
        isinstance(expr, UnaryExpr)
        and expr.op == "-"
        and isinstance(expr.expr, IntExpr | FloatExpr)
    ):
        return -expr.expr.value
    return None
