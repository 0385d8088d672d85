"""Every module's endpoint names, for ``url_for("blog.index")`` in another module.

mypy hands each module it parses to the plugin before it analyses any
(``get_additional_deps``), so the plugin reads the endpoints every module
declares from its syntax tree while the tree is there, once. A module mypy
loads from its cache is not parsed and has no tree: what its tree said at
its last parse is kept in a small file next to mypy's cache, one per
module, rewritten whenever mypy parses the module again. So the index is
complete, and the same, on a cold run and a warm one.

The index gives the name of the view only; its types come from mypy's
symbol tables, where mypy's cache keeps them.
"""

from __future__ import annotations

import json
import os
import typing as t

from mypy.nodes import AssignmentStmt
from mypy.nodes import CallExpr
from mypy.nodes import ClassDef
from mypy.nodes import Decorator
from mypy.nodes import Expression
from mypy.nodes import ExpressionStmt
from mypy.nodes import FuncDef
from mypy.nodes import IfStmt
from mypy.nodes import MemberExpr
from mypy.nodes import NameExpr
from mypy.nodes import Statement
from mypy.nodes import StrExpr

from .handlers import endpoint_name

if t.TYPE_CHECKING:
    import collections.abc as cabc

    from mypy.nodes import MypyFile

Table: t.TypeAlias = dict[str, str | None]
"""Endpoint names, each with the top-level name of its view in the module
(``None`` for a view defined in a function, such as ``create_app()``)."""

_FOLDER: t.Final = "transom-endpoints"


class EndpointIndex:
    """The endpoints of every module of the build, read from syntax trees."""

    def __init__(self, cache_dir: str | None) -> None:
        self._folder = (
            None
            if not cache_dir or cache_dir == os.devnull
            else os.path.join(cache_dir, _FOLDER)
        )
        self._tables: dict[str, Table] = {}

    def read_tree(self, tree: MypyFile) -> None:
        """Read the endpoints of a module mypy has just parsed."""
        if tree.is_stub:
            return
        table = declared_endpoints(tree)
        self._tables[tree.fullname] = table
        self._store(tree.fullname, table)

    def table(self, module: str) -> Table:
        """The endpoints of ``module`` (parsed in this run, or at its last parse)."""
        table = self._tables.get(module)
        if table is None:
            table = self._tables[module] = self._load(module)
        return table

    def find(
        self, modules: cabc.Iterable[str], endpoint: str
    ) -> list[tuple[str, str | None]]:
        """The modules among ``modules`` that declare ``endpoint``, each
        with the name of its view."""
        return [
            (module, self.table(module)[endpoint])
            for module in modules
            if endpoint in self.table(module)
        ]

    def _path(self, module: str) -> str | None:
        return (
            None
            if self._folder is None
            else os.path.join(self._folder, module + ".json")
        )

    def _store(self, module: str, table: Table) -> None:
        path = self._path(module)
        if path is None:
            return
        try:
            if not table:
                if os.path.exists(path):
                    os.remove(path)
                return
            os.makedirs(os.path.dirname(path), exist_ok=True)
            partial = f"{path}.{os.getpid()}"
            with open(partial, "w", encoding="utf-8") as f:
                json.dump(table, f)
            os.replace(partial, path)
        except OSError:
            pass  # a read-only cache: this run still knows the module

    def _load(self, module: str) -> Table:
        path = self._path(module)
        if path is None:
            return {}
        try:
            with open(path, encoding="utf-8") as f:
                data: object = json.load(f)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(k): v if isinstance(v, str) else None
            for k, v in t.cast("dict[object, object]", data).items()
        }


def declared_endpoints(tree: MypyFile) -> Table:
    """The endpoints the routes of a freshly parsed module declare: names are
    not resolved yet, so an app or blueprint is known by its variable, and a
    blueprint by ``name = Blueprint("name", ...)`` in the same module."""
    blueprints = _blueprint_names(tree.defs)
    classes = {s.name for s in tree.defs if isinstance(s, ClassDef)}
    found: Table = {}
    _visit(tree.defs, found, _Names(blueprints, classes), top=True)
    return found


class _Names(t.NamedTuple):
    blueprints: dict[str, str]
    """The blueprint of each variable ``bp = Blueprint("name", ...)``."""
    classes: set[str]
    """The classes the module defines at its top level."""


