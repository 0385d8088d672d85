"""Check a route where it is declared: ``@app.route(rule)`` and ``app.add_route()``.

What transom's router refuses at registration, the plugin reports at the
decorator line, with the same words (code ``transom-route``): a rule
variable a verb does not accept, an annotation with no converter, an
explicit converter that disagrees with the annotation, verbs that disagree
on a path parameter, a class that is no View or defines no verb.
"""

from __future__ import annotations

import collections.abc as cabc
import re
import typing as t

from mypy.checker import TypeChecker
from mypy.messages import format_type_bare
from mypy.nodes import FUNC_NO_INFO
from mypy.nodes import AssignmentStmt
from mypy.nodes import CallExpr
from mypy.nodes import ClassDef
from mypy.nodes import Context
from mypy.nodes import Decorator
from mypy.nodes import Expression
from mypy.nodes import FuncDef
from mypy.nodes import LambdaExpr
from mypy.nodes import ListExpr
from mypy.nodes import MemberExpr
from mypy.nodes import NameExpr
from mypy.nodes import RefExpr
from mypy.nodes import SetExpr
from mypy.nodes import StrExpr
from mypy.nodes import TupleExpr
from mypy.nodes import TypeAlias
from mypy.nodes import TypeInfo
from mypy.nodes import Var
from mypy.subtypes import is_same_type
from mypy.subtypes import is_subtype
from mypy.types import CallableType
from mypy.types import Instance
from mypy.types import LiteralType
from mypy.types import NoneType
from mypy.types import ProperType
from mypy.types import Type
from mypy.types import TypeAliasType
from mypy.types import TypeType
from mypy.types import get_proper_type

from transom.rules import RuleSyntaxError
from transom.rules import RuleVariable
from transom.rules import join_rule
from transom.rules import parse_rule

from .. import errorcodes
from .. import handlers
from .. import names
from ..deps import depend_on_verbs
from ..endpoints import RouteTables
from . import request_data_checks
from .request_data import reads

if t.TYPE_CHECKING:
    from mypy.nodes import SymbolTableNode
    from mypy.plugin import CheckerPluginInterface
    from mypy.plugin import MethodContext
    from mypy.plugin import MethodSigContext

    from ..config import PluginConfig
    from ..handlers import Handler

    Lookup: t.TypeAlias = cabc.Callable[[str], SymbolTableNode | None]


def type_route_decorator(ctx: MethodContext, lookup: Lookup) -> Type:
    """``app.route(rule)``: carry the rule, as a ``Literal``, in the type of
    the decorator, so the decorator's call can check it."""
    rule = _literal_str(_arg_type(ctx, "rule"))
    symbol = lookup(names.ROUTE_DECORATOR)
    if rule is None or symbol is None or not isinstance(symbol.node, TypeInfo):
        return ctx.default_return_type
    prefix = _blueprint_prefix(ctx)
    if prefix is not None:
        rule = join_rule(prefix, rule)
    literal = LiteralType(rule, fallback=ctx.api.named_generic_type("builtins.str", []))
    # route(rule, methods=...) gives a FunctionRouteDecorator: keep it.
    default = get_proper_type(ctx.default_return_type)
    if (
        isinstance(default, Instance)
        and default.type.fullname == names.FUNCTION_ROUTE_DECORATOR
    ):
        return Instance(default.type, [literal])
    return Instance(symbol.node, [literal])


def accept_anything(ctx: MethodSigContext) -> CallableType:
    """``RouteDecorator.__call__``: accept any argument and return its type;
    :func:`check_decorated` then reports what does not fit, in transom's
    words, instead of mypy's message about a type variable's bound."""
    signature = ctx.default_signature
    if not ctx.args or not ctx.args[0]:
        return signature
    decorator = ctx.type
    if not (
        isinstance(decorator, Instance)
        and decorator.args
        and _literal_str(decorator.args[0]) is not None
    ):
        # A rule the plugin cannot read (not a literal): check_decorated
        # checks nothing, so plain typing's check stands.
        return signature
    view_type = ctx.api.get_expression_type(ctx.args[0][0])
    return handlers.with_params(
        signature,
        [ctx.api.named_generic_type("builtins.object", [])],
        signature.arg_kinds[:1],
        signature.arg_names[:1],
        ret_type=view_type,
    )


