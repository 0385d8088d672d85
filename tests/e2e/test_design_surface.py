"""The public surface of the design document, exactly as written there."""

from __future__ import annotations

import html

import pytest

from transom import App
from transom import View
from transom import url_for
from transom.testing import TestClient
from transom.typing import JSONValue


@pytest.fixture
def design_app() -> App:
    app = App(__name__, static_folder=None)

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return "<p>Hello, World!</p>"

    @app.route("/post/<post_id>")
    class Post(View):
        """A blog post."""

        def get(self, post_id: int) -> str:
            return f"Post {post_id}"

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    @app.route("/search")
    class Search(View):
        def get(self, q: str, page: int = 1) -> dict[str, JSONValue]:
            return {"q": q, "page": page}

    @app.route("/hello/<name>")
    def hello(name: str) -> str:
        return f"Hello {name}"

    with app.test_request_context():
        assert url_for(Post.get, post_id=3) == "/post/3"
        assert url_for(Post, post_id=3) == "/post/3"
        assert url_for("post", post_id=3) == "/post/3"
        assert url_for(hello, name="x") == "/hello/x"
    return app


@pytest.fixture
def design_client(design_app: App) -> TestClient:
    return design_app.test_client()


def test_index(design_client: TestClient) -> None:
    response = design_client.get("/")
    assert response.status_code == 200
    assert response.text == "<p>Hello, World!</p>"
    assert response.mimetype == "text/html"


@pytest.mark.parametrize(
    ("method", "path", "status", "body"),
    [
        ("GET", "/post/3", 200, "Post 3"),
        ("DELETE", "/post/3", 204, ""),
        ("GET", "/post/abc", 404, None),
        ("GET", "/hello/ada", 200, "Hello ada"),
    ],
)
def test_routes(
    design_client: TestClient, method: str, path: str, status: int, body: str | None
) -> None:
    response = design_client.open(path, method=method)
    assert response.status_code == status
    if body is not None:
        assert response.text == body


def test_405_lists_allowed_methods(design_client: TestClient) -> None:
    response = design_client.put("/post/3")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert allowed == {"GET", "HEAD", "DELETE", "OPTIONS"}


def test_query_parameters(design_client: TestClient) -> None:
    assert design_client.get("/search?q=x&page=2").json == {"q": "x", "page": 2}
    assert design_client.get("/search?q=x").json == {"q": "x", "page": 1}
    missing = design_client.get("/search")
    assert missing.status_code == 400
    assert "Query parameter 'q' is required" in html.unescape(missing.text)
    wrong = design_client.get("/search?q=x&page=two")
    assert wrong.status_code == 400
    assert "Query parameter 'page'" in html.unescape(wrong.text)


# -- the rules users can rely on, one test each, as DESIGN.md states them --


def test_quickstart_names_are_importable() -> None:
    import transom

    names = [
        "App",
        "View",
        "request",
        "session",
        "g",
        "current_app",
        "url_for",
        "redirect",
        "abort",
        "make_response",
        "jsonify",
        "render_template",
        "render_template_string",
        "flash",
        "get_flashed_messages",
        "escape",
        "Markup",
        "send_from_directory",
        "typed_g",
        "typed_session",
        "PathStr",
        "Range",
        "Length",
        "Converter",
        "Request",
        "Response",
    ]
    assert [name for name in names if not hasattr(transom, name)] == []
    from transom.typing import ResponseValue

    assert ResponseValue is not None


def test_rule_verbs(design_client: TestClient) -> None:
    # HEAD falls back to get with no body; OPTIONS is automatic with Allow.
    head = design_client.head("/post/3")
    assert (head.status_code, head.data) == (200, b"")
    options = design_client.options("/post/3")
    assert options.status_code == 200
    assert {m.strip() for m in options.headers["Allow"].split(",")} == {
        "GET",
        "HEAD",
        "DELETE",
        "OPTIONS",
    }


def test_rule_verbs_inherited_and_fresh_instance() -> None:
    app = App(__name__, static_folder=None)

    class Mixin:
        def post(self) -> str:
            return "mixin post"

    @app.route("/r")
    class R(Mixin, View):
        put = None  # type: ignore[assignment]  # not callable: not a handler

        def get(self) -> str:
            seen = getattr(self, "seen", False)
            self.seen = True
            return f"seen before: {seen}"

    client = app.test_client()
    assert client.post("/r").text == "mixin post"
    assert client.get("/r").text == "seen before: False"
    assert client.get("/r").text == "seen before: False"
    assert client.put("/r").status_code == 405


def test_rule_parameters() -> None:
    import enum
    import typing as t
    import uuid

    from transom import PathStr
    from transom import Range

    app = App(__name__, static_folder=None)

    class Kind(enum.Enum):
        A = "a"

    @app.route("/p/<i>/<f>/<u>/<path>/<lit>/<kind>/<n>")
    def params(
        i: int,
        f: float,
        u: uuid.UUID,
        path: PathStr,
        lit: t.Literal["x", "y"],
        kind: Kind,
        n: t.Annotated[int, Range(ge=1, le=9)],
        tags: list[str] | None = None,
    ) -> dict[str, JSONValue]:
        return {"i": i, "f": f, "path": path, "lit": lit, "n": n, "tags": tags}

    client = app.test_client()
    ident = "12345678-1234-5678-1234-567812345678"
    ok = client.get(f"/p/1/2.5/{ident}/a/b/x/a/3?tags=t1&tags=t2")
    assert ok.json == {
        "i": 1,
        "f": 2.5,
        "path": "a/b",
        "lit": "x",
        "n": 3,
        "tags": ["t1", "t2"],
    }
    assert client.get(f"/p/1/2.5/{ident}/a/b/x/a/10").status_code == 404


def test_rule_registration_fails_loudly() -> None:
    from transom.exceptions import TransomError

    app = App(__name__, static_folder=None)

    class Post(View):
        def get(self) -> str:
            return ""

    with pytest.raises(TransomError, match=r"Post\.get\(\).*'post_id'.*Fix:"):
        app.add_route("/post/<post_id>", Post)


def test_rule_responses() -> None:
    import dataclasses

    from transom.exceptions import ResponseTypeError

    app = App(__name__, static_folder=None)
    app.testing = True

    @dataclasses.dataclass
    class Item:
        name: str

    @app.route("/dc")
    def dc() -> Item:
        return Item("x")

    @app.route("/none")
    def none() -> str:
        return None  # type: ignore[return-value]

    client = app.test_client()
    assert client.get("/dc").json == {"name": "x"}
    with pytest.raises(ResponseTypeError):
        client.get("/none")


def test_rule_typed_proxies(design_app: App) -> None:
    from transom import Request
    from transom import current_app
    from transom import request

    with design_app.test_request_context("/post/3"):
        the_request: Request = request
        the_app: App = current_app
        assert the_request.path == "/post/3"
        assert the_app.import_name == __name__


def test_rule_url_for_options(design_app: App) -> None:
    with design_app.test_request_context():
        assert url_for("search", q="x", page=2) == "/search?q=x&page=2"
        assert url_for("post", post_id=3, _anchor="c") == "/post/3#c"
        assert url_for("post", post_id=3, _external=True) == "http://localhost/post/3"
        assert url_for("search", q="x", _method="GET") == "/search?q=x"
