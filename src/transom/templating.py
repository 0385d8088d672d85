"""Jinja templates: the app's environment and the render functions.

Templates live in ``templates/`` next to the app's module (or inside its
package)::

    @app.route("/hello/<name>")
    def hello(name: str) -> str:
        return render_template("hello.html", name=name)

Autoescaping is on for ``.html``, ``.htm``, ``.xml``, ``.xhtml`` and ``.svg``
templates and for :func:`render_template_string`; wrap trusted HTML in
:class:`~markupsafe.Markup` to insert it as is. Every template sees
``config``, ``url_for`` and ``get_flashed_messages``; ``g`` inside an app
context; ``request`` and ``session`` inside a request context. Customise
the environment with ``app.template_filter``, ``app.template_test``,
``app.template_global`` (each also as ``app.add_template_*``) and
``app.context_processor``, or through ``app.jinja_env`` itself.

Templates are reloaded when their file changes if ``TEMPLATES_AUTO_RELOAD``
is true, or, when it is ``None`` (the default), in debug mode; both are
read when a template is loaded, so setting them after ``app.jinja_env`` was
created still applies. :func:`stream_template` and
:func:`stream_template_string` render a template piece by piece, as a
streamed response, with the request kept current until it is done.
"""

from __future__ import annotations

import collections
import collections.abc as cabc
import functools
import os
import typing as t

import jinja2
import typing_extensions as te

from ._ctxvars import NO_APP
from ._ctxvars import app_ctx_var
from ._typing import TemplateFilterFunction
from ._typing import TemplateGlobalFunction
from ._typing import TemplateTestFunction
from .flashing import get_flashed_messages
from .globals import request
from .globals import session
from .helpers import url_for
from .streaming import stream_with_context

if t.TYPE_CHECKING:
    from .app import App
    from .config import Config
    from .ctx import AppContext

_T = t.TypeVar("_T")

AUTOESCAPE_EXTENSIONS: t.Final = ("html", "htm", "xml", "xhtml", "svg")
"""Templates with these extensions are autoescaped."""


def autoescape(name: str | None) -> bool:
    """Whether the template ``name`` is autoescaped: a template from a
    string (``name`` is ``None``) always is, a file when its extension is
    one of :data:`AUTOESCAPE_EXTENSIONS`."""
    if name is None:
        return True
    _, dot, extension = name.rpartition(".")
    return bool(dot) and extension.lower() in AUTOESCAPE_EXTENSIONS


class _Globals(collections.ChainMap[str, t.Any]):
    """A template's globals, as Jinja keeps them (its own over the
    environment's), with lookups that raise no exception.

    Jinja copies every global into each render's context. ``ChainMap``
    finds an environment global by trying the template's own (nearly always
    empty) map first and catching its ``KeyError``: that cost more per
    global than the rest of a small render. Here each map is asked first.
    """

    @te.override
    def __getitem__(self, key: str) -> t.Any:
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def flat(self) -> dict[str, t.Any]:
        """A new dict of every global, in the order and with the values
        ``dict(self)`` gives, copied map by map instead of key by key."""
        flat: dict[str, t.Any] = {}
        for mapping in reversed(self.maps):
            flat.update(mapping)
        return flat


class _Template(jinja2.Template):
    """Jinja's template, whose render context starts from a copy of its
    globals made without a Python call per global."""

    @te.override
    def new_context(
        self,
        vars: dict[str, t.Any] | None = None,
        shared: bool = False,
        locals: cabc.Mapping[str, t.Any] | None = None,
    ) -> jinja2.runtime.Context:
        globals = self.globals
        if shared or locals or not isinstance(globals, _Globals):
            return super().new_context(vars, shared, locals)
        # Jinja's new_context, which builds the context's parent with
        # dict(globals, **vars): a chain map is read by it one key at a
        # time, each through a Python __getitem__.
        parent = globals.flat()
        if vars:
            parent.update(vars)
        environment = self.environment
        return environment.context_class(
            environment, parent, self.name, self.blocks, globals=globals
        )


class _Environment(jinja2.Environment):
    """Jinja's environment, with :class:`_Globals` for each template, and
    an ``auto_reload`` that follows the app's settings."""

    template_class = _Template
    app_config: Config | None = None
    """The settings ``auto_reload`` follows."""
    _auto_reload: bool | None = None

    # mypy asks for @override on a property that replaces a plain attribute
    # of the base class, and does not see it under @property.
    @property  # type: ignore[explicit-override]
    @te.override
    def auto_reload(self) -> bool:
        """Whether a template whose file changed is loaded again: as set
        (``app.jinja_env.auto_reload = True``), else ``TEMPLATES_AUTO_RELOAD``,
        else debug mode. Read from the settings on each load, so that debug
        mode turned on after the environment was made (``transom run
        --debug``, ``app.run(debug=True)``) reloads templates too."""
        if self._auto_reload is not None:
            return self._auto_reload
        config = self.app_config
        if config is None:
            return True  # Jinja's default
        value = config["TEMPLATES_AUTO_RELOAD"]
        return bool(config["DEBUG"] if value is None else value)

    @auto_reload.setter
    def auto_reload(self, value: bool | None) -> None:
        self._auto_reload = value

    @te.override
    def make_globals(
        self, d: cabc.MutableMapping[str, t.Any] | None
    ) -> cabc.MutableMapping[str, t.Any]:
        return _Globals({} if d is None else d, self.globals)


