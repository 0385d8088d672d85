"""``transom routes``: every route, its methods, endpoint, view and parameters.

::

    Rule           Methods  Endpoint  View   Module              Parameters
    -------------  -------  --------  -----  ------------------  ---------------------------
    /hello/<name>  GET      hello     Hello  examples.hello.app  name: str (path)
                                                                 shout: bool = False (query)

Verbs of one view whose parameters differ get a row each. ``HEAD`` and
``OPTIONS``, which transom answers by itself, are listed with
``--all-methods``.
"""

from __future__ import annotations

import enum
import typing as t

from ..signature import REQUIRED
from ..signature import Source

if t.TYPE_CHECKING:
    from ..app import App
    from ..routing import Route
    from ..signature import Param


class SortKey(enum.Enum):
    """The orders ``--sort`` offers."""

    DEFINITION = "definition"
    """As registered (werkzeug matches by rule complexity, not this order)."""
    RULE = "rule"
    """By rule, then method."""
    ENDPOINT = "endpoint"
    """By endpoint name, then rule."""


_METHOD_ORDER: t.Final = {
    m: i
    for i, m in enumerate(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
}
_HEADERS: t.Final = ("Rule", "Methods", "Endpoint", "View", "Module", "Parameters")


def format_routes(
    app: App, *, sort: SortKey = SortKey.DEFINITION, all_methods: bool = False
) -> str:
    """The routes of ``app`` as a text table, one line per parameter."""
    routes = list(app.router.routes)
    if not routes:
        return "The app has no routes."
    if sort is SortKey.RULE:
        routes.sort(key=lambda r: (r.rule, r.endpoint))
    elif sort is SortKey.ENDPOINT:
        routes.sort(key=lambda r: (r.endpoint, r.rule))
    rows: list[tuple[str, ...]] = []
    for route in routes:
        view, module = _view_names(route.view)
        for methods, params in _groups(route, all_methods):
            lines = params or ["-"]
            rows.append((route.rule, methods, route.endpoint, view, module, lines[0]))
            rows.extend(("", "", "", "", "", line) for line in lines[1:])
    widths = [
        max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(_HEADERS)
    ]
    out = [_line(_HEADERS, widths), _line(tuple("-" * w for w in widths), widths)]
    out.extend(_line(row, widths) for row in rows)
    return "\n".join(out)


def describe_param(param: Param) -> str:
    """``'page: int = 1 (query)'``: a parameter's name, type, default and source."""
    text = f"{param.name}: {show_type(param.annotation)}"
    default = param.default
    if default is not REQUIRED:
        shown = (
            f"{type(default).__name__}.{default.name}"
            if isinstance(default, enum.Enum)
            else repr(default)
        )
        text += f" = {shown}"
    where = "path" if param.source is Source.PATH else "query"
    if param.source is Source.QUERY and param.required:
        where += ", required"
    return f"{text} ({where})"


def show_type(annotation: object) -> str:
    """A readable type: ``int``, ``list[int]``, ``Literal['a', 'b']``, ``PathStr``."""
    if isinstance(annotation, type) and not t.get_args(annotation):
        return annotation.__qualname__
    text = repr(annotation).replace("typing.", "")
    return text.replace("Annotated[str, SLASHES]", "PathStr")


def _groups(route: Route, all_methods: bool) -> list[tuple[str, list[str]]]:
    """The route's verbs grouped by identical parameter lists."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for method in sorted(route.handlers, key=_method_key):
        params = route.handlers[method].signature.params
        groups.setdefault(tuple(describe_param(p) for p in params), []).append(method)
    if all_methods:
        automatic = sorted(route.methods - set(route.handlers), key=_method_key)
        if automatic:
            # HEAD and OPTIONS take the same path values as the first verb.
            first = next(iter(groups))
            groups[first] = sorted([*groups[first], *automatic], key=_method_key)
    return [(", ".join(methods), list(params)) for params, methods in groups.items()]


def _method_key(method: str) -> tuple[int, str]:
    return _METHOD_ORDER.get(method, 99), method


def _view_names(view: object) -> tuple[str, str]:
    qualname: str = getattr(view, "__qualname__", None) or repr(view)
    # A view made inside a function is named after itself, not the function.
    qualname = qualname.rpartition("<locals>.")[2]
    return qualname, getattr(view, "__module__", None) or "?"


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


__all__ = ["SortKey", "describe_param", "format_routes", "show_type"]
