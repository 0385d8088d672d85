"""``transom docs``: the app's API documentation as Markdown, HTML or OpenAPI.

The documents come from :func:`transom.apidocs.render_docs`, imported only
when the command runs.
"""

from __future__ import annotations

import collections.abc as cabc
import importlib
import sys
import typing as t

from ..exceptions import TransomError
from ._errors import CommandError

if t.TYPE_CHECKING:
    from ..app import App

DocsFormat: t.TypeAlias = t.Literal["openapi", "markdown", "html"]
"""The formats ``transom docs --format`` writes."""
FORMATS: t.Final[tuple[DocsFormat, ...]] = ("markdown", "html", "openapi")

_Renderer: t.TypeAlias = "cabc.Callable[[App, DocsFormat], str]"


def write_docs(app: App, format: DocsFormat, output: str | None) -> None:
    """Render the docs of ``app`` and write them to ``output`` (a file
    path), or to stdout when ``output`` is ``None``.

    :raises CommandError: the generator is missing or fails, or the file
        cannot be written.
    """
    text = _render(app, format)
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise CommandError(
            f"cannot write --output {output}: {e.strerror or e}"
        ) from None


def _render(app: App, format: DocsFormat) -> str:
    try:
        text = _renderer()(app, format)
    except TransomError as e:
        raise CommandError(f"cannot document the app: {e}") from None
    return text


def _renderer() -> _Renderer:
    # Imported by name, at run time: the generator is optional for the rest
    # of the command line, and its absence is one clear line, not a crash.
    try:
        module = importlib.import_module("transom.apidocs")
    except ModuleNotFoundError as e:
        if e.name != "transom.apidocs":
            raise
        raise CommandError(
            "transom docs needs the module transom.apidocs, which this installation"
            " of transom does not have; install a transom that includes it"
        ) from None
    render: object = getattr(module, "render_docs", None)
    if not callable(render):
        raise CommandError(
            "transom.apidocs has no render_docs() function; install a transom whose"
            " apidocs module provides it"
        )
    return t.cast(_Renderer, render)


__all__ = ["FORMATS", "DocsFormat", "write_docs"]
