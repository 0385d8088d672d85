"""transom.apidocs.introspect: routes described as frozen data."""

from __future__ import annotations

import dataclasses
import enum
import inspect
import typing as t
import uuid
from pathlib import Path

import pytest

from transom import App
from transom import Length
from transom import PathStr
from transom import Range
from transom import View
from transom.apidocs import Docstring
from transom.apidocs import describe_routes
from transom.apidocs import type_text
from transom.signature import REQUIRED
from transom.typing import JSONValue


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


def test_docstring_summary_description_and_fields() -> None:
    doc = Docstring.parse(
        inspect.cleandoc(
            """Show a post
            on one line.

            The body, with ``code``.

            Another paragraph.

            :param post_id: which post,
                continued here.
            :param int page: the page.
            :returns: the post as HTML.
            :raises NotFound: no such post.
            """
        )
    )
    assert doc.summary == "Show a post on one line."
    assert doc.description == "The body, with ``code``.\n\nAnother paragraph."
    assert doc.params == (
        ("post_id", "which post, continued here."),
        ("page", "the page."),
    )
    assert doc.param("page") == "the page."
    assert doc.param("missing") is None
    assert doc.returns == "the post as HTML."


@pytest.mark.parametrize("text", [None, "", "   \n  "])
def test_docstring_empty(text: str | None) -> None:
    doc = Docstring.parse(text)
    assert (doc.summary, doc.description, doc.params, doc.returns) == (
        None,
        None,
        (),
        None,
    )


def test_docstring_text_after_fields_is_description() -> None:
    doc = Docstring.parse("Summary.\n\n:param a: the a.\nMore text.")
    assert doc.summary == "Summary."
    assert doc.description == "More text."
    assert doc.params == (("a", "the a."),)


def test_class_view_route(app: App) -> None:
    @app.route("/post/<post_id>")
    class Post(View):
        """A blog post.

        Posts have comments.
        """

        def get(self, post_id: int, page: t.Annotated[int, Range(ge=1)] = 1) -> str:
            """Show the post.

            :param page: the comment page.
            """
            return ""

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    (route,) = describe_routes(app)
    assert route.rule == "/post/<post_id>"
    assert route.path == "/post/{post_id}"
    assert route.endpoint == "post"
    assert route.view is Post
    assert route.view_name.endswith("Post")
    assert route.methods == ("GET", "HEAD", "DELETE", "OPTIONS")
    assert [op.method for op in route.operations] == ["GET", "DELETE"]
    assert route.summary == "A blog post."
    assert route.description == "Posts have comments."
    assert not route.internal

    get, delete = route.operations
    assert get.qualname.endswith("Post.get")
    assert get.function is Post.get
    assert get.summary == "Show the post."
    assert get.description is None
    assert get.returns == "str"
    assert get.return_annotation is str
    assert [p.name for p in get.path_params] == ["post_id"]
    assert [p.name for p in get.query_params] == ["page"]
    post_id, page = get.params
    assert (post_id.location, post_id.type, post_id.required) == ("path", "int", True)
    assert post_id.default is REQUIRED and not post_id.has_default
    assert (page.location, page.type, page.required) == ("query", "int", False)
    assert page.default == 1 and page.has_default
    assert page.constraints == (Range(ge=1),)
    assert page.description == "the comment page."
    assert page.param.name == "page"
    assert delete.summary is None
    assert delete.returns == "tuple[str, int]"


def test_function_route_keeps_its_docstring_on_the_operation(app: App) -> None:
    @app.route("/hello/<name>", methods=["GET", "POST"])
    def hello(name: str) -> str:
        """Greet someone."""
        return name

    (route,) = describe_routes(app)
    assert route.summary is None
    assert [op.method for op in route.operations] == ["GET", "POST"]
    assert all(op.summary == "Greet someone." for op in route.operations)
    assert all(op.qualname.endswith(".hello") for op in route.operations)


def test_parameter_kinds(app: App) -> None:
    @app.route("/things/<kind>/<token>/<rest>")
    def things(
        kind: Color,
        token: uuid.UUID,
        rest: PathStr,
        ids: list[int] | None = None,
        order: t.Literal["asc", "desc"] = "asc",
        name: t.Annotated[str, Length(min=2, max=5)] | None = None,
    ) -> dict[str, JSONValue]:
        return {}

    (route,) = describe_routes(app)
    params = {p.name: p for p in route.operations[0].params}
    assert params["kind"].choices == (Color.RED, Color.BLUE)
    assert params["kind"].base is Color
    assert params["token"].base is uuid.UUID and params["token"].choices is None
    assert params["rest"].type == "PathStr"
    assert params["ids"].many and params["ids"].optional and not params["ids"].required
    assert params["ids"].base is int
    assert params["ids"].type == "list[int] | None"
    assert params["order"].choices == ("asc", "desc")
    assert params["order"].type == "'asc' | 'desc'"
    assert params["name"].constraints == (Length(2, 5),)


def test_required_query_parameter(app: App) -> None:
    @app.route("/search")
    def search(q: str) -> str:
        return q

    (param,) = describe_routes(app)[0].operations[0].params
    assert param.required and param.location == "query"


def test_routes_in_registration_order(app: App) -> None:
    for rule in ("/b", "/a", "/c"):
        app.add_route(rule, lambda: "", endpoint=rule.strip("/"))
    assert [r.rule for r in describe_routes(app)] == ["/b", "/a", "/c"]


def test_internal_routes_are_left_out_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    app = App("docs_app", root_path=tmp_path)

    @app.route("/")
    def index() -> str:
        return ""

    assert [r.rule for r in describe_routes(app)] == ["/"]
    everything = describe_routes(app, internal=True)
    assert [r.rule for r in everything] == ["/static/<filename>", "/"]
    assert everything[0].internal


def test_route_info_is_frozen(app: App) -> None:
    app.add_route("/", lambda: "", endpoint="index")
    (route,) = describe_routes(app)
    with pytest.raises(dataclasses.FrozenInstanceError):
        route.rule = "/other"  # type: ignore[misc]


@dataclasses.dataclass
class _Point:
    x: int


@pytest.mark.parametrize(
    ("annotation", "text"),
    [
        (int, "int"),
        (uuid.UUID, "UUID"),
        (list[int], "list[int]"),
        (dict[str, object], "dict[str, object]"),
        (int | None, "int | None"),
        (t.Optional[str], "str | None"),  # noqa: UP045 - the old spelling on purpose
        (t.Literal["a", 1], "'a' | 1"),
        (t.Annotated[int, Range(ge=1)], "int"),
        (PathStr, "PathStr"),
        (tuple[int, ...], "tuple[int, ...]"),
        (_Point, "_Point"),
        (t.Any, "Any"),
        (None, "None"),
        (inspect.Parameter.empty, "Any"),
        ("Unresolved", "Unresolved"),
    ],
)
def test_type_text(annotation: object, text: str) -> None:
    assert type_text(annotation) == text
