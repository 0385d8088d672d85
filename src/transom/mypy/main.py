"""The plugin class: it only picks the hook for a full name.

Every hook is a function in :mod:`transom.mypy.hooks`; the settings, the
symbol lookup and the ``url_for`` resolver reach them through
:func:`functools.partial`. Nothing else is kept between calls, and what the
resolver keeps only as long as the statements or the call it was read
from, so the plugin works the same with mypy's cache and daemon.
"""

from __future__ import annotations

import collections.abc as cabc
import functools
import hashlib
import pathlib
import sys
import typing as t

import typing_extensions as te
from mypy.nodes import TypeInfo
from mypy.plugin import ClassDefContext
from mypy.plugin import FunctionContext
from mypy.plugin import FunctionSigContext
from mypy.plugin import MethodContext
from mypy.plugin import MethodSigContext
from mypy.plugin import Plugin
from mypy.plugin import ReportConfigContext
from mypy.types import FunctionLike
from mypy.types import Type

from . import names
from .config import PluginConfigError
from .config import load_config
from .endpoint_index import EndpointIndex
from .hooks import blueprints
from .hooks import constraints
from .hooks import request_data
from .hooks import request_hooks
from .hooks import routes
from .hooks import url_for

if t.TYPE_CHECKING:
    from mypy.nodes import MypyFile
    from mypy.options import Options


_HOOK_KINDS: t.Final = {
    names.APP_BEFORE_REQUEST: request_hooks.BEFORE_REQUEST,
    names.APP_AFTER_REQUEST: request_hooks.AFTER_REQUEST,
    names.BLUEPRINT_BEFORE_REQUEST: request_hooks.BEFORE_REQUEST,
    names.BLUEPRINT_AFTER_REQUEST: request_hooks.AFTER_REQUEST,
    names.HANDLER_DECORATOR_CALL: request_hooks.ERROR_HANDLER,
}
"""The registering methods whose function the plugin checks, and how."""


class TransomPlugin(Plugin):
    """Checks transom routes and ``url_for`` calls (see :mod:`transom.mypy`)."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        try:
            self.config = load_config(options.config_file)
            """The ``[transom.mypy]`` settings."""
        except PluginConfigError as e:
            # A usage error, said in one line as mypy says its own, rather
            # than an "INTERNAL ERROR" with a traceback.
            print(f"{options.config_file}: error: {e}", file=sys.stderr)
            raise SystemExit(2) from None
        self.source_digest = _source_digest()
        """A digest of the plugin's code, which mypy's cache depends on."""
        self.endpoint_index = EndpointIndex(options.cache_dir)
        """Every module's endpoint names, for url_for() across modules."""
        self.url_for = url_for.Resolver(
            self.endpoint_index, self.lookup_fully_qualified
        )
        """Each module's routes, read once per syntax tree, and the endpoint
        of the url_for() call being checked: the only state kept between
        hook calls, each tied to the statements or the call it was read from."""

    @te.override
    def report_config_data(self, ctx: ReportConfigContext) -> dict[str, t.Any]:
        # mypy invalidates its cache when the plugin's entry module changes,
        # not when the modules it imports do; the digest covers them all.
        return {**self.config.to_json(), "plugin": self.source_digest}

    @te.override
    def get_base_class_hook(
        self, fullname: str
    ) -> cabc.Callable[[ClassDefContext], None] | None:
        # Called with each class's direct bases: a View subclass's base is
        # View or another subclass of it.
        if fullname == names.VIEW:
            return request_data.record_markers
        symbol = self.lookup_fully_qualified(fullname)
        node = symbol.node if symbol is not None else None
        if isinstance(node, TypeInfo) and node.has_base(names.VIEW):
            return request_data.record_markers
        return None

    @te.override
    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        # Called once for each module mypy parses, before any is analysed:
        # the one moment the plugin sees the syntax tree of every module.
        self.endpoint_index.read_tree(file)
        return []

    @te.override
    def get_method_hook(
        self, fullname: str
    ) -> cabc.Callable[[MethodContext], Type] | None:
        if fullname in (names.APP_ROUTE, names.BLUEPRINT_ROUTE):
            return functools.partial(
                routes.type_route_decorator, lookup=self.lookup_fully_qualified
            )
        if fullname in (
            names.ROUTE_DECORATOR_CALL,
            names.FUNCTION_ROUTE_DECORATOR_CALL,
        ):
            return functools.partial(
                routes.check_decorated,
                config=self.config,
                lookup=self.lookup_fully_qualified,
                tables=self.url_for.tables,
            )
        kind = _HOOK_KINDS.get(fullname)
        if kind is not None:
            return functools.partial(
                request_hooks.check_registered,
                kind=kind,
                lookup=self.lookup_fully_qualified,
            )
        if fullname == names.APP_ADD_ROUTE:
            return functools.partial(
                routes.check_add_route,
                config=self.config,
                lookup=self.lookup_fully_qualified,
                tables=self.url_for.tables,
            )
        return None

    @te.override
    def get_method_signature_hook(
        self, fullname: str
    ) -> cabc.Callable[[MethodSigContext], FunctionLike] | None:
        if fullname in (
            names.ROUTE_DECORATOR_CALL,
            names.FUNCTION_ROUTE_DECORATOR_CALL,
        ):
            return routes.accept_anything
        return None

    @te.override
    def get_function_signature_hook(
        self, fullname: str
    ) -> cabc.Callable[[FunctionSigContext], FunctionLike] | None:
        if fullname == names.URL_FOR:
            return functools.partial(url_for.take_over_signature, resolver=self.url_for)
        return None

    @te.override
    def get_function_hook(
        self, fullname: str
    ) -> cabc.Callable[[FunctionContext], Type] | None:
        if fullname == names.URL_FOR:
            return functools.partial(url_for.check_call, resolver=self.url_for)
        if fullname == names.RANGE:
            return constraints.check_range
        if fullname == names.BLUEPRINT:
            return blueprints.check_blueprint_name
        if fullname == names.AFTER_THIS_REQUEST:
            return functools.partial(
                request_hooks.check_registered,
                kind=request_hooks.AFTER_THIS_REQUEST,
                lookup=self.lookup_fully_qualified,
            )
        return None


def _source_digest() -> str:
    package = pathlib.Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), package.parent / "rules.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()
