"""Check a blueprint's name where it is made: ``Blueprint("auth", __name__)``.

transom refuses an empty name and a dotted one (a dot separates the names
of nested blueprints in endpoints) when the blueprint is made; the plugin
reports the same at that line, when the name is spelt out.
"""

from __future__ import annotations

import typing as t

from mypy.nodes import StrExpr

from .. import errorcodes

if t.TYPE_CHECKING:
    from mypy.plugin import FunctionContext
    from mypy.types import Type


def check_blueprint_name(ctx: FunctionContext) -> Type:
    """``Blueprint(name, ...)`` with the name spelt out: the run time's checks."""
    if "name" not in ctx.callee_arg_names:
        return ctx.default_return_type
    args = ctx.args[ctx.callee_arg_names.index("name")]
    if not args or not isinstance(args[0], StrExpr):
        return ctx.default_return_type
    name = args[0].value
    if not name:
        problem = f"the name {name!r} is not a non-empty string"
        fix = "name the blueprint, as in Blueprint('auth', __name__)"
    elif "." in name:
        problem = (
            f"the name {name!r} contains a dot, which separates the names of"
            " nested blueprints in endpoints ('parent.child.view')"
        )
        fix = f"use a name without dots, such as {name.replace('.', '_')!r}"
    else:
        return ctx.default_return_type
    ctx.api.fail(
        f"Blueprint({name!r}): {problem}. Fix: {fix}.",
        ctx.context,
        code=errorcodes.ROUTE,
    )
    return ctx.default_return_type
