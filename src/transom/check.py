"""Templates checked before the first request: ``transom check``.

Every template the app's Jinja loader lists is parsed once with Jinja's own
parser; the syntax tree is then compared with what the app registered::

    from transom.check import check_app

    for problem in check_app(app):
        print(problem)   # templates/post.html:7: url_for('post_pgae'): ...

What is reported, one :class:`Problem` each:

- a template that does not parse;
- ``url_for()`` with a literal endpoint that no route has, a keyword the
  view does not accept, a rule variable left out, or a literal value that
  the parameter's converter refuses;
- ``extends``, ``include``, ``import`` and ``from`` of a literal template
  name that the loader does not have;
- a filter or a test that the environment does not have;
- for a template declared with :class:`~transom.Template`, a name it reads
  that is neither a field of its context, a global of the environment, nor a
  key of a context processor's ``TypedDict`` return type.

Nothing is rendered: no template code and no view runs. Values that are not
literals (``post.id``) and names built at run time are not guessed at.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import difflib
import os
import sys
import typing as t

import jinja2
import jinja2.meta
import typing_extensions as te
from jinja2 import nodes

from .typed_templates import Template

if t.TYPE_CHECKING:
    from .app import App
    from .params import ValueType
    from .routing import Handler
    from .routing import Route
    from .routing import Router

_OPTIONS: t.Final = frozenset({"_anchor", "_method", "_scheme", "_external"})
"""``url_for``'s own keywords, which are not values of the route."""
_NO_VALUE: t.Final = object()


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in one template."""

    template: str
    """The template's name, as ``render_template`` takes it."""
    path: str
    """The file the loader read it from, or its name when there is no file."""
    line: int
    """The line, from 1."""
    message: str
    """What is wrong and, where it can be known, the fix."""
    warning: bool = False
    """A warning (a declared field the template never reads) does not make
    ``transom check`` fail."""

    def show(self, start: str | None = None) -> str:
        """``path:line: message``, the shape editors and CI read (mypy's).

        :param start: show :attr:`path` relative to this folder when it is
            inside it.
        """
        path = self.path
        if start is not None and os.path.isabs(path):
            relative = os.path.relpath(path, start)
            if not relative.startswith(os.pardir):
                path = relative
        kind = "warning: " if self.warning else ""
        return f"{path}:{self.line}: {kind}{self.message}"

    @te.override
    def __str__(self) -> str:
        return self.show()


def template_names(env: jinja2.Environment) -> list[str]:
    """Every template the environment's loader has, sorted.

    :raises TypeError: the loader cannot list its templates (Jinja's
        ``FunctionLoader``, for one).
    """
    if env.loader is None:
        return []
    try:
        return sorted(env.loader.list_templates())
    except TypeError:
        raise TypeError(
            f"the template loader {type(env.loader).__name__} cannot list its"
            " templates, so they cannot be checked; use a FileSystemLoader,"
            " PackageLoader, ChoiceLoader or PrefixLoader"
        ) from None


def check_app(app: App) -> list[Problem]:
    """Check every template of ``app``, in name then line order.

    :raises TypeError: the app's template loader cannot list its templates.
    """
    env = app.jinja_env
    checker = _Checker(env, app.router, template_names(env))
    checker.declare(app)
    problems: list[Problem] = []
    for name in checker.names:
        problems.extend(checker.template(name))
    problems.extend(checker.unread())
    problems.sort(key=lambda p: (p.template, p.line))
    return problems