def _blueprint_names(statements: list[Statement]) -> dict[str, str]:
    names: dict[str, str] = {}
    for statement in statements:
        if (
            isinstance(statement, AssignmentStmt)
            and len(statement.lvalues) == 1
            and isinstance(statement.lvalues[0], NameExpr)
            and isinstance(statement.rvalue, CallExpr)
            and _callee_name(statement.rvalue.callee) == "Blueprint"
            and statement.rvalue.args
            and isinstance(statement.rvalue.args[0], StrExpr)
        ):
            names[statement.lvalues[0].name] = statement.rvalue.args[0].value
    return names


def _visit(
    statements: list[Statement], found: Table, names: _Names, *, top: bool
) -> None:
    for statement in statements:
        if isinstance(statement, ClassDef):
            _add(statement.decorators, statement.name, True, found, names, top)
        elif isinstance(statement, Decorator):
            name = statement.func.name
            _add(statement.decorators, name, False, found, names, top)
            _visit(statement.func.body.body, found, names, top=False)
        elif isinstance(statement, FuncDef):
            _visit(statement.body.body, found, names, top=False)
        elif isinstance(statement, ExpressionStmt):
            _add_route_call(statement.expr, found, names, top)
        elif isinstance(statement, AssignmentStmt):
            _add_app(statement.rvalue, found)
        elif isinstance(statement, IfStmt):
            for block in statement.body:
                _visit(block.body, found, names, top=top)
            if statement.else_body is not None:
                _visit(statement.else_body.body, found, names, top=top)


def _add(
    decorators: list[Expression],
    view: str,
    is_class: bool,
    found: Table,
    names: _Names,
    top: bool,
) -> None:
    for decorator in decorators:
        if not (
            isinstance(decorator, CallExpr)
            and isinstance(decorator.callee, MemberExpr)
            and decorator.callee.name == "route"
        ):
            continue
        endpoint = _endpoint(decorator, view, is_class=is_class)
        if endpoint is not None:
            _put(found, decorator.callee.expr, endpoint, view if top else None, names)


APP: t.Final = "\0app"
"""A pseudo-endpoint every ``App(...)`` call declares, so that the index
tells whether the build makes an app at all."""

STATIC: t.Final = "static"
"""The endpoint of an app's static files route."""


def _add_app(expr: Expression, found: Table) -> None:
    """``app = App(...)``: an app, and its static files route unless it is
    given ``static_folder=None`` (the route may still be left out at run
    time, when the folder does not exist)."""
    if not (isinstance(expr, CallExpr) and _callee_name(expr.callee) == "App"):
        return
    found[APP] = None
    for name, value in zip(expr.arg_names, expr.args, strict=True):
        if (
            name == "static_folder"
            and isinstance(value, NameExpr)
            and value.name == "None"
        ):
            return
    found[STATIC] = None


def _add_route_call(expr: Expression, found: Table, names: _Names, top: bool) -> None:
    if not (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, MemberExpr)
        and expr.callee.name == "add_route"
        and len(expr.args) > 1
        and isinstance(expr.args[1], NameExpr)
    ):
        return
    view = expr.args[1].name
    # An imported view: a class by the usual spelling of names.
    is_class = view in names.classes or view[:1].isupper()
    endpoint = _endpoint(expr, view, is_class=is_class)
    if endpoint is not None:
        _put(found, expr.callee.expr, endpoint, view if top else None, names)


def _put(
    found: Table,
    receiver: Expression,
    endpoint: str,
    view: str | None,
    names: _Names,
) -> None:
    if isinstance(receiver, NameExpr) and receiver.name in names.blueprints:
        endpoint = f"{names.blueprints[receiver.name]}.{endpoint}"
    if endpoint in found and found[endpoint] != view:
        view = None  # two views claim it: left to the run time
    found[endpoint] = view


def _endpoint(call: CallExpr, view: str, *, is_class: bool) -> str | None:
    """The route's ``endpoint=``, or the default; ``None`` when it is not
    spelt out (a variable)."""
    for arg_name, value in zip(call.arg_names, call.args, strict=True):
        if arg_name == "endpoint":
            return value.value if isinstance(value, StrExpr) else None
    return endpoint_name(view, is_class=is_class)


def _callee_name(callee: Expression) -> str | None:
    if isinstance(callee, NameExpr | MemberExpr):
        return callee.name
    return None
