"""Check ``url_for()`` calls against the parameters of the route they name.

Without the plugin, ``url_for(View.get, ...)`` and ``url_for(function, ...)``
are checked through ``ParamSpec`` overloads, and a mistake reads "No
overload variant of url_for matches". With it, every form the plugin can
resolve (the verb method, the function, the View class and an endpoint name
of the same module) is checked against one signature built for the call:
the route's parameters plus ``_anchor``, ``_method``, ``_scheme`` and
``_external``. So mistakes read as for any call ("Missing named argument
"post_id" for "url_for"") and the options work with every form.
"""

from __future__ import annotations

import difflib
import typing as t

from mypy.checker import TypeChecker
from mypy.nodes import ARG_NAMED
from mypy.nodes import ARG_NAMED_OPT
from mypy.nodes import ARG_OPT
from mypy.nodes import ARG_POS
from mypy.nodes import ARG_STAR
from mypy.nodes import ARG_STAR2
from mypy.nodes import FUNC_NO_INFO
from mypy.nodes import CallExpr
from mypy.nodes import Decorator
from mypy.nodes import Expression
from mypy.nodes import FuncDef
from mypy.nodes import MemberExpr
from mypy.nodes import MypyFile
from mypy.nodes import RefExpr
from mypy.nodes import StrExpr
from mypy.nodes import TypeInfo
from mypy.types import AnyType
from mypy.types import CallableType
from mypy.types import Instance
from mypy.types import LiteralType
from mypy.types import NoneType
from mypy.types import Type
from mypy.types import TypeOfAny
from mypy.types import TypeType
from mypy.types import UnionType
from mypy.types import get_proper_type

from .. import errorcodes
from .. import handlers
from .. import names
from ..deps import depend_on_verbs
from ..endpoint_index import APP
from ..endpoint_index import STATIC
from ..endpoints import ModuleRoutes
from ..endpoints import RouteTables
from .request_data import markers_of
from .request_data import read_from

if t.TYPE_CHECKING:
    from mypy.nodes import ArgKind
    from mypy.nodes import Context
    from mypy.plugin import CheckerPluginInterface
    from mypy.plugin import FunctionContext
    from mypy.plugin import FunctionSigContext
    from mypy.types import FunctionLike

    from ..endpoint_index import EndpointIndex
    from ..handlers import Handler
    from .routes import Lookup


class _Route(t.NamedTuple):
    """The handler whose parameters the call must match."""

    handler: Handler
    extra_values: bool
    """Whether other keywords are allowed (and go to the query string), as
    for an endpoint name; the view and the method forms reject them."""


class _Unknown(t.NamedTuple):
    """An endpoint name no route of the module has."""

    endpoint: str
    known: list[str]


class _Problem(t.NamedTuple):
    """An endpoint transom cannot build a URL for."""

    message: str


_Resolved: t.TypeAlias = "_Route | _Unknown | _Problem | None"


class Resolver:
    """Resolves the endpoint of the ``url_for()`` call being checked.

    mypy asks for the signature of each of ``url_for``'s overloads in turn,
    then for the call's type: the call's endpoint is resolved on the first
    question and the answer reused until the last, which forgets it, so a
    call checked again (a deferred function) is resolved again.
    """

    def __init__(self, index: EndpointIndex, lookup: Lookup) -> None:
        self.tables = RouteTables()
        """Each module's routes, for endpoint names."""
        self.index = index
        """Every module's endpoint names, for names of other modules."""
        self.lookup = lookup
        self._last: tuple[CallExpr, _Resolved] | None = None

    def resolve(self, api: CheckerPluginInterface, call: CallExpr) -> _Resolved:
        """What ``call`` builds a URL for."""
        if self._last is not None and self._last[0] is call:
            return self._last[1]
        resolved = _resolve(api, call, self)
        self._last = (call, resolved)
        return resolved

    def resolve_last(self, api: CheckerPluginInterface, call: CallExpr) -> _Resolved:
        """The same, for the last question about ``call``."""
        resolved = self.resolve(api, call)
        self._last = None
        return resolved