class _Checker:
    """What one check of an app knows: its templates, filters, tests and
    endpoints."""

    def __init__(
        self, env: jinja2.Environment, router: Router, names: cabc.Sequence[str]
    ) -> None:
        self.env = env
        self.names = names
        # An app without a template folder has no loader, and no names.
        self._loader = env.loader or jinja2.DictLoader({})
        self._known = set(names)
        self._routes: dict[str, list[Route]] = {}
        for route in router.routes:
            self._routes.setdefault(route.endpoint, []).append(route)
        self._declared: dict[str, list[Template[t.Any]]] = {}
        self._trees: dict[str, tuple[str, nodes.Template]] = {}
        """Each parsed template, and its path."""
        self._given: set[str] | None = set()
        """Names every template gets besides its context; ``None`` when a
        context processor's names cannot be known without calling it."""

    def declare(self, app: App) -> None:
        """Find the :class:`~transom.Template` declarations in the modules
        of the app and of its views, and the names every template gets."""
        modules = {app.import_name}
        for routes in self._routes.values():
            modules.update(getattr(r.view, "__module__", "") for r in routes)
        for module_name in sorted(modules):
            module = sys.modules.get(module_name)
            for value in vars(module).values() if module is not None else ():
                if _is_template(value):
                    self._declared.setdefault(value.name, []).append(value)
        given = set(self.env.globals) | {"g", "request", "session"}
        for processor in app.template_context_processors:
            keys = _returned_keys(processor)
            if keys is None:
                self._given = None
                return
            given |= keys
        self._given = given

    def template(self, name: str) -> list[Problem]:
        """The problems of the template ``name``, in line order."""
        path = name
        try:
            source, filename, _ = self._loader.get_source(self.env, name)
        except UnicodeDecodeError as e:
            return [Problem(name, path, 1, f"the file is not UTF-8 text ({e.reason})")]
        path = filename or name
        try:
            tree = self.env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as e:
            message = " ".join((e.message or "syntax error").split())
            return [Problem(name, path, e.lineno, message)]
        self._trees[name] = (path, tree)
        found: list[tuple[int, str]] = []
        for node in tree.find_all(
            (nodes.Call, nodes.Filter, nodes.Test, nodes.Extends, nodes.Include)
            + (nodes.Import, nodes.FromImport)
        ):
            for message in self._node(node, name):
                found.append((node.lineno, message))
        found.extend(self._context(tree, name))
        found.sort(key=lambda item: item[0])
        return [Problem(name, path, line, message) for line, message in found]

    def _context(self, tree: nodes.Template, name: str) -> list[tuple[int, str]]:
        """The names ``name`` reads that its declared contexts do not give."""
        declarations = self._declared.get(name)
        if not declarations or self._given is None:
            return []
        try:
            read = jinja2.meta.find_undeclared_variables(tree)
        except jinja2.TemplateError:  # an unknown filter, reported already
            return []
        lines: dict[str, int] = {}
        for node in tree.find_all(nodes.Name):
            if node.ctx == "load":
                lines.setdefault(node.name, node.lineno)
        found: list[tuple[int, str]] = []
        for declared in declarations:
            fields = declared.fields()
            context = declared.context.__qualname__
            for missing in sorted(read - fields - self._given):
                found.append(
                    (
                        lines.get(missing, 1),
                        f"{missing!r} is not a field of {context}, the context"
                        f" declared for {name!r}"
                        + _did_you_mean(missing, sorted(fields)),
                    )
                )
        return found

    def unread(self) -> list[Problem]:
        """A warning for each declared field that neither the template nor
        the templates it extends or includes (which see its context) read."""
        warnings: list[Problem] = []
        for name, declarations in self._declared.items():
            read = self._read_through(name, set())
            if read is None:
                continue
            path = self._trees[name][0]
            for declared in declarations:
                context = declared.context.__qualname__
                for field in sorted(declared.fields() - read):
                    warnings.append(
                        Problem(
                            name,
                            path,
                            1,
                            f"{field!r} of {context} is never read by {name!r} nor"
                            " by the templates it extends or includes",
                            warning=True,
                        )
                    )
        return warnings

    def _read_through(self, name: str, seen: set[str]) -> set[str] | None:
        """The names ``name`` and the templates it extends or includes read;
        ``None`` when some of them cannot be known."""
        if name in seen:
            return set()
        seen.add(name)
        entry = self._trees.get(name)
        if entry is None:
            return None
        tree = entry[1]
        try:
            read = set(jinja2.meta.find_undeclared_variables(tree))
        except jinja2.TemplateError:
            return None
        references = [node.template for node in tree.find_all(nodes.Extends)]
        references += [node.template for node in tree.find_all(nodes.Include)]
        for reference in references:
            choices = _literal_names(reference)
            if not choices:
                return None  # a name chosen at run time may read anything
            for choice in choices:
                more = self._read_through(self.env.join_path(choice, name), seen)
                if more is None:
                    return None
                read |= more
        return read

    def _node(self, node: nodes.Node, name: str) -> cabc.Iterator[str]:
        if isinstance(node, nodes.Call):
            yield from self._call(node)
        elif isinstance(node, nodes.Filter):
            yield from _registered("filter", node.name, self.env.filters)
        elif isinstance(node, nodes.Test):
            yield from _registered("test", node.name, self.env.tests)
        elif isinstance(node, nodes.Include) and node.ignore_missing:
            return
        elif isinstance(
            node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport
        ):
            yield from self._template_ref(node.template, name)

    def _template_ref(self, expr: nodes.Expr, parent: str) -> cabc.Iterator[str]:
        choices = _literal_names(expr)
        if not choices:
            return
        names = [self.env.join_path(choice, parent) for choice in choices]
        if any(self._exists(n) for n in names):
            return
        if len(names) > 1:
            shown = ", ".join(repr(n) for n in names)
            yield f"none of the templates {shown} exists"
            return
        yield f"the template {names[0]!r} does not exist" + self._similar(names[0])

    def _similar(self, name: str) -> str:
        # The same file in another folder first; then, above difflib's usual
        # cutoff, a close name: names share their extension, which makes
        # unrelated ones look close.
        base = name.rpartition("/")[2]
        for other in self.names:
            if other.rpartition("/")[2] == base:
                return f"; did you mean {other!r}?"
        return _did_you_mean(name, self.names, cutoff=0.8)

    def _exists(self, name: str) -> bool:
        if name in self._known:
            return True
        # A loader may have templates it does not list (a PrefixLoader's
        # inner FunctionLoader); only then is it asked.
        try:
            self._loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            return False
        return True

    # -- url_for -------------------------------------------------------------

    def _call(self, node: nodes.Call) -> cabc.Iterator[str]:
        callee = node.node
        if not (isinstance(callee, nodes.Name) and callee.name == "url_for"):
            return
        if not node.args or not isinstance(node.args[0], nodes.Const):
            return
        endpoint = node.args[0].value
        if not isinstance(endpoint, str):
            return
        call = f"url_for({endpoint!r})"
        if len(node.args) > 1:
            yield f"{call} takes the route's values by keyword, not by position"
            return
        routes = self._find(endpoint)
        if not routes:
            yield f"{call}: no route has the endpoint {endpoint!r}" + _did_you_mean(
                endpoint, self._routes
            )
            return
        given = {kw.key: kw.value for kw in node.kwargs}
        method = _literal(given.get("_method"))
        handlers = [_handler(route, method) for route in routes]
        values = {k: v for k, v in given.items() if k not in _OPTIONS}
        yield from self._unknown(call, values, handlers)
        if node.dyn_args is None and node.dyn_kwargs is None:
            yield from _missing(call, values, routes, handlers)
        yield from _refused(call, values, handlers)

    def _find(self, endpoint: str) -> list[Route]:
        if not endpoint.startswith("."):
            return self._routes.get(endpoint, [])
        # ".name" is relative to the blueprint of the request, which a
        # template does not know: any blueprint's (or the app's) will do.
        return [
            route
            for name, routes in self._routes.items()
            if name == endpoint[1:] or name.endswith(endpoint)
            for route in routes
        ]

    def _unknown(
        self, call: str, values: dict[str, nodes.Expr], handlers: list[Handler]
    ) -> cabc.Iterator[str]:
        accepted = {p.name for h in handlers for p in h.signature.params}
        read = {p.name: p for h in handlers for p in h.signature.request_params}
        for key in values:
            if key not in accepted:
                # A view made in create_app() is named after itself.
                where = handlers[0].signature.qualname.rpartition("<locals>.")[2]
                if key in read:
                    yield (
                        f"{call}: {where}() reads {key!r} from the request"
                        f" ({read[key].marker!r}), not from the URL; leave it out"
                    )
                    continue
                yield (
                    f"{call}: {where}() has no parameter {key!r}, so it would only"
                    " go into the query string" + _did_you_mean(key, sorted(accepted))
                )