def create_environment(app: App) -> jinja2.Environment:
    """The Jinja environment of ``app`` (``app.jinja_env``)."""
    loader = create_loader(app)
    env = _Environment(
        loader=loader,
        # Jinja asks on every render; the answer for a name never changes.
        autoescape=functools.lru_cache(maxsize=1024)(autoescape),
    )
    env.auto_reload = None  # follow the settings, not Jinja's default
    env.app_config = app.config
    names = t.cast("dict[str, t.Any]", env.globals)
    names["url_for"] = url_for
    names["get_flashed_messages"] = get_flashed_messages
    names["config"] = app.config
    names.update(app.template_globals)
    env.filters.update(app.template_filters)
    env.tests.update(app.template_tests)
    env.policies["json.dumps_function"] = app.json.dumps
    return env


class TemplateRegistry:
    """Registering template filters, tests and globals: the methods of
    :class:`~transom.App` that add to every template's environment.

    Each decorator may be written bare, with empty parentheses or with a
    name, and returns the function it decorates with its type unchanged::

        @app.template_filter
        def reverse(s: str) -> str:
            return s[::-1]

        @app.template_test("prime")
        def is_prime(n: int) -> bool:
            return n > 1 and all(n % d for d in range(2, n))
    """

    template_filters: dict[str, cabc.Callable[..., t.Any]]
    """Filters added to the Jinja environment, by name."""
    template_tests: dict[str, cabc.Callable[..., bool]]
    """Tests added to the Jinja environment, by name."""
    template_globals: dict[str, t.Any]
    """Names added to the Jinja environment's globals."""

    @t.overload
    def template_filter(
        self, name: TemplateFilterFunction
    ) -> TemplateFilterFunction: ...
    @t.overload
    def template_filter(
        self, name: str | None = None
    ) -> cabc.Callable[[TemplateFilterFunction], TemplateFilterFunction]: ...
    def template_filter(
        self, name: TemplateFilterFunction | str | None = None
    ) -> (
        TemplateFilterFunction
        | cabc.Callable[[TemplateFilterFunction], TemplateFilterFunction]
    ):
        """Make the decorated function a Jinja filter (``{{ s|reverse }}``),
        named ``name`` or after the function."""
        if callable(name):
            self.add_template_filter(name)
            return name

        def decorator(f: TemplateFilterFunction) -> TemplateFilterFunction:
            self.add_template_filter(f, name)
            return f

        return decorator

    def add_template_filter(
        self, f: cabc.Callable[..., t.Any], name: str | None = None
    ) -> None:
        """Make ``f`` a Jinja filter, as :meth:`template_filter` does."""
        _add(self, "filters", self.template_filters, f, name)

    @t.overload
    def template_test(self, name: TemplateTestFunction) -> TemplateTestFunction: ...
    @t.overload
    def template_test(
        self, name: str | None = None
    ) -> cabc.Callable[[TemplateTestFunction], TemplateTestFunction]: ...
    def template_test(
        self, name: TemplateTestFunction | str | None = None
    ) -> (
        TemplateTestFunction
        | cabc.Callable[[TemplateTestFunction], TemplateTestFunction]
    ):
        """Make the decorated function a Jinja test (``{% if n is prime %}``),
        named ``name`` or after the function."""
        if callable(name):
            self.add_template_test(name)
            return name

        def decorator(f: TemplateTestFunction) -> TemplateTestFunction:
            self.add_template_test(f, name)
            return f

        return decorator

    def add_template_test(
        self, f: cabc.Callable[..., bool], name: str | None = None
    ) -> None:
        """Make ``f`` a Jinja test, as :meth:`template_test` does."""
        _add(self, "tests", self.template_tests, f, name)

    @t.overload
    def template_global(
        self, name: TemplateGlobalFunction
    ) -> TemplateGlobalFunction: ...
    @t.overload
    def template_global(self, name: str | None = None) -> cabc.Callable[[_T], _T]: ...
    def template_global(
        self, name: TemplateGlobalFunction | str | None = None
    ) -> TemplateGlobalFunction | cabc.Callable[[_T], _T]:
        """Make the decorated function a global of every template
        (``{{ double(2) }}``), named ``name`` or after the function."""
        if callable(name):
            self.add_template_global(name)
            return name

        def decorator(f: _T) -> _T:
            self.add_template_global(f, name)
            return f

        return decorator

    def add_template_global(self, f: object, name: str | None = None) -> None:
        """Make ``f`` a global of every template, as :meth:`template_global`
        does."""
        _add(self, "globals", self.template_globals, f, name)