def take_over_signature(ctx: FunctionSigContext, resolver: Resolver) -> FunctionLike:
    """When the plugin can resolve the endpoint, let every overload accept the
    call, so that :func:`check_call` alone reports, in plain words."""
    call = ctx.context
    if not isinstance(call, CallExpr) or resolver.resolve(ctx.api, call) is None:
        return ctx.default_signature
    anything = AnyType(TypeOfAny.special_form)
    return handlers.with_params(
        ctx.default_signature,
        [anything, anything, anything],
        [ARG_POS, ARG_STAR, ARG_STAR2],
        [None, "args", "values"],
    )


def check_call(ctx: FunctionContext, resolver: Resolver) -> Type:
    """Check the call against the resolved route's signature."""
    call = ctx.context
    if not isinstance(call, CallExpr):
        return ctx.default_return_type
    resolved = resolver.resolve_last(ctx.api, call)
    if isinstance(resolved, _Unknown):
        _report_unknown(ctx.api, call, resolved)
    elif isinstance(resolved, _Problem):
        ctx.api.fail(resolved.message, call, code=errorcodes.URL_FOR)
    elif isinstance(resolved, _Route) and isinstance(ctx.api, TypeChecker):
        endpoint_type = (
            ctx.arg_types[0][0] if ctx.arg_types and ctx.arg_types[0] else None
        )
        signature = _url_for_signature(ctx.api, endpoint_type, resolved)
        if signature is not None:
            args, kinds, arg_names = _without_request_data(ctx.api, call, resolved)
            ctx.api.expr_checker.check_call(signature, args, kinds, call, arg_names)
    return ctx.default_return_type


def _without_request_data(
    api: CheckerPluginInterface, call: CallExpr, route: _Route
) -> tuple[list[Expression], list[ArgKind], list[str | None]]:
    """The call's arguments but those naming a parameter read from the
    request, each reported: ``url_for`` refuses them at run time."""
    marked = route.handler.request_data
    args: list[Expression] = []
    kinds: list[ArgKind] = []
    arg_names: list[str | None] = []
    for arg, kind, name in zip(call.args, call.arg_kinds, call.arg_names, strict=True):
        if name is not None and name in marked:
            api.fail(
                f"url_for(): {route.handler.qualname}() reads {name!r} from"
                f" {read_from(marked[name])}, not from the URL. Fix: leave it out",
                arg,
                code=errorcodes.URL_FOR,
            )
            continue
        args.append(arg)
        kinds.append(kind)
        arg_names.append(name)
    return args, kinds, arg_names


def _resolve(
    api: CheckerPluginInterface, call: CallExpr, resolver: Resolver
) -> _Resolved:
    if not call.args or call.arg_kinds[0] != ARG_POS:
        return None
    endpoint = call.args[0]
    if isinstance(endpoint, StrExpr):
        return _resolve_name(api, call, endpoint.value, resolver)
    typ = get_proper_type(api.get_expression_type(endpoint))
    if isinstance(typ, LiteralType) and isinstance(typ.value, str):
        return _resolve_name(api, call, typ.value, resolver)
    if isinstance(typ, CallableType) and typ.is_type_obj():
        return _verb_of_class(api, typ.type_object(), call, by_name=False)
    if isinstance(typ, TypeType) and isinstance(typ.item, Instance):
        return _verb_of_class(api, typ.item.type, call, by_name=False)
    if isinstance(typ, CallableType):
        return _resolve_callable(api, typ, endpoint)
    return None


