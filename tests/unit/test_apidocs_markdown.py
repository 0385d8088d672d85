"""transom.apidocs.markdown: a document readable as plain text."""

from __future__ import annotations

import typing as t

from tests.golden.sample_app import app as sample_app
from transom import App
from transom import View
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


def _hostile_app() -> App:
    app = App("hostile", static_folder=None)

    @app.route("/notes/<note_id>")
    class Note(View):
        """A note <script>alert("view")</script>.

        Rendered as <img src=x onerror=alert(1)> & more.
        """

        def get(
            self,
            note_id: int,
            kind: t.Literal["<b>", "a`b"] = "<b>",
            sep: str = "``",
        ) -> dict[str, str]:
            """Show <script>alert("summary")</script> the note.

            The body <iframe src="https://evil.example"></iframe>; ``<kept>``
            and `<kept too>` are code.

            :param note_id: the <em>id</em>.
            :param kind: ``` a `` b ```.
            """
            return {}

    return app


def test_html_from_docstrings_and_annotations_is_escaped() -> None:
    text = render_markdown(_hostile_app(), title="<h1>T</h1>", version="<v>")
    assert "<script>" not in text
    assert "<img" not in text
    assert "<iframe" not in text
    assert "<em>" not in text
    assert "<h1>" not in text
    assert text.startswith("# &lt;h1&gt;T&lt;/h1&gt;\n\nVersion &lt;v&gt;\n")
    assert 'A note &lt;script&gt;alert("view")&lt;/script&gt;.' in text
    assert "Rendered as &lt;img src=x onerror=alert(1)&gt; &amp; more." in text
    assert 'Show &lt;script&gt;alert("summary")&lt;/script&gt; the note.' in text
    assert "the &lt;em&gt;id&lt;/em&gt;." in text
    # Code spans are code: shown as written, never escaped twice.
    assert "; `<kept>`\nand `<kept too>` are code." in text
    # A Literal value with a backtick cannot end its code span early.
    assert '| `kind` | query | "&lt;b&gt;" \\| "a`b" | no | `"<b>"` |' in text
    # Nor can a default that holds backticks.
    assert '| `sep` | query | string | no | ```"``"``` |' in text
