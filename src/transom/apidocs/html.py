"""The API as one self-contained HTML page.

The page carries its styles inline and loads nothing: no scripts, fonts or
images, and a ``Content-Security-Policy`` that forbids the browser to fetch
anything, so it can be opened from disk, mailed, or served as it is. It
follows the reader's light or dark preference and prints cleanly.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import typing as t

import jinja2
from markupsafe import Markup
from markupsafe import escape

from ._outline import build_outline

if t.TYPE_CHECKING:
    from ..app import App

CONTENT_SECURITY_POLICY: t.Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
    " base-uri 'none'; form-action 'none'"
)
"""The policy the page declares: inline styles, nothing fetched."""

_code_re = re.compile(r"``(.+?)``|`([^`]+)`")
_var_re = re.compile(r"\{(\w+)\}")


def render_html(
    app: App,
    *,
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
) -> str:
    """The HTML documentation page of ``app``'s routes."""
    outline = build_outline(app, title=title, version=version, description=description)
    anchors = {s.name: s.anchor for s in outline.schemas}
    return (
        _environment()
        .get_template("page.html")
        .render(
            outline=outline,
            csp=CONTENT_SECURITY_POLICY,
            linked=functools.partial(_linked, anchors=anchors),
        )
    )


@functools.cache
def _environment() -> jinja2.Environment:
    source = (
        importlib.resources.files(__name__.rpartition(".")[0])
        .joinpath("page.html")
        .read_text(encoding="utf-8")
    )
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": source}),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["prose"] = _prose
    env.filters["inline"] = _inline
    env.filters["path"] = _path
    return env


def _inline(text: str) -> Markup:
    """Escape ``text`` and show reST or Markdown code spans as code."""
    parts: list[str] = []
    last = 0
    for match in _code_re.finditer(text):
        parts.append(escape(text[last : match.start()]))
        code = match[1] if match[1] is not None else match[2]
        parts.append(Markup("<code>{}</code>").format(code))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _prose(text: str) -> Markup:
    """Docstring paragraphs as ``<p>`` elements."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(_inline(p)) for p in paragraphs)


def _path(path: str) -> Markup:
    """An OpenAPI path with its ``{variables}`` marked."""
    parts: list[str] = []
    last = 0
    for match in _var_re.finditer(path):
        parts.append(escape(path[last : match.start()]))
        parts.append(Markup('<span class="var">{{{}}}</span>').format(match[1]))
        last = match.end()
    parts.append(escape(path[last:]))
    return Markup("").join(parts)


def _linked(text: str, *, anchors: dict[str, str]) -> Markup:
    """Escape a type phrase and link each schema name in it to its card."""
    if not anchors:
        return escape(text)
    names = "|".join(re.escape(n) for n in sorted(anchors, key=len, reverse=True))
    parts: list[str] = []
    last = 0
    for match in re.finditer(rf"(?<![\w.]){names}(?![\w.])", text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup('<a href="#{}">{}</a>').format(anchors[match[0]], match[0]))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