def _resolve_callable(
    api: CheckerPluginInterface, typ: CallableType, endpoint: Expression
) -> _Resolved:
    definition = typ.definition
    node = endpoint.node if isinstance(endpoint, RefExpr) else None
    from_instance = False
    if node is None and isinstance(endpoint, MemberExpr):
        # View.get: the member of the class (or of an instance, an error).
        owner = get_proper_type(api.get_expression_type(endpoint.expr))
        if isinstance(owner, Instance):
            from_instance = True
            owner_info: TypeInfo | None = owner.type
        else:
            owner_info = _class_of(owner)
        member = owner_info.get(endpoint.name) if owner_info is not None else None
        node = member.node if member is not None else None
    if isinstance(node, Decorator):
        # A decorated function's type (the route's, say) no longer carries
        # its definition; the name does. A decorator that hides the
        # signature (Callable[..., R]) is seen through, as transom sees
        # through functools.wraps.
        definition = node.func
        if typ.is_ellipsis_args and isinstance(node.func.type, CallableType):
            if from_instance:
                return _instance_problem(node.func)
            typ = node.func.type
    elif isinstance(node, FuncDef):
        definition = node  # a type read from mypy's cache may carry none
    if not isinstance(definition, FuncDef) or definition.is_static:
        return None
    if definition.info is FUNC_NO_INFO:
        if None in typ.arg_names:
            return None
        return _Route(
            handlers.Handler(definition.name, typ, markers_of(definition)),
            extra_values=False,
        )
    info = definition.info
    if not handlers.is_view(info) or definition.name not in names.VERBS:
        return None
    qualname = f"{info.name}.{definition.name}"
    # arg_names, never the syntax tree's ``arguments``: a function loaded
    # from mypy's cache keeps only its type, argument names and kinds.
    if len(typ.arg_types) < len(definition.arg_names):
        return _instance_problem(definition)
    verb = handlers.verb_handlers(info, _function_type(api)).get(definition.name)
    method = handlers.Handler(
        verb.qualname if verb else qualname,
        handlers.drop_self(typ),
        verb.request_data if verb else markers_of(definition),
    )
    return _Route(method, extra_values=False)


def _instance_problem(definition: FuncDef) -> _Problem:
    qualname = f"{definition.info.name}.{definition.name}"
    return _Problem(
        f"url_for() takes the verb method from the class, as"
        f" url_for({qualname}, ...), not from an instance"
    )


def _class_of(typ: Type) -> TypeInfo | None:
    proper = get_proper_type(typ)
    if isinstance(proper, CallableType) and proper.is_type_obj():
        return proper.type_object()
    if isinstance(proper, TypeType) and isinstance(proper.item, Instance):
        return proper.item.type
    return None


def _verb_of_class(
    api: CheckerPluginInterface, info: TypeInfo, call: CallExpr, *, by_name: bool
) -> _Resolved:
    """The verb ``url_for`` builds for: the one ``_method=`` names, else
    ``get``, else the first, as transom's router picks it."""
    if not handlers.is_view(info):
        return None
    depend_on_verbs(api, info)
    verbs = handlers.verb_handlers(info, _function_type(api))
    method = _literal_keyword(call, "_method")
    if method is not None and verbs:
        answered = _answered_methods(verbs)
        if method not in answered:
            shown = ", ".join(f"_method={m!r}" for m in answered)
            if method.upper() in answered:
                return _Problem(
                    f"url_for(): _method={method!r} names no method {info.name}"
                    " answers, as method names are upper case. Fix: pass"
                    f" _method={method.upper()!r}"
                )
            return _Problem(
                f"url_for(): {info.name} answers no {method.upper()} request, so no"
                f" URL can be built for _method={method!r}. Fix: pass one of {shown},"
                f" or define '{method.lower()}' on {info.name}"
            )
    verb = (verbs.get(method.lower()) if method is not None else None) or next(
        iter(verbs.values()), None
    )
    return None if verb is None else _Route(verb, extra_values=by_name)


def _answered_methods(verbs: dict[str, Handler]) -> list[str]:
    """The HTTP methods a View's route answers: its verbs, ``HEAD`` with
    ``get``, and ``OPTIONS`` always, in the order of ``Allow``."""
    answered = {verb.upper() for verb in verbs} | {"OPTIONS"}
    if "get" in verbs:
        answered.add("HEAD")
    order = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
    return [m for m in order if m in answered]


def _resolve_name(
    api: CheckerPluginInterface, call: CallExpr, name: str, resolver: Resolver
) -> _Resolved:
    if not isinstance(api, TypeChecker):
        return None
    if name == names.STATIC_ENDPOINT:
        return _static_route(api, resolver)
    routes = resolver.tables.of(api.tree)
    if name not in routes.views:
        return _resolve_elsewhere(api, call, name, resolver, routes)
    view = routes.views[name]
    if view is None:
        return None
    return _view_route(api, call, view)