def check_decorated(
    ctx: MethodContext, config: PluginConfig, lookup: Lookup, tables: RouteTables
) -> Type:
    """``@app.route(rule)`` applied to a class or function: check the route."""
    decorator = ctx.type
    if not isinstance(decorator, Instance) or not decorator.args:
        return ctx.default_return_type
    rule = _literal_str(decorator.args[0])
    if rule is None or not ctx.arg_types or not ctx.arg_types[0]:
        return ctx.default_return_type
    context = _decorator_line(ctx.context, rule)
    view_type = ctx.arg_types[0][0]
    if isinstance(ctx.context, Decorator):
        view_type = _wrapped(view_type, ctx.context.func)
    check_route(
        ctx.api,
        rule,
        view_type,
        context,
        config,
        lookup,
        accepts_anything=True,
        call=context if isinstance(context, CallExpr) else None,
        tables=tables,
    )
    return ctx.default_return_type


def check_add_route(
    ctx: MethodContext, config: PluginConfig, lookup: Lookup, tables: RouteTables
) -> Type:
    """``app.add_route(rule, view)``: check the route like the decorator."""
    rule = _literal_str(_arg_type(ctx, "rule"))
    view = _arg_type(ctx, "view")
    if rule is not None and view is not None:
        call = ctx.context if isinstance(ctx.context, CallExpr) else None
        if call is not None and _unnamed_lambda(call):
            _fail(
                ctx.api,
                ctx.context,
                "<lambda>",
                "transom cannot name its endpoint from it",
                "pass endpoint='...' to the route of <lambda>",
            )
        method = _unbound_method(view)
        if method is not None:
            where = f"{method.info.name}.{method.name}"
            _fail(
                ctx.api,
                ctx.context,
                where,
                "it is a method taken from its class, so transom would have to fill"
                " 'self'",
                f"route a bound method, as in app.add_route(rule,"
                f" {method.info.name}().{method.name}), or make {method.info.name}"
                " a transom.View subclass",
            )
            return ctx.default_return_type
        check_route(
            ctx.api,
            rule,
            view,
            ctx.context,
            config,
            lookup,
            accepts_anything=False,
            call=call,
            tables=tables,
        )
    return ctx.default_return_type


def _unnamed_lambda(call: CallExpr) -> bool:
    """``add_route(rule, lambda: ...)`` without ``endpoint=``."""
    view = call.args[1] if len(call.args) > 1 and call.arg_names[1] is None else None
    for name, value in zip(call.arg_names, call.args, strict=True):
        if name == "view":
            view = value
        elif name == "endpoint" and not _is_none(value):
            return False
    return isinstance(view, LambdaExpr)


def _unbound_method(view: Type) -> FuncDef | None:
    """For ``add_route(rule, Things.show)``: a method taken from a class
    (not a View, not bound to an object), whose ``self`` transom would
    have to fill."""
    proper = get_proper_type(view)
    if not isinstance(proper, CallableType):
        return None
    definition = proper.definition
    if (
        isinstance(definition, FuncDef)
        and definition.info is not FUNC_NO_INFO
        and not (definition.is_static or definition.is_class)
        and definition.arg_names[:1] == ["self"]
        and len(proper.arg_types) == len(definition.arg_names)
    ):
        return definition
    return None


def _wrapped(view_type: Type, func: FuncDef) -> Type:
    """The decorated function's own signature when a decorator below the
    route hides it (``Callable[..., R]``): transom reads the signature
    through ``functools.wraps``, as ``inspect.signature`` does."""
    proper = get_proper_type(view_type)
    if (
        isinstance(proper, CallableType)
        and proper.is_ellipsis_args
        and isinstance(func.type, CallableType)
    ):
        return func.type
    return view_type