def _is_template(value: object) -> te.TypeIs[Template[t.Any]]:
    return isinstance(value, Template)


def _returned_keys(processor: cabc.Callable[[], object]) -> set[str] | None:
    """The keys of a context processor's ``TypedDict`` return type, read
    from its annotation; ``None`` when it has none."""
    try:
        returned = t.get_type_hints(processor).get("return")
    except Exception:  # an annotation that cannot be evaluated
        return None
    if te.is_typeddict(returned):
        return set(t.get_type_hints(returned))
    return None


def _handler(route: Route, method: object) -> Handler:
    """The handler ``url_for`` reads for ``method``, as the router does."""
    if isinstance(method, str) and method.upper() in route.handlers:
        return route.handlers[method.upper()]
    return route.handlers.get("GET") or next(iter(route.handlers.values()))


def _missing(
    call: str,
    values: dict[str, nodes.Expr],
    routes: list[Route],
    handlers: list[Handler],
) -> cabc.Iterator[str]:
    # An endpoint on several rules builds with the first whose variables
    # are all given; only when none is complete is a value missing.
    lacking: list[tuple[Route, list[str]]] = []
    for route, handler in zip(routes, handlers, strict=True):
        missing = [
            p.name for p in handler.signature.path_params if p.name not in values
        ]
        if not missing:
            return
        lacking.append((route, missing))
    route, missing = lacking[0]
    names = " and ".join(repr(name) for name in missing)
    yield f"{call}: the rule {route.rule!r} needs a value for {names}"