def _add(
    registry: TemplateRegistry,
    kind: t.Literal["filters", "tests", "globals"],
    names: dict[str, t.Any],
    f: object,
    name: str | None,
) -> None:
    key = name or getattr(f, "__name__", None)
    if not isinstance(key, str):
        what = {"filters": "filter", "tests": "test", "globals": "global"}[kind]
        raise TypeError(
            f"add_template_{what}() cannot name {f!r}, which has no __name__;"
            f" pass name='...'"
        )
    names[key] = f
    env: _Environment | None = vars(registry).get("jinja_env")
    if env is not None:  # created already: add it there too
        t.cast("dict[str, t.Any]", getattr(env, kind))[key] = f


def create_loader(app: App) -> jinja2.BaseLoader | None:
    """The loader of ``app``'s templates: its template folder, then its
    blueprints' in the order they were registered (the first template of a
    name wins); ``None`` when there is no folder."""
    folders = list(app.blueprint_template_folders)
    if app.template_folder is not None:
        folders.insert(0, os.path.join(app.root_path, os.fspath(app.template_folder)))
    if not folders:
        return None
    return jinja2.FileSystemLoader(folders)


def _context(app_ctx: AppContext, context: dict[str, t.Any]) -> dict[str, t.Any]:
    app = app_ctx.app
    base: dict[str, t.Any] = {"g": app_ctx.g}  # config is a global
    request_ctx = app_ctx.request_ctx
    if request_ctx is not None:
        # The request object is made on first use; most templates never
        # look at it. Opening the session marks it accessed (Vary: Cookie);
        # a template that never looks at the session must not do that.
        # transom's proxies do that work on first use.
        base["request"] = request
        base["session"] = session
    for processor in app.template_context_processors:
        base.update(processor())
    if request_ctx is not None:
        route = request_ctx.route
        if route is not None and route.scope is not None:
            for processor in route.scope.context_processors:
                base.update(processor())
    base.update(context)
    return base


def _app_context() -> AppContext:
    """The current app context; rendering needs one."""
    app_ctx = app_ctx_var.get(None)
    if app_ctx is None:
        raise RuntimeError(NO_APP)
    return app_ctx


def _get_template(
    app: App,
    name: str | jinja2.Template | list[str | jinja2.Template],
) -> jinja2.Template:
    env = app.jinja_env
    if env.loader is None and not isinstance(name, jinja2.Template):
        raise jinja2.TemplateNotFound(
            str(name),
            f"{name!r}: the app has no template folder (template_folder=None);"
            " pass template_folder= to App(), or set app.jinja_env.loader",
        )
    if type(name) is str:  # what get_or_select_template does for a name
        return env.get_template(name)
    return env.get_or_select_template(name)


def render_template(
    template_name_or_list: str | jinja2.Template | list[str | jinja2.Template],
    **context: t.Any,
) -> str:
    """Render a template from the app's template folder with ``context``.

    A list of names renders the first that exists.

    :raises jinja2.TemplateNotFound: no such template, or no template folder.
    """
    app_ctx = _app_context()
    template = _get_template(app_ctx.app, template_name_or_list)
    return template.render(_context(app_ctx, context))


def render_template_string(source: str, **context: t.Any) -> str:
    """Render a template given as a string; it is always autoescaped."""
    app_ctx = _app_context()
    template = app_ctx.app.jinja_env.from_string(source)
    return template.render(_context(app_ctx, context))


def stream_template(
    template_name_or_list: str | jinja2.Template | list[str | jinja2.Template],
    **context: t.Any,
) -> cabc.Iterator[str]:
    """Render a template piece by piece, as it is sent: return the iterator
    from a view for a streamed response. In a request, the request stays
    current until the template is done (see
    :func:`~transom.stream_with_context`), so ``request``, ``session`` and
    ``url_for`` work in it.

    :raises jinja2.TemplateNotFound: no such template, or no template folder.
    """
    app_ctx = _app_context()
    template = _get_template(app_ctx.app, template_name_or_list)
    return _stream(app_ctx, template, context)


def stream_template_string(source: str, **context: t.Any) -> cabc.Iterator[str]:
    """Render a template given as a string piece by piece, as
    :func:`stream_template` does; it is always autoescaped."""
    app_ctx = _app_context()
    template = app_ctx.app.jinja_env.from_string(source)
    return _stream(app_ctx, template, context)


def _stream(
    app_ctx: AppContext, template: jinja2.Template, context: dict[str, t.Any]
) -> cabc.Iterator[str]:
    # The context is made now, in the view, where g and the request are.
    body = template.generate(_context(app_ctx, context))
    if app_ctx.request_ctx is None:
        return body
    return stream_with_context(body)


def get_template_attribute(template_name: str, attribute: str) -> t.Any:
    """A macro or variable that a template defines, to call from Python::

        hello = get_template_attribute("_macros.html", "hello")
        html = hello("World")

    :raises jinja2.TemplateNotFound: no such template.
    :raises AttributeError: the template defines no such name.
    """
    app = _app_context().app
    return getattr(_get_template(app, template_name).module, attribute)