def _resolve_elsewhere(
    api: TypeChecker,
    call: CallExpr,
    name: str,
    resolver: Resolver,
    routes: ModuleRoutes,
) -> _Resolved:
    """An endpoint name the module's own app routes do not have: a route of
    a blueprint, or of another module. It is checked when the module that
    declares it is this one or one it imports (mypy has analysed those
    first); it is unknown when no module of the build declares it."""
    if name.startswith("."):
        return None  # the current blueprint's: which one is the run time's
    declared = resolver.index.find(list(api.modules), name)
    if not declared:
        # Sure only when the module declares routes and all could be read;
        # a blueprint's name may also come from register_blueprint(name=).
        if "." not in name and routes.complete and routes.views:
            return _Unknown(name, sorted(routes.views))
        return None
    if len(declared) != 1:
        return None  # declared twice: which one is the run time's
    module, view_name = declared[0]
    if view_name is None or module not in _visible_modules(api):
        return None
    symbol = resolver.lookup(f"{module}.{view_name}")
    node = symbol.node if symbol is not None else None
    if isinstance(node, Decorator):
        node = node.func
    if not isinstance(node, TypeInfo | FuncDef):
        return None
    return _view_route(api, call, node)


def _static_route(api: TypeChecker, resolver: Resolver) -> _Resolved:
    """``url_for("static", ...)``: a problem when every app the build makes
    is given ``static_folder=None``; otherwise left to the run time (the
    folder may or may not exist)."""
    modules = list(api.modules)
    if resolver.index.find(modules, STATIC) or not resolver.index.find(modules, APP):
        return None
    return _Problem(
        "url_for('static'): no app of this code has a static files route, as"
        " App() is given static_folder=None. Fix: give App() a static_folder"
        " (the default is 'static'), or build the file's URL another way"
    )


def _visible_modules(api: TypeChecker) -> set[str]:
    """The module being checked and the modules it imports from."""
    found = {api.tree.fullname}
    for symbol in api.tree.names.values():
        node = symbol.node
        if isinstance(node, MypyFile):
            found.add(node.fullname)
        elif node is not None and node.fullname:
            found.add(node.fullname.rpartition(".")[0])
    return found


def _view_route(
    api: TypeChecker, call: CallExpr, view: TypeInfo | FuncDef
) -> _Resolved:
    if isinstance(view, TypeInfo):
        return _verb_of_class(api, view, call, by_name=True)
    function = (
        handlers.function_handler(view.type)
        if isinstance(view.type, CallableType)
        else None
    )
    return None if function is None else _Route(function, extra_values=True)


def _function_type(api: CheckerPluginInterface) -> Instance:
    return api.named_generic_type("builtins.function", [])


def _literal_keyword(call: CallExpr, keyword: str) -> str | None:
    for name, value in zip(call.arg_names, call.args, strict=True):
        if name == keyword and isinstance(value, StrExpr):
            return value.value
    return None


def _url_for_signature(
    api: TypeChecker, endpoint_type: Type | None, route_: _Route
) -> CallableType | None:
    """``url_for``'s signature for this route: the endpoint, the handler's
    parameters as ``url_for`` takes them (see :func:`_url_for_params`), then
    the keyword options (and, for an endpoint name, any other keyword)."""
    route = route_.handler.signature
    if endpoint_type is None or any(
        kind in (ARG_STAR, ARG_STAR2) for kind in route.arg_kinds
    ):
        return None  # a route error, reported where the route is declared
    marked = route_.handler.request_data
    if marked:
        kept = [i for i, n in enumerate(route.arg_names) if n not in marked]
        route = handlers.with_params(
            route,
            [route.arg_types[i] for i in kept],
            [route.arg_kinds[i] for i in kept],
            [route.arg_names[i] for i in kept],
        )
    route_types, route_kinds = _url_for_params(api, route)
    str_type = api.named_type("builtins.str")
    optional_str = UnionType([str_type, NoneType()])
    optional_bool = UnionType([api.named_type("builtins.bool"), NoneType()])
    method = UnionType(
        [LiteralType(m, fallback=str_type) for m in names.HTTP_METHODS] + [NoneType()]
    )
    types: list[Type] = [optional_str, method, optional_str, optional_bool]
    kinds = [ARG_NAMED_OPT] * len(types)
    keywords: list[str | None] = list(names.URL_FOR_OPTIONS)
    if route_.extra_values:
        # An endpoint name takes values by keyword only (transom raises a
        # TypeError for positional ones), and other keywords as the query.
        route_kinds = [
            ARG_NAMED_OPT if k.is_optional() else ARG_NAMED for k in route_kinds
        ]
        types.append(AnyType(TypeOfAny.explicit))
        kinds.append(ARG_STAR2)
        keywords.append("values")
    return CallableType(
        [endpoint_type, *route_types, *types],
        [ARG_POS, *route_kinds, *kinds],
        [None, *route.arg_names, *keywords],
        str_type,
        api.named_type("builtins.function"),
        name="url_for",
    )