def _refused(
    call: str, values: dict[str, nodes.Expr], handlers: list[Handler]
) -> cabc.Iterator[str]:
    params = {p.name: p for h in reversed(handlers) for p in h.signature.params}
    for key, expr in values.items():
        value = _literal(expr)
        param = params.get(key)
        if param is None or value is _NO_VALUE or value is None:
            continue
        if not _accepts(param.value_type, value, path=param.source.value == "path"):
            yield (
                f"{call}: {value!r} for {key!r} is not {param.value_type.describe()}"
            )


def _accepts(value_type: ValueType, value: object, *, path: bool) -> bool:
    """Whether ``url_for`` would turn ``value`` into text that the route
    reads back (a refused path value is a 404, a refused query value a 400)."""
    try:
        if path:
            text = value_type.converter.to_url(value)
            # What the converter wrote must read back (an int converter
            # writes "-3" but reads only digits); text is read as given,
            # since the URL matcher sees it unquoted.
            value_type.parse(value if isinstance(value, str) else text)
        else:
            # A value of the parameter's type is written by its converter,
            # which may write what the route refuses (-1 for an unsigned int).
            value_type.parse(value_type.to_text(value))
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def _registered(
    kind: str, name: str, registry: cabc.Mapping[str, object]
) -> cabc.Iterator[str]:
    if name not in registry:
        yield (
            f"no {kind} named {name!r}"
            + _did_you_mean(name, registry)
            + f" (register one with @app.template_{kind}())"
        )


def _literal(expr: nodes.Expr | None) -> object:
    """The value of a literal (``'a'``, ``3``, ``-3``), else :data:`_NO_VALUE`.

    Only constants are read: evaluating anything else could call the
    app's code.
    """
    if isinstance(expr, nodes.Const):
        return t.cast(object, expr.value)
    if isinstance(expr, nodes.Neg) and isinstance(expr.node, nodes.Const):
        value: object = expr.node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return -value
    return _NO_VALUE


def _literal_names(expr: nodes.Expr) -> list[str]:
    """The template names of a literal name or list of names, else ``[]``."""
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, nodes.List | nodes.Tuple):
        names = [
            item.value
            for item in expr.items
            if isinstance(item, nodes.Const) and isinstance(item.value, str)
        ]
        if len(names) == len(expr.items):
            return names
    return []


def _did_you_mean(
    word: str, choices: cabc.Iterable[str], *, cutoff: float = 0.6
) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


__all__ = ["Problem", "check_app", "template_names"]
