"""Blueprints: parts of an application, registered on the app.

::

    auth = Blueprint("auth", __name__, url_prefix="/auth")

    @auth.route("/login")
    class Login(View):
        def get(self) -> str: ...

    app.register_blueprint(auth)      # GET /auth/login, endpoint "auth.login"

A blueprint is a scope, not a second router: it records its routes, hooks,
error handlers, template and static folders and commands, and
:meth:`App.register_blueprint <transom.App.register_blueprint>` replays
them into the app's one router with the blueprint's prefix and name
applied, checked exactly as the app's own routes are. Each route carries
its blueprints' hooks, merged once at registration (a
:class:`~transom.scope.ScopeChain`), so that requests outside a blueprint
never run, or look for, its hooks.

This module does no I/O and touches no globals.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import functools
import os
import types
import typing as t

import typing_extensions as te

from ._typing import AfterRequestHook
from ._typing import BeforeRequestHook
from ._typing import CommandFunction
from ._typing import ContextProcessorHook
from ._typing import ErrorHandlerDecorator
from ._typing import TeardownHook
from ._typing import TemplateFilterFunction
from ._typing import TemplateGlobalFunction
from ._typing import TemplateTestFunction
from ._typing import URLDefaultsHook
from ._typing import URLValuePreprocessorHook
from .exceptions import RouteError
from .exceptions import TransomError
from .routing import endpoint_name
from .rules import join_rule
from .scope import Scope
from .scope import ScopeChain
from .scope import find_root_path
from .scope import registering_locals
from .scope import setup_method
from .static import static_view

if t.TYPE_CHECKING:
    from ._typing import RoutedView
    from .app import App
    from .cli.commands import CommandRegistry
    from .scope import ErrorHandler
    from .typing import ResponseValue

_T = t.TypeVar("_T")
_ErrorT = t.TypeVar("_ErrorT", bound=BaseException)


@dataclasses.dataclass(frozen=True, slots=True)
class _RecordedRoute:
    rule: str
    view: RoutedView | cabc.Callable[..., ResponseValue]
    endpoint: str
    methods: cabc.Iterable[str] | None
    max_content_length: int | None | t.Literal["app"]
    docs: bool | None
    localns: cabc.Mapping[str, t.Any]
    subdomain: str | None
    host: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class _Registration:
    """What one registration of a blueprint applies to its routes."""

    name: str
    """The blueprint's full dotted name."""
    url_prefix: str | None
    subdomain: str | None
    url_defaults: cabc.Mapping[str, t.Any]
    parents: tuple[tuple[str, Blueprint], ...]
    """The blueprints it is nested in, outermost first, with their full names."""


def _check_name(name: object, what: str) -> str:
    if not isinstance(name, str) or not name:
        raise RouteError(
            what,
            f"the name {name!r} is not a non-empty string",
            "name the blueprint, as in Blueprint('auth', __name__)",
        )
    if "." in name:
        raise RouteError(
            what,
            f"the name {name!r} contains a dot, which separates the names of"
            " nested blueprints in endpoints ('parent.child.view')",
            f"use a name without dots, such as {name.replace('.', '_')!r}",
        )
    return name