def _url_for_params(
    api: TypeChecker, route: CallableType
) -> tuple[list[Type], list[ArgKind]]:
    """The types and kinds of the route's parameters in ``url_for``.

    An ``Enum`` parameter also takes its text in the URL (``"red"`` for
    ``Color.RED``), and an ``int`` enum's an ``int``, as transom converts
    them. A parameter that may be ``None`` may be left out, default or not:
    it is a query parameter (a path parameter cannot be optional) and
    transom leaves it out of the URL. When a required positional parameter
    follows it, the two are taken by keyword, as Python cannot leave out a
    positional argument before another.
    """
    types = [_with_enum_values(api, typ) for typ in route.arg_types]
    kinds = list(route.arg_kinds)
    optional = [
        kind.is_required() and _may_be_none(typ)
        for kind, typ in zip(kinds, route.arg_types, strict=True)
    ]
    first = next(
        (i for i, o in enumerate(optional) if o and kinds[i].is_positional()), None
    )
    if first is not None and ARG_POS in kinds[first + 1 :]:
        kinds[first:] = [_BY_KEYWORD.get(kind, kind) for kind in kinds[first:]]
    for index, kind in enumerate(kinds):
        if optional[index]:
            kinds[index] = ARG_NAMED_OPT if kind == ARG_NAMED else ARG_OPT
    return types, kinds


_BY_KEYWORD: t.Final = {ARG_POS: ARG_NAMED, ARG_OPT: ARG_NAMED_OPT}


def _may_be_none(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, UnionType) and any(
        isinstance(get_proper_type(item), NoneType) for item in proper.items
    )


def _with_enum_values(api: TypeChecker, typ: Type) -> Type:
    """``typ``, where an ``Enum`` (alone, optional or in a list) may also be
    given by its text in the URL, or by its value for an ``int`` enum."""
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return UnionType.make_union(
            [_with_enum_values(api, item) for item in proper.items]
        )
    if not isinstance(proper, Instance):
        return typ
    if proper.type.fullname == "builtins.list" and len(proper.args) == 1:
        item = proper.args[0]
        values = _enum_values(api, item)
        if values is None:
            return typ
        # list is invariant: a list[Color] and a list of values both fit.
        return UnionType.make_union(
            [
                typ,
                api.named_generic_type("builtins.list", [values]),
                api.named_generic_type(
                    "builtins.list", [UnionType.make_union([item, values])]
                ),
            ]
        )
    values = _enum_values(api, proper)
    return typ if values is None else UnionType.make_union([typ, values])


def _enum_values(api: TypeChecker, typ: Type) -> Type | None:
    """What ``url_for`` takes besides the members of an ``Enum``: the text
    of a member's value, and the value itself for an ``int`` enum
    (``IntEnum``), whose members equal their values; ``None`` when ``typ``
    is no ``Enum``."""
    proper = get_proper_type(typ)
    if not (isinstance(proper, Instance) and proper.type.is_enum):
        return None
    text = api.named_type("builtins.str")
    if proper.type.has_base("builtins.int"):
        return UnionType.make_union([text, api.named_type("builtins.int")])
    return text


def _report_unknown(
    api: CheckerPluginInterface, context: Context, unknown: _Unknown
) -> None:
    close = difflib.get_close_matches(unknown.endpoint, unknown.known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    api.fail(
        f"url_for(): no route in this module has the endpoint {unknown.endpoint!r}"
        f"{hint}. Fix: correct the name, or pass the view itself, as in"
        " url_for(View.get, ...), which works across modules",
        context,
        code=errorcodes.URL_FOR,
    )