def check_route(
    api: CheckerPluginInterface,
    rule: str,
    view_type: Type,
    context: Context,
    config: PluginConfig,
    lookup: Lookup,
    *,
    accepts_anything: bool,
    call: CallExpr | None = None,
    tables: RouteTables | None = None,
) -> None:
    """Report every reason transom would refuse to route ``view_type`` at ``rule``.

    :param accepts_anything: the call's signature lets any value through
        (see :func:`accept_anything`), so every wrong value is to report.
    :param call: the ``route()`` or ``add_route()`` call, for its options.
    """
    view = get_proper_type(view_type)
    info = _class_of(view)
    methods = _keyword(call, "methods")
    if info is not None:
        if info.fullname == names.VIEW:
            return  # a type[View]: some subclass, unknown here
        where = info.name
        depend_on_verbs(api, info)
        if not handlers.is_view(info):
            _fail(
                api,
                context,
                where,
                "a route needs a transom.View subclass or a function",
                "subclass transom.View, or decorate a function",
            )
            return
        if methods is not None:
            _fail(
                api,
                context,
                where,
                "methods= applies to function routes, but a View answers the verbs"
                " it defines",
                f"define the verb methods on {where} and drop methods=",
            )
        problems = handlers.verb_problems(info)
        for verb, kind in problems:
            _check_verb_kind(api, context, f"{where}.{verb}", verb, kind)
        verbs = handlers.verb_handlers(info, _function_type(api))
        if not verbs and not problems:
            _fail(
                api,
                context,
                where,
                "it defines no verb methods",
                f"add a method such as 'def get(self) -> str' to {where}",
            )
            return
        if handlers.required_init_params(info):
            _fail(
                api,
                context,
                where,
                "its __init__ requires arguments, but transom creates a fresh"
                " instance per request without any",
                "give every __init__ parameter a default, or set the values in the"
                " verb methods",
            )
        found = list(verbs.values())
    elif isinstance(view, CallableType):
        name = view.name.split(" of ")[0] if view.name else "the view"
        _check_methods(api, context, name, methods)
        definition = view.definition
        if isinstance(definition, FuncDef) and (
            definition.is_coroutine or definition.is_async_generator
        ):
            _fail(
                api,
                context,
                name,
                "it is 'async def', but transom serves WSGI and calls views"
                " synchronously",
                "define it with 'def'",
            )
        else:
            _check_response(api, context, view, lookup)
        handler = handlers.function_handler(view)
        if handler is None:
            return
        where = handler.qualname
        found = [handler]
    else:
        # The decorator's call accepts anything (accept_anything); mypy
        # itself reports such a value given to add_route(), whose parameter
        # keeps its declared type.
        if _never_routable(view) and accepts_anything:
            _fail(
                api,
                context,
                format_type_bare(view, api.options),
                "a route needs a transom.View subclass or a function",
                "subclass transom.View, or decorate a function",
            )
        return
    try:
        variables = parse_rule(rule)
    except RuleSyntaxError as e:
        _fail(api, context, where, str(e), "correct the rule")
        return
    for handler in found:
        _check_params(api, context, rule, variables, handler, config)
    _check_agreement(api, context, rule, variables, found)
    if call is not None and tables is not None and isinstance(api, TypeChecker):
        module_routes = tables.of(api.tree)
        clash = module_routes.clashes.get(id(call))
        taken = module_routes.taken.get(id(call))
        if clash is not None:
            first = f"{api.tree.fullname}.{clash.first.name}"
            at = "" if clash.first_rule is None else f" at {clash.first_rule!r}"
            _fail(
                api,
                context,
                f"{where} at route {rule!r}",
                f"the endpoint {clash.endpoint!r} is already bound to {first}{at}",
                "pass a different endpoint= to the route, or rename the view",
            )
        if taken is not None:
            _fail(
                api,
                context,
                f"{where} at route {rule!r}",
                f"{taken.method} {rule} is already handled by"
                f" {api.tree.fullname}.{taken.first.name}",
                "remove one of the two routes, or give them different rules",
            )


