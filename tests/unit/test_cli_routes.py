"""The ``transom routes`` table."""

from __future__ import annotations

import enum
import typing as t

from transom import App
from transom import PathStr
from transom import View
from transom.cli.routes import SortKey
from transom.cli.routes import format_routes
from transom.cli.routes import show_type


class Order(enum.Enum):
    NEW = "new"
    OLD = "old"


def _app() -> App:
    app = App("routes_app", static_folder=None)

    @app.route("/posts/<post_id>")
    class Post(View):
        def get(self, post_id: int, fields: list[str] | None = None) -> str:
            return ""

        def delete(self, post_id: int) -> str:
            return ""

        def put(self, post_id: int) -> str:
            return ""

    @app.route("/files/<path>")
    def files(path: PathStr) -> str:
        return ""

    @app.route("/archive", endpoint="a_archive")
    def archive(
        q: str, order: Order = Order.NEW, kind: t.Literal["a", "b"] = "a"
    ) -> str:
        return ""

    return app


def test_table_columns_and_parameters() -> None:
    lines = format_routes(_app()).splitlines()
    assert lines[0].split() == [
        "Rule",
        "Methods",
        "Endpoint",
        "View",
        "Module",
        "Parameters",
    ]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split() == [
        "/posts/<post_id>",
        "GET",
        "post",
        "Post",
        __name__,
        "post_id:",
        "int",
        "(path)",
    ]
    text = "\n".join(lines)
    assert "post_id: int (path)" in text
    assert "fields: list[str] | None = None (query)" in text
    assert "path: PathStr (path)" in text
    assert "q: str (query, required)" in text
    assert "order: Order = Order.NEW (query)" in text
    assert "kind: Literal['a', 'b'] = 'a' (query)" in text


def test_verbs_with_different_parameters_get_their_own_rows() -> None:
    text = format_routes(_app())
    post_rows = [line for line in text.splitlines() if line.startswith("/posts/")]
    assert len(post_rows) == 2
    assert post_rows[0].split()[1] == "GET"
    assert post_rows[1].split()[1:3] == ["PUT,", "DELETE"]


def test_module_and_view_columns() -> None:
    lines = format_routes(_app()).splitlines()
    files = next(line for line in lines if line.startswith("/files/"))
    # A view defined inside a function is shown by its own name.
    assert files.split()[2:5] == ["files", "files", __name__]


def test_view_column_of_a_module_level_view() -> None:
    app = App("x", static_folder=None)
    app.add_route("/", Index)
    assert format_routes(app).splitlines()[2].split()[:5] == [
        "/",
        "GET",
        "index",
        "Index",
        __name__,
    ]


class Index(View):
    def get(self) -> str:
        return ""


def test_all_methods_adds_head_and_options() -> None:
    text = format_routes(_app(), all_methods=True)
    files = next(line for line in text.splitlines() if line.startswith("/files/"))
    assert "GET, HEAD, OPTIONS" in files
    plain = format_routes(_app())
    assert "HEAD" not in plain
    assert "OPTIONS" not in plain


def _column(text: str, header: str) -> list[str]:
    """The cells of one column, without the parameters' continuation lines."""
    lines = text.splitlines()
    start = lines[0].index(header)
    return [line[start:].split()[0] for line in lines[2:] if line[:1] != " "]


def _first_column(text: str) -> list[str]:
    return _column(text, "Rule")


def test_sorting() -> None:
    app = _app()
    assert _first_column(format_routes(app)) == [
        "/posts/<post_id>",
        "/posts/<post_id>",
        "/files/<path>",
        "/archive",
    ]
    assert _first_column(format_routes(app, sort=SortKey.RULE)) == [
        "/archive",
        "/files/<path>",
        "/posts/<post_id>",
        "/posts/<post_id>",
    ]
    by_endpoint = format_routes(app, sort=SortKey.ENDPOINT)
    assert _column(by_endpoint, "Endpoint") == [
        "a_archive",
        "files",
        "post",
        "post",
    ]


def test_no_parameters_is_a_dash_and_continuation_lines_are_aligned() -> None:
    text = format_routes(_app())
    lines = text.splitlines()
    start = lines[0].index("Parameters")
    for line in lines[2:]:
        assert line[start - 2 : start] == "  "
        assert line[start] != " "


def test_empty_app() -> None:
    assert format_routes(App("x", static_folder=None)) == "The app has no routes."


def test_show_type() -> None:
    assert show_type(int) == "int"
    assert show_type(list[int]) == "list[int]"
    assert show_type(t.Optional[int]) == "Optional[int]"  # noqa: UP045 - as written
    assert show_type(PathStr) == "PathStr"
    assert show_type(Order) == "Order"