class Blueprint(Scope):
    """A part of an application: routes, hooks, error handlers, templates,
    static files and commands, registered on an app (or on another
    blueprint) with :meth:`register_blueprint`.

    :param name: the blueprint's name, which prefixes its endpoints
        (``"auth.login"``); no dots.
    :param import_name: the blueprint's module, usually ``__name__``; it
        locates the template and static folders.
    :param url_prefix: a path that prefixes every rule (``"/auth"``); it
        may have variables, which the views then accept.
    :param template_folder: a folder of templates, searched after the app's.
    :param static_folder: a folder of static files, served at
        ``static_url_path`` under the prefix as the endpoint ``"<name>.static"``.
    :param static_url_path: where the static files are served; ``/`` plus
        the folder's name by default.
    :param subdomain: the subdomain the routes match, when the app has
        ``subdomain_matching=True``; it may hold variables, which the views
        then accept.
    :param url_defaults: values every view of the blueprint receives, as
        if the path gave them (each view accepts them).
    :param root_path: the folder the other paths are relative to; found
        from ``import_name`` when not given.
    :param cli_group: the prefix of the blueprint's commands
        (``transom auth-create-user``); the name by default, ``None`` for
        no prefix.
    """

    def __init__(
        self,
        name: str,
        import_name: str,
        *,
        url_prefix: str | None = None,
        template_folder: str | os.PathLike[str] | None = None,
        static_folder: str | os.PathLike[str] | None = None,
        static_url_path: str | None = None,
        subdomain: str | None = None,
        url_defaults: cabc.Mapping[str, t.Any] | None = None,
        root_path: str | os.PathLike[str] | None = None,
        cli_group: str | None | types.EllipsisType = ...,
    ) -> None:
        super().__init__()
        self.name = _check_name(name, f"Blueprint({name!r})")
        """The name, which prefixes the endpoints."""
        self.import_name = import_name
        """The name of the blueprint's module."""
        self.root_path = (
            os.fspath(root_path) if root_path else find_root_path(import_name)
        )
        """The folder the template and static folders are relative to."""
        self.url_prefix = url_prefix
        """The path under which the routes are registered."""
        self.subdomain = subdomain
        """The subdomain of the routes."""
        self.url_values_defaults: dict[str, t.Any] = dict(url_defaults or {})
        """Values every view receives besides the path's."""
        self.template_folder: str | None = (
            os.path.join(self.root_path, template_folder) if template_folder else None
        )
        """The absolute folder of templates, or ``None``."""
        self.static_folder: str | None = (
            os.path.join(self.root_path, static_folder) if static_folder else None
        )
        """The absolute folder of static files, or ``None``."""
        self.static_url_path = static_url_path
        self.cli_group: str | None = (
            name if isinstance(cli_group, types.EllipsisType) else (cli_group)
        )
        """The prefix of the commands' names, or ``None``."""
        self._routes: list[_RecordedRoute] = []
        self._blueprints: list[tuple[Blueprint, dict[str, t.Any]]] = []
        self._app_setup: list[cabc.Callable[[App], object]] = []
        self._registered = False

    @te.override
    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    @te.override
    def check_setup(self, method: str) -> None:
        if self._registered:
            raise TransomError(
                f"Blueprint.{method}() was called on the blueprint {self.name!r}"
                " after it was registered; registration copies the blueprint"
                " into the app, so the change would not apply. Set up the"
                " blueprint completely (routes, hooks, nested blueprints) before"
                " register_blueprint()."
            )

    # -- recording ----------------------------------------------------------

    @te.override
    @setup_method
    def add_route(
        self,
        rule: str,
        view: RoutedView | cabc.Callable[..., ResponseValue],
        *,
        methods: cabc.Iterable[str] | None = None,
        endpoint: str | None = None,
        max_content_length: int | None | t.Literal["app"] = "app",
        docs: bool | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> None:
        """Record a route; registration adds it to the app, under the
        blueprint's prefix and with the endpoint ``"<name>.<endpoint>"``,
        and checks it then."""
        where = getattr(view, "__qualname__", repr(view))
        local = endpoint or endpoint_name(view)
        if not local or local == "<lambda>":
            raise RouteError(
                where,
                "transom cannot name its endpoint from it",
                f"pass endpoint='...' to the route of {where}",
            )
        if "." in local:
            raise RouteError(
                f"{where} at route {rule!r}",
                f"the endpoint {local!r} contains a dot, which separates the"
                " blueprint's name from the view's",
                f"pass an endpoint without dots, such as {local.replace('.', '_')!r};"
                f" it becomes {self.name + '.' + local.replace('.', '_')!r}",
            )
        self._routes.append(
            _RecordedRoute(
                rule,
                view,
                local,
                methods,
                max_content_length,
                docs,
                registering_locals(),
                subdomain,
                host,
            )
        )

    @setup_method
    def register_blueprint(
        self,
        blueprint: Blueprint,
        *,
        name: str | None = None,
        url_prefix: str | None = None,
        subdomain: str | None = None,
        url_defaults: cabc.Mapping[str, t.Any] | None = None,
        cli_group: str | None | types.EllipsisType = ...,
    ) -> None:
        """Nest ``blueprint`` in this one: its prefix goes under this one's,
        its name after this one's (``"parent.child.view"``), and this one's
        hooks run for its requests too. The options override the nested
        blueprint's own, as in :meth:`App.register_blueprint
        <transom.App.register_blueprint>`."""
        if blueprint is self:
            raise RouteError(
                f"{self.name}.register_blueprint({blueprint.name!r})",
                "a blueprint cannot be nested in itself",
                "register another blueprint",
            )
        self._blueprints.append(
            (
                blueprint,
                {
                    "name": name,
                    "url_prefix": url_prefix,
                    "subdomain": subdomain,
                    "url_defaults": url_defaults,
                    "cli_group": cli_group,
                },
            )
        )

    # -- app-wide hooks -----------------------------------------------------

    def _on_app(self, setup: cabc.Callable[[App], object]) -> None:
        self.check_setup("app-wide setup")
        self._app_setup.append(setup)

    def before_app_request(self, f: BeforeRequestHook) -> BeforeRequestHook:
        """:meth:`before_request` for every request of the app."""
        self._on_app(lambda app: app.before_request(f))
        return f

    def after_app_request(self, f: AfterRequestHook) -> AfterRequestHook:
        """:meth:`after_request` for every request of the app."""
        self._on_app(lambda app: app.after_request(f))
        return f

    def teardown_app_request(self, f: TeardownHook) -> TeardownHook:
        """:meth:`teardown_request` for every request of the app."""
        self._on_app(lambda app: app.teardown_request(f))
        return f

    @t.overload
    def app_errorhandler(
        self, code_or_exception: type[_ErrorT]
    ) -> ErrorHandlerDecorator[_ErrorT]: ...
    @t.overload
    def app_errorhandler(
        self, code_or_exception: int | type[BaseException]
    ) -> ErrorHandlerDecorator[t.Any]: ...
    def app_errorhandler(
        self, code_or_exception: int | type[BaseException]
    ) -> ErrorHandlerDecorator[t.Any]:
        """:meth:`errorhandler` for errors anywhere in the app."""

        def decorator(f: ErrorHandler) -> ErrorHandler:
            self.register_app_error_handler(code_or_exception, f)
            return f

        return t.cast("ErrorHandlerDecorator[t.Any]", decorator)

    @t.overload
    def register_app_error_handler(
        self,
        code_or_exception: type[_ErrorT],
        f: cabc.Callable[[_ErrorT], ResponseValue],
    ) -> None: ...
    @t.overload
    def register_app_error_handler(
        self, code_or_exception: int | type[BaseException], f: ErrorHandler
    ) -> None: ...
    def register_app_error_handler(
        self, code_or_exception: int | type[BaseException], f: ErrorHandler
    ) -> None:
        """:meth:`register_error_handler` for errors anywhere in the app."""
        self._on_app(lambda app: app.register_error_handler(code_or_exception, f))

    def app_context_processor(self, f: ContextProcessorHook) -> ContextProcessorHook:
        """:meth:`context_processor` for every template of the app."""
        self._on_app(lambda app: app.context_processor(f))
        return f

    def app_url_value_preprocessor(
        self, f: URLValuePreprocessorHook
    ) -> URLValuePreprocessorHook:
        """:meth:`url_value_preprocessor` for every request of the app."""
        self._on_app(lambda app: app.url_value_preprocessor(f))
        return f

    def app_url_defaults(self, f: URLDefaultsHook) -> URLDefaultsHook:
        """:meth:`url_defaults` for every URL the app builds."""
        self._on_app(lambda app: app.url_defaults(f))
        return f

    @t.overload
    def app_template_filter(
        self, name: TemplateFilterFunction
    ) -> TemplateFilterFunction: ...
    @t.overload
    def app_template_filter(
        self, name: str | None = None
    ) -> cabc.Callable[[TemplateFilterFunction], TemplateFilterFunction]: ...
    def app_template_filter(
        self, name: TemplateFilterFunction | str | None = None
    ) -> (
        TemplateFilterFunction
        | cabc.Callable[[TemplateFilterFunction], TemplateFilterFunction]
    ):
        """:meth:`App.template_filter <transom.App.template_filter>` for
        every template of the app: bare, with parentheses or with a name."""
        if callable(name):
            self.add_app_template_filter(name)
            return name

        def decorator(f: TemplateFilterFunction) -> TemplateFilterFunction:
            self.add_app_template_filter(f, name)
            return f

        return decorator

    def add_app_template_filter(
        self, f: cabc.Callable[..., t.Any], name: str | None = None
    ) -> None:
        """Make ``f`` a filter of every template of the app."""
        self._on_app(lambda app: app.add_template_filter(f, name))

    @t.overload
    def app_template_test(self, name: TemplateTestFunction) -> TemplateTestFunction: ...
    @t.overload
    def app_template_test(
        self, name: str | None = None
    ) -> cabc.Callable[[TemplateTestFunction], TemplateTestFunction]: ...
    def app_template_test(
        self, name: TemplateTestFunction | str | None = None
    ) -> (
        TemplateTestFunction
        | cabc.Callable[[TemplateTestFunction], TemplateTestFunction]
    ):
        """:meth:`App.template_test <transom.App.template_test>` for every
        template of the app: bare, with parentheses or with a name."""
        if callable(name):
            self.add_app_template_test(name)
            return name

        def decorator(f: TemplateTestFunction) -> TemplateTestFunction:
            self.add_app_template_test(f, name)
            return f

        return decorator

    def add_app_template_test(
        self, f: cabc.Callable[..., bool], name: str | None = None
    ) -> None:
        """Make ``f`` a test of every template of the app."""
        self._on_app(lambda app: app.add_template_test(f, name))

    @t.overload
    def app_template_global(
        self, name: TemplateGlobalFunction
    ) -> TemplateGlobalFunction: ...
    @t.overload
    def app_template_global(
        self, name: str | None = None
    ) -> cabc.Callable[[_T], _T]: ...
    def app_template_global(
        self, name: TemplateGlobalFunction | str | None = None
    ) -> TemplateGlobalFunction | cabc.Callable[[_T], _T]:
        """:meth:`App.template_global <transom.App.template_global>` for
        every template of the app: bare, with parentheses or with a name."""
        if callable(name):
            self.add_app_template_global(name)
            return name

        def decorator(f: _T) -> _T:
            self.add_app_template_global(f, name)
            return f

        return decorator

    def add_app_template_global(self, f: object, name: str | None = None) -> None:
        """Make ``f`` a global of every template of the app."""
        self._on_app(lambda app: app.add_template_global(f, name))

    # -- commands -----------------------------------------------------------

    @functools.cached_property
    def commands(self) -> CommandRegistry:
        """The blueprint's own ``transom`` subcommands; registration adds
        them to the app's, named ``<cli_group>-<name>``."""
        from .cli.commands import CommandRegistry

        return CommandRegistry()

    def command(
        self, name: str | None = None, *, help: str | None = None
    ) -> cabc.Callable[[CommandFunction], CommandFunction]:
        """Make the decorated function a ``transom`` subcommand, as
        :meth:`App.command <transom.App.command>` does; its name gets the
        blueprint's ``cli_group`` in front (``transom auth-create-user``)."""
        return self.commands.command(name, help=help)

    # -- registration -------------------------------------------------------

    def register(
        self,
        app: App,
        *,
        name: str | None = None,
        url_prefix: str | None = None,
        subdomain: str | None = None,
        url_defaults: cabc.Mapping[str, t.Any] | None = None,
        cli_group: str | None | types.EllipsisType = ...,
        name_prefix: str = "",
        parents: tuple[tuple[str, Blueprint], ...] = (),
    ) -> None:
        """Replay the blueprint into ``app``: called by
        :meth:`App.register_blueprint <transom.App.register_blueprint>`,
        which documents the options; ``name_prefix`` and ``parents`` come
        from the blueprints it is nested in.

        :raises RouteError: a route the app refuses, or a name already taken.
        """
        own = _check_name(
            self.name if name is None else name,
            f"register_blueprint({self.name!r}, name={name!r})",
        )
        full = f"{name_prefix}.{own}" if name_prefix else own
        existing = app.blueprints.get(full)
        if existing is not None:
            which = "this" if existing is self else "a different"
            raise RouteError(
                f"register_blueprint({self.name!r})",
                f"the name {full!r} is already registered for {which} blueprint",
                "pass name='...' to register_blueprint() to register it again"
                " under another name (its endpoints become '<name>.<view>')",
            )
        first = all(bp is not self for bp in app.blueprints.values())
        app.blueprints[full] = self
        self._registered = True
        state = _Registration(
            name=full,
            url_prefix=self.url_prefix if url_prefix is None else url_prefix,
            subdomain=self.subdomain if subdomain is None else subdomain,
            url_defaults={**self.url_values_defaults, **(url_defaults or {})},
            parents=parents,
        )
        chain = ScopeChain.from_scopes([*parents, (full, self)], state.url_prefix)
        if first:
            for setup in self._app_setup:
                setup(app)
        if self.template_folder is not None:
            app.add_template_folder(self.template_folder)
        if chain.error_handlers and state.url_prefix:
            app.add_prefix_chain(state.url_prefix, chain)
        if self.static_folder is not None:
            self._add_static(app, state, chain)
        for route in self._routes:
            app.add_scoped_route(
                join_rule(state.url_prefix, route.rule),
                route.view,
                methods=route.methods,
                endpoint=f"{full}.{route.endpoint}",
                max_content_length=route.max_content_length,
                docs=route.docs,
                localns=route.localns,
                chain=chain,
                defaults=state.url_defaults,
                subdomain=state.subdomain
                if route.subdomain is None
                else route.subdomain,
                host=route.host,
            )
        self._add_commands(app, full, cli_group)
        for child, options in self._blueprints:
            self._register_child(app, state, child, options)

    def _add_static(self, app: App, state: _Registration, chain: ScopeChain) -> None:
        folder = t.cast("str", self.static_folder)
        url_path = self.static_url_path
        if url_path is None:
            url_path = "/" + os.path.basename(folder.rstrip("/\\"))
        rule = f"{url_path.rstrip('/')}/<filename>"
        app.add_scoped_route(
            join_rule(state.url_prefix, rule),
            static_view(folder),
            endpoint=f"{state.name}.static",
            chain=chain,
            subdomain=state.subdomain,
        )

    def _add_commands(
        self, app: App, full: str, cli_group: str | None | types.EllipsisType
    ) -> None:
        commands = vars(self).get("commands")
        if not commands:
            return
        group = (
            self.cli_group if isinstance(cli_group, types.EllipsisType) else cli_group
        )
        for command in t.cast("CommandRegistry", commands).values():
            name = f"{group}-{command.name}" if group else command.name
            app.commands.add(dataclasses.replace(command, name=name))

    def _register_child(
        self,
        app: App,
        state: _Registration,
        child: Blueprint,
        options: dict[str, t.Any],
    ) -> None:
        # As Flask composes them: the child's prefix (the option, else its
        # own) goes under the parent's; either alone is kept.
        prefix: str | None = options["url_prefix"]
        if prefix is None:
            prefix = child.url_prefix
        if state.url_prefix is not None and prefix is not None:
            prefix = state.url_prefix.rstrip("/") + "/" + prefix.lstrip("/")
        elif prefix is None:
            prefix = state.url_prefix
        # Subdomains compose the same way, the child's to the left of the
        # parent's ("api" under "v1" answers on api.v1.<SERVER_NAME>).
        subdomain: str | None = options["subdomain"]
        if subdomain is None:
            subdomain = child.subdomain
        if state.subdomain and subdomain:
            subdomain = f"{subdomain}.{state.subdomain}"
        elif not subdomain:
            subdomain = state.subdomain
        child.register(
            app,
            name=options["name"],
            url_prefix=prefix,
            subdomain=subdomain,
            url_defaults=options["url_defaults"],
            cli_group=options["cli_group"],
            name_prefix=state.name,
            parents=(*state.parents, (state.name, self)),
        )


__all__ = ["Blueprint"]
