"""The Markdown, HTML and OpenAPI documents of a sample app and of
examples/api, compared with the golden files in tests/golden/.

After an intended change to the sample app or the renderers, regenerate
the files and review their diff::

    TRANSOM_REGENERATE_GOLDEN=1 python -m pytest tests/unit/test_apidocs_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from examples.api.app import create_app

from tests.golden.sample_app import app
from transom import App
from transom.apidocs import DocsFormat
from transom.apidocs import render_docs

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
FILES: dict[DocsFormat, str] = {
    "markdown": "{}.md",
    "html": "{}.html",
    "openapi": "{}.openapi.json",
}
APPS: dict[str, App] = {"bookshop": app, "tasks": create_app()}
"""Each app by the stem of its golden files: ``tasks`` is examples/api."""


@pytest.mark.parametrize("name", list(APPS))
@pytest.mark.parametrize("format", list(FILES))
def test_matches_golden_file(format: DocsFormat, name: str) -> None:
    path = GOLDEN / FILES[format].format(name)
    rendered = render_docs(APPS[name], format)
    if os.environ.get("TRANSOM_REGENERATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
        pytest.skip(f"regenerated {path.name}; review the diff and commit it")
    expected = path.read_text(encoding="utf-8")
    assert rendered == expected, (
        f"{path.name} is out of date; if the change is intended, regenerate it"
        " with TRANSOM_REGENERATE_GOLDEN=1 (see this module's docstring)"
    )


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(ValueError, match="'openapi', 'markdown', 'html'"):
        render_docs(app, "pdf")  # type: ignore[arg-type]
