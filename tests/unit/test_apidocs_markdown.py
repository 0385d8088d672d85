"""transom.apidocs.markdown: a document readable as plain text."""

from __future__ import annotations

from tests.golden.sample_app import app as sample_app
from transom import App
from transom.apidocs import render_markdown


def test_sections_and_links() -> None:
    text = render_markdown(sample_app)
    assert text.startswith("# Bookshop\n\nVersion 1.2.0\n\nBooks, authors and reviews.")
    assert "| [`GET /books/{book_id}`](#get-booksbook_id) | One book. |" in text
    assert "### GET /books/{book_id}\n" in text
    assert "| `200` | `application/json` | array of [Book](#book) | OK |" in text
    # reST code spans become Markdown ones.
    assert "Results come a page at a time, `sort` decides their order." in text
    # A pipe inside a table cell is escaped.
    assert '| `sort` | query | "title" \\| "price" | no | `"title"` |  |' in text
    assert "```http\nGET /shelves/fiction/1 HTTP/1.1\n```" in text
    assert text.endswith("```\n")


def test_empty_app_and_arguments() -> None:
    text = render_markdown(
        App("empty", static_folder=None),
        title="Empty",
        version="1",
        description="None.",
    )
    assert text == "# Empty\n\nVersion 1\n\nNone.\n\nThis application has no routes.\n"
