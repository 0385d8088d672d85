"""The public surface of the design document, exactly as written there."""

from __future__ import annotations

import html

import pytest

from transom import App
from transom import View
from transom import url_for
from transom.testing import TestClient


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
        def get(self, q: str, page: int = 1) -> dict[str, object]:
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