def _check_verb_kind(
    api: CheckerPluginInterface, context: Context, where: str, verb: str, kind: str
) -> None:
    if kind == "async def":
        _fail(
            api,
            context,
            where,
            "it is 'async def', but transom serves WSGI and calls verbs synchronously",
            f"define it with 'def {verb}(self, ...)'",
        )
        return
    _fail(
        api,
        context,
        where,
        f"it is a {kind}, but a verb must be a plain method that transom"
        " calls on a fresh instance",
        f"define it as 'def {verb}(self, ...)', or rename it if it is not"
        " a request handler",
    )


_METHOD_NAME: t.Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP method name: an RFC 9110 token (as transom's router checks it)."""


def _check_methods(
    api: CheckerPluginInterface,
    context: Context,
    where: str,
    methods: Expression | None,
) -> None:
    """``methods=`` of a function route, when the call spells it out."""
    if isinstance(methods, StrExpr):
        _fail(
            api,
            context,
            where,
            f"methods={methods.value!r} is a string, not a list of method names",
            f"pass a list: methods={methods.value.split() or [methods.value]!r}",
        )
        return
    if not isinstance(methods, ListExpr | TupleExpr | SetExpr):
        return
    for item in methods.items:
        if isinstance(item, StrExpr) and _METHOD_NAME.fullmatch(item.value) is None:
            _fail(
                api,
                context,
                where,
                f"{item.value.upper()!r} in methods= is not an HTTP method name",
                "name it with letters (an RFC 9110 token), such as 'GET' or 'PURGE'",
            )
            return
    if not methods.items:
        _fail(
            api,
            context,
            where,
            "methods=[] names no HTTP method, so the route could never answer",
            "list the methods, such as methods=['GET', 'POST'], or leave out"
            " methods= for GET",
        )


def _keyword(call: CallExpr | None, name: str) -> Expression | None:
    if call is None:
        return None
    for arg_name, value in zip(call.arg_names, call.args, strict=True):
        if arg_name == name:
            return None if _is_none(value) else value
    return None


def _is_none(expr: Expression) -> bool:
    return isinstance(expr, NameExpr) and expr.fullname == "builtins.None"


def _check_response(
    api: CheckerPluginInterface, context: Context, view: CallableType, lookup: Lookup
) -> None:
    symbol = lookup(names.RESPONSE_VALUE)
    alias = symbol.node if symbol is not None else None
    if not isinstance(alias, TypeAlias):
        return
    returned = view.ret_type
    if is_subtype(returned, TypeAliasType(alias, [])):
        return
    name = view.name.split(" of ")[0] if view.name else "the view"
    _fail(
        api,
        context,
        f"{name}()",
        f"it returns {format_type_bare(returned, api.options)}, which is not a"
        " response value",
        "return a str, bytes, a dict, list or dataclass (JSON), a Response, an"
        " iterator, or a tuple (body, status[, headers]): a"
        " transom.typing.ResponseValue",
    )


def _check_params(
    api: CheckerPluginInterface,
    context: Context,
    rule: str,
    variables: tuple[RuleVariable, ...],
    handler: Handler,
    config: PluginConfig,
) -> None:
    name = handler.qualname
    for param in handler.positional_only:
        _fail(
            api,
            context,
            f"parameter {param!r} of {name}()",
            "it is positional-only, but transom passes values by name",
            f"remove the '/' from the signature of {name}",
        )
    for star in handlers.star_params(handler):
        _fail(
            api,
            context,
            f"parameter {star.lstrip('*')!r} of {name}()",
            f"transom passes path and query values by name and cannot fill {star}",
            "declare each value as its own annotated parameter",
        )
    accepted = handler.param_names
    in_path = {v.name: v for v in variables}
    for variable in variables:
        if (
            variable.name not in accepted
            and variable.name not in handler.positional_only
        ):
            _fail(
                api,
                context,
                f"{name}()",
                f"it does not accept the rule variable {variable.name!r} of {rule!r}",
                f"add a parameter '{variable.name}: str' (or another type) to {name},"
                f" or remove <{variable.name}> from the rule",
            )
    for param in accepted:
        marker = handler.request_data.get(param)
        if marker is not None:
            # Read from the request, not the URL; a body's or a whole form's
            # type is the decoder's concern, checked at registration.
            if param in in_path:
                call = handler.marker_calls.get(param)
                shown = call.shown if call is not None else f"{marker}()"
                _fail(
                    api,
                    context,
                    f"parameter {param!r} of {name}()",
                    f"it is a variable of the rule {rule!r}, but its default"
                    f" {shown} reads it from {reads(marker)}",
                    f"remove the default {shown}, or remove <{param}> from the rule",
                )
                continue
            refused = request_data_checks.param_problems(handler, param, api.options)
            for refusal in refused:
                _fail(api, context, *refusal)
            if refused or not request_data_checks.converted(handler, param):
                continue
            # A header, cookie or form field converts as a query value does.
        typ = handler.param_type(param)
        if typ is None:
            continue
        path_variable = in_path.get(param)
        problem = handlers.converter_problem(
            typ,
            in_path=path_variable is not None,
            converters=config.converters,
            options=api.options,
            has_default=handler.has_default(param),
        )
        where = f"parameter {param!r} of {name}()"
        if problem is not None:
            _fail(api, context, where, problem, _converter_fix(typ, api, problem))
        elif path_variable is not None:
            # An optional one (it has a default) is converted as its type.
            typ = handlers.without_none(typ)
            _check_explicit(api, context, rule, path_variable, where, typ)
    for together in request_data_checks.signature_problems(handler):
        _fail(api, context, *together)


def _converter_fix(typ: Type, api: CheckerPluginInterface, problem: str) -> str:
    if problem.startswith("a path parameter"):
        return (
            "give it a single type such as str or int; lists belong to query"
            " parameters, and '| None' to a path parameter with a default that"
            " another rule of the view leaves out"
        )
    if "type variable" in problem:
        return (
            "route a subclass that gives the generic base a type, as in"
            " 'class Posts(Items[int])'"
        )
    if "is a union" in problem:
        return "use a single type, optionally with '| None'"
    if "values that are not" in problem:
        return "use Literal of strings or ints"
    known = (
        "use one of UUID, bool, date, float, int, str, Literal[...], an Enum or PathStr"
    )
    registrable = handlers.registrable_fullname(typ)
    if registrable is None:
        return known
    shown = format_type_bare(typ, api.options)
    return (
        f"{known}, or register a converter with app.register_converter({shown},"
        f" YourConverter) and list {registrable} under 'converters' in the"
        " [transom.mypy] section of the mypy configuration"
    )


def _check_explicit(
    api: CheckerPluginInterface,
    context: Context,
    rule: str,
    variable: RuleVariable,
    where: str,
    typ: Type,
) -> None:
    converter = variable.converter
    if converter is None:
        return
    if converter == "any":
        if handlers.agrees_with_any(typ):
            return
        wants = "a Literal, an Enum or str"
    else:
        expected = handlers.explicit_converter_type(converter)
        if expected is None or handlers.base_fullname(typ) == expected:
            return
        wants = expected.rpartition(".")[2]
    _fail(
        api,
        context,
        where,
        f"the rule {rule!r} converts it with <{converter}:...>, which gives {wants},"
        f" but it is annotated {format_type_bare(typ, api.options)}",
        f"annotate it as {wants}, or write <{variable.name}> and let the"
        " annotation choose the converter",
    )


def _check_agreement(
    api: CheckerPluginInterface,
    context: Context,
    rule: str,
    variables: tuple[RuleVariable, ...],
    found: list[Handler],
) -> None:
    for variable in variables:
        typed = [
            (h.qualname, typ)
            for h in found
            if (typ := h.param_type(variable.name)) is not None
        ]
        if not typed:
            continue
        first_name, first = typed[0]
        for other_name, other in typed[1:]:
            if not is_same_type(first, other):
                _fail(
                    api,
                    context,
                    f"route {rule!r}",
                    f"{first_name}() takes {variable.name!r} as"
                    f" {format_type_bare(first, api.options)} but {other_name}() as"
                    f" {format_type_bare(other, api.options)}",
                    "annotate the path parameter with the same type in every verb",
                )
                break


def _fail(
    api: CheckerPluginInterface, context: Context, where: str, problem: str, fix: str
) -> None:
    # The same words as transom's RouteError, so the checker and the
    # traceback read alike.
    api.fail(f"{where}: {problem}. Fix: {fix}.", context, code=errorcodes.ROUTE)


def _never_routable(view: ProperType) -> bool:
    """Whether transom refuses ``view`` whatever its value: ``None``, a
    literal, or an instance that cannot be called (a callable object is a
    function route; a type variable or a union may be anything)."""
    if isinstance(view, NoneType | LiteralType):
        return True
    return isinstance(view, Instance) and view.type.get("__call__") is None


def _function_type(api: CheckerPluginInterface) -> Instance:
    return api.named_generic_type("builtins.function", [])


def _class_of(view: ProperType) -> TypeInfo | None:
    if isinstance(view, CallableType) and view.is_type_obj():
        return view.type_object()
    if isinstance(view, TypeType) and isinstance(view.item, Instance):
        return view.item.type
    return None


def _arg_type(ctx: MethodContext, name: str) -> Type | None:
    if name not in ctx.callee_arg_names:
        return None
    types = ctx.arg_types[ctx.callee_arg_names.index(name)]
    return types[0] if types else None


def _literal_str(typ: Type | None) -> str | None:
    proper = get_proper_type(typ) if typ is not None else None
    if isinstance(proper, LiteralType) and isinstance(proper.value, str):
        return proper.value
    if isinstance(proper, Instance) and proper.last_known_value is not None:
        value = proper.last_known_value.value
        return value if isinstance(value, str) else None
    return None


def _decorator_line(context: Context, rule: str) -> Context:
    """The decorator ``@app.route(rule)`` among those of a class or function,
    so the error points at it rather than at the ``class``/``def`` line."""
    if isinstance(context, ClassDef | Decorator):
        for decorator in context.decorators:
            if (
                isinstance(decorator, CallExpr)
                and isinstance(decorator.callee, MemberExpr)
                and decorator.args
                and isinstance(decorator.args[0], StrExpr)
                and (
                    decorator.args[0].value == rule
                    # a blueprint's rule, under its prefix
                    or rule.endswith("/" + decorator.args[0].value.lstrip("/"))
                )
            ):
                return decorator
    return context


def _blueprint_prefix(ctx: MethodContext) -> str | None:
    """For ``bp.route(rule)`` on a blueprint made in this module by
    ``bp = Blueprint(..., url_prefix="...")``: that prefix, which
    registration puts in front of the rule (unless a registration replaces
    it, which the plugin cannot see). ``None`` otherwise."""
    call = ctx.context
    api = ctx.api
    if not (
        isinstance(call, CallExpr)
        and isinstance(call.callee, MemberExpr)
        and isinstance(call.callee.expr, NameExpr)
        and isinstance(api, TypeChecker)
    ):
        return None
    receiver = call.callee.expr
    node = receiver.node
    if not isinstance(node, Var) or node.fullname != f"{api.tree.fullname}.{node.name}":
        return None
    for statement in api.tree.defs:
        if (
            isinstance(statement, AssignmentStmt)
            and len(statement.lvalues) == 1
            and isinstance(statement.lvalues[0], NameExpr)
            and statement.lvalues[0].name == node.name
            and isinstance(statement.rvalue, CallExpr)
            and isinstance(statement.rvalue.callee, RefExpr)
            and statement.rvalue.callee.fullname == names.BLUEPRINT
        ):
            for name, value in zip(
                statement.rvalue.arg_names, statement.rvalue.args, strict=True
            ):
                if name == "url_prefix":
                    return value.value if isinstance(value, StrExpr) else None
            return None
    return None
