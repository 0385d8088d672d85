"""The routes a module declares, read from its syntax tree.

``url_for("post", ...)`` names a route by its endpoint. The plugin resolves
such a name among the routes of the module that calls ``url_for``, whose
tree mypy is checking, then among the endpoints of the other modules
(:mod:`transom.mypy.endpoint_index`). A name is reported as unknown only
when the calling module declares routes itself, all could be read, and no
module of the build declares it; ``url_for(View.get, ...)`` reaches views
of any module."""

from __future__ import annotations

import typing as t

from mypy.nodes import AssignmentStmt
from mypy.nodes import Block
from mypy.nodes import CallExpr
from mypy.nodes import ClassDef
from mypy.nodes import Decorator
from mypy.nodes import Expression
from mypy.nodes import ExpressionStmt
from mypy.nodes import FuncDef
from mypy.nodes import IfStmt
from mypy.nodes import ListExpr
from mypy.nodes import MemberExpr
from mypy.nodes import RefExpr
from mypy.nodes import Statement
from mypy.nodes import StrExpr
from mypy.nodes import TryStmt
from mypy.nodes import TupleExpr
from mypy.nodes import TypeInfo
from mypy.nodes import Var
from mypy.nodes import WithStmt
from mypy.types import Instance
from mypy.types import get_proper_type

from . import names
from .handlers import endpoint_name
from .handlers import verb_names

if t.TYPE_CHECKING:
    from mypy.nodes import MypyFile


_UNREADABLE: t.Final = object()
"""An ``endpoint=`` the tree does not spell out (a variable)."""


class Clash(t.NamedTuple):
    """A route whose endpoint an earlier route of the same app, in the same
    module, binds to another view: transom refuses it at registration."""

    endpoint: str
    first: TypeInfo | FuncDef
    """The view of the earlier route."""
    first_rule: str | None
    """The earlier route's rule, when the tree spells it out."""


class Taken(t.NamedTuple):
    """A route whose rule and method an earlier route of the same app, in
    the same module, already handles: transom refuses it at registration."""

    method: str
    """The first such method, upper case."""
    first: TypeInfo | FuncDef
    """The view of the earlier route."""


class ModuleRoutes:
    """The routes a module declares, by endpoint."""

    def __init__(self) -> None:
        self.views: dict[str, TypeInfo | FuncDef | None] = {}
        """The View subclass or function of each endpoint; ``None`` when the
        tree does not tell which (a view made by a call, or two views)."""
        self.complete = True
        """Whether every route's endpoint could be read: only then is a name
        that is not in :attr:`views` surely unknown."""
        self.clashes: dict[int, Clash] = {}
        """By the ``route()``/``add_route()`` call (its id: the call is part
        of the very tree the table was read from), each route whose
        endpoint is taken."""
        self._first: dict[tuple[str, str], tuple[TypeInfo | FuncDef, str | None]] = {}
        self.taken: dict[int, Taken] = {}
        """By the ``route()``/``add_route()`` call, as :attr:`clashes`: each
        route whose rule and method an earlier route handles."""
        self._handled: dict[tuple[str, str, str], TypeInfo | FuncDef] = {}

    def add(
        self,
        endpoint: object,
        view: TypeInfo | FuncDef | None,
        call: CallExpr | None = None,
    ) -> None:
        if not isinstance(endpoint, str):
            self.complete = False
            return
        if endpoint == "":
            if view is None:
                self.complete = False
                return
            endpoint = endpoint_name(view.name, is_class=isinstance(view, TypeInfo))
        if call is not None and view is not None:
            self._check_clash(endpoint, view, call)
        if endpoint in self.views and self.views[endpoint] is not view:
            view = None  # two views claim the name: leave it to run time
        self.views[endpoint] = view

    def _check_clash(
        self, endpoint: str, view: TypeInfo | FuncDef, call: CallExpr
    ) -> None:
        receiver = _receiver(call)
        if receiver is None:
            return
        rule = call.args[0] if call.args else None
        first = self._first.setdefault(
            (receiver, endpoint),
            (view, rule.value if isinstance(rule, StrExpr) else None),
        )
        if first[0] is not view:
            self.clashes[id(call)] = Clash(endpoint, first[0], first[1])
        if not isinstance(rule, StrExpr) or any(
            name in ("subdomain", "host") for name in call.arg_names
        ):
            return
        methods = _methods(view, call)
        taken = None
        for method in methods:
            key = (receiver, rule.value, method)
            if taken is None and key in self._handled:
                taken = Taken(method, self._handled[key])
            self._handled.setdefault(key, view)
        if taken is not None:
            self.taken[id(call)] = taken


def _methods(view: TypeInfo | FuncDef, call: CallExpr) -> list[str]:
    """The methods a route handles, as transom registers them: a View's
    verbs, or a function's ``methods=`` (``GET`` without it); none when the
    tree does not spell them out."""
    if isinstance(view, TypeInfo):
        return [verb.upper() for verb in verb_names(view)]
    for name, value in zip(call.arg_names, call.args, strict=True):
        if name == "methods":
            if not isinstance(value, ListExpr | TupleExpr) or not all(
                isinstance(item, StrExpr) for item in value.items
            ):
                return []
            return [t.cast(StrExpr, item).value.upper() for item in value.items]
    return ["GET"]


