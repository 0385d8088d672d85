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
the environment through ``app.jinja_env`` (filters, tests, globals),
``app.template_global()`` and ``app.context_processor``.
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
from .flashing import get_flashed_messages
from .globals import request
from .globals import session
from .helpers import url_for

if t.TYPE_CHECKING:
    from .app import App
    from .ctx import AppContext

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
    """Jinja's environment, with :class:`_Globals` for each template."""

    template_class = _Template

    @te.override
    def make_globals(
        self, d: cabc.MutableMapping[str, t.Any] | None
    ) -> cabc.MutableMapping[str, t.Any]:
        return _Globals({} if d is None else d, self.globals)


def create_environment(app: App) -> jinja2.Environment:
    """The Jinja environment of ``app`` (``app.jinja_env``)."""
    loader: jinja2.BaseLoader | None = None
    if app.template_folder is not None:
        loader = jinja2.FileSystemLoader(
            os.path.join(app.root_path, os.fspath(app.template_folder))
        )
    auto_reload = app.config["TEMPLATES_AUTO_RELOAD"]
    env = _Environment(
        loader=loader,
        # Jinja asks on every render; the answer for a name never changes.
        autoescape=functools.lru_cache(maxsize=1024)(autoescape),
        auto_reload=app.debug if auto_reload is None else bool(auto_reload),
    )
    names = t.cast("dict[str, t.Any]", env.globals)
    names["url_for"] = url_for
    names["get_flashed_messages"] = get_flashed_messages
    names["config"] = app.config
    names.update(app.template_globals)
    env.policies["json.dumps_function"] = app.json.dumps
    return env


def _context(app_ctx: AppContext, context: dict[str, t.Any]) -> dict[str, t.Any]:
    app = app_ctx.app
    base: dict[str, t.Any] = {"g": app_ctx.g}  # config is a global
    if app_ctx.request_ctx is not None:
        # The request object is made on first use; most templates never
        # look at it. Opening the session marks it accessed (Vary: Cookie);
        # a template that never looks at the session must not do that.
        # transom's proxies do that work on first use.
        base["request"] = request
        base["session"] = session
    for processor in app.template_context_processors:
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
