"""transom.apidocs.html: one self-contained, escaped page."""

from __future__ import annotations

import html
import re

from tests.golden.sample_app import app as sample_app
from transom import App
from transom.apidocs import render_html


def test_page_loads_nothing() -> None:
    page = render_html(sample_app)
    (policy,) = re.findall(
        r'http-equiv="Content-Security-Policy" content="([^"]*)"', page
    )
    assert html.unescape(policy).startswith("default-src 'none';")
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", page)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    # Every link stays on the page.
    assert set(re.findall(r'href="([^"]*)"', page)) <= {
        f"#{anchor}" for anchor in re.findall(r'id="([^"]*)"', page)
    }


def test_docstrings_and_names_are_escaped(app: App) -> None:
    @app.route("/x/<name>")
    def view(name: str) -> str:
        """<script>alert(1)</script> & ``<b>``.

        :param name: <i>who</i>
        """
        return name

    page = render_html(app, title="<Shop & Co>")
    assert "<script>" not in page and "<i>who" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;b&gt;</code>" in page
    assert "&lt;i&gt;who&lt;/i&gt;" in page
    assert "<title>&lt;Shop &amp; Co&gt; 0.0.0</title>" in page


def test_schema_names_link_to_their_cards() -> None:
    page = render_html(sample_app)
    assert 'array of <a href="#schema-book">Book</a>' in page
    assert 'id="schema-book"' in page


def test_empty_app() -> None:
    page = render_html(App("empty", static_folder=None))
    assert "This application has no routes." in page
    assert "0 routes · 0 operations" in page