class RouteTables:
    """Each module's routes, collected once per syntax tree.

    A module may build hundreds of URLs by name, and mypy calls the hooks
    of each ``url_for()`` more than once (once per overload): walking the
    tree on every call made the plugin's cost grow with the square of the
    module's size. One object lives as long as the plugin; a table is
    reused only while mypy checks the very statements it was read from, so
    a module parsed again (a new run, the daemon after an edit) is read
    again. The statements, not the tree: the daemon merges a new tree into
    the old ``MypyFile``, which keeps its identity but takes the new list
    of statements.
    """

    def __init__(self) -> None:
        self._tables: dict[str, tuple[list[Statement], ModuleRoutes]] = {}

    def of(self, tree: MypyFile) -> ModuleRoutes:
        """The routes of ``tree``'s module."""
        cached = self._tables.get(tree.fullname)
        if cached is not None and cached[0] is tree.defs:
            return cached[1]
        routes = module_routes(tree)
        # Keeping the list keeps its identity from being reused.
        self._tables[tree.fullname] = (tree.defs, routes)
        return routes


def module_routes(tree: MypyFile) -> ModuleRoutes:
    """The routes the module declares with ``@app.route`` or ``app.add_route``
    (walks the whole tree: see :class:`RouteTables`)."""
    found = ModuleRoutes()
    _visit(tree.defs, found)
    return found


def _visit(statements: list[Statement], found: ModuleRoutes) -> None:
    # mypy's own visitors are compiled and cannot be subclassed here; routes
    # sit in module, class and function bodies and under if/with/try.
    for statement in statements:
        if isinstance(statement, ClassDef):
            _add_decorated(statement.decorators, statement.info, found)
            _visit(statement.defs.body, found)
        elif isinstance(statement, Decorator):
            _add_decorated(statement.decorators, statement.func, found)
            _visit(statement.func.body.body, found)
        elif isinstance(statement, FuncDef):
            _visit(statement.body.body, found)
        elif isinstance(statement, ExpressionStmt | AssignmentStmt):
            _add_call(
                statement.expr
                if isinstance(statement, ExpressionStmt)
                else statement.rvalue,
                found,
            )
        elif isinstance(statement, IfStmt):
            for block in statement.body:
                _visit(block.body, found)
            if statement.else_body is not None:
                _visit(statement.else_body.body, found)
        elif isinstance(statement, WithStmt):
            _visit(statement.body.body, found)
        elif isinstance(statement, Block):
            _visit(statement.body, found)
        elif isinstance(statement, TryStmt):
            _visit(statement.body.body, found)


def _add_decorated(
    decorators: list[Expression], view: TypeInfo | FuncDef, found: ModuleRoutes
) -> None:
    # Decorators apply from the bottom up: the lowest route registers first.
    for decorator in reversed(decorators):
        endpoint = _route_endpoint(decorator, "route")
        if endpoint is not None and isinstance(decorator, CallExpr):
            found.add(endpoint, view, decorator)


def _add_call(expr: Expression, found: ModuleRoutes) -> None:
    endpoint = _route_endpoint(expr, "add_route")
    if endpoint is None or not isinstance(expr, CallExpr):
        return
    view = expr.args[1] if len(expr.args) > 1 else None
    node = view.node if isinstance(view, RefExpr) else None
    if isinstance(node, Decorator):
        node = node.func
    found.add(endpoint, node if isinstance(node, TypeInfo | FuncDef) else None, expr)


def _receiver(call: CallExpr) -> str | None:
    """The full name of the app whose ``route()``/``add_route()`` this is,
    when it is a name (``app``, ``module.app``)."""
    callee = call.callee
    if isinstance(callee, MemberExpr) and isinstance(callee.expr, RefExpr):
        return callee.expr.fullname or None
    return None


def _route_endpoint(expr: Expression, method: str) -> object:
    """For ``<app>.route(...)`` (or ``add_route``): its ``endpoint=``, ``""``
    for the default, :data:`_UNREADABLE`; ``None`` for any other expression."""
    if not (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, MemberExpr)
        and expr.callee.name == method
        and _is_app(expr.callee.expr)
    ):
        return None
    for name, value in zip(expr.arg_names, expr.args, strict=True):
        if name == "endpoint":
            return value.value if isinstance(value, StrExpr) else _UNREADABLE
    return ""


def _is_app(expr: Expression) -> bool:
    """Whether ``expr`` is an App, as far as the tree tells; a name whose
    type is not known yet counts as one."""
    node = expr.node if isinstance(expr, RefExpr) else None
    if not isinstance(node, Var) or node.type is None:
        return True
    typ = get_proper_type(node.type)
    return isinstance(typ, Instance) and typ.type.has_base(names.APP)
