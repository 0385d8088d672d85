"""Answers written straight to WSGI (no after_request hook, no session)
are byte for byte those that go through a Response (with a hook), and the
matcher without a URL adapter answers as werkzeug's adapter does."""

from __future__ import annotations

import pytest

from transom import App
from transom import View
from transom.testing import TestResponse
from transom.wrappers import Response


def _make_app(with_hook: bool) -> App:
    app = App("direct_app", static_folder=None)

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return "<p>Hello, World!</p>"

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> dict[str, int]:
            return {"id": post_id}

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    @app.route("/items")
    def items(n: int = 2) -> list[int]:
        return list(range(n))

    @app.route("/dir/")
    def directory() -> str:
        return "a directory"

    if with_hook:

        @app.after_request
        def keep(response: Response) -> Response:
            return response

    return app


def _answer(response: TestResponse) -> tuple[str, list[tuple[str, str]], bytes]:
    return response.status, response.headers.to_wsgi_list(), response.get_data()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("HEAD", "/"),
        ("GET", "/post/3"),
        ("HEAD", "/post/3"),
        ("DELETE", "/post/3"),
        ("OPTIONS", "/post/3"),
        ("GET", "/items?n=3"),
        ("GET", "/items?n=x"),
        ("GET", "/nowhere"),
        ("HEAD", "/nowhere"),
        ("GET", "/post/abc"),
        ("PUT", "/post/3"),
        ("POST", "/"),
        ("get", "/"),
        ("GET", "/dir"),
        ("GET", "//post//3"),
        ("GET", "/caf%C3%A9"),
    ],
)
def test_direct_answers_equal_response_answers(method: str, path: str) -> None:
    direct_client = _make_app(with_hook=False).test_client()
    through = _make_app(with_hook=True).test_client().open(path, method=method)
    # Twice: the second answer may come from what the first one matched.
    for _ in range(2):
        direct = direct_client.open(path, method=method)
        assert _answer(direct) == _answer(through)


def test_every_method_of_a_path_after_another() -> None:
    direct_client = _make_app(with_hook=False).test_client()
    through_client = _make_app(with_hook=True).test_client()
    for method in ("GET", "HEAD", "POST", "OPTIONS", "DELETE", "GET", "POST"):
        for path in ("/", "/dir/", "/dir", "/items"):
            direct = direct_client.open(path, method=method)
            through = through_client.open(path, method=method)
            assert _answer(direct) == _answer(through), (method, path)


def test_error_handler_still_answers_404_and_405() -> None:
    app = _make_app(with_hook=False)

    @app.errorhandler(404)
    def missing(e: Exception) -> tuple[str, int]:
        return "missing", 404

    @app.errorhandler(405)
    def refused(e: Exception) -> tuple[str, int]:
        return "refused", 405

    client = app.test_client()
    assert client.get("/nowhere").text == "missing"
    assert client.put("/post/3").text == "refused"


def test_a_host_werkzeug_refuses_is_refused_every_time() -> None:
    client = _make_app(with_hook=False).test_client()
    for _ in range(2):
        assert client.get("/", headers={"Host": "a..b"}).status_code == 400
        assert client.get("/", headers={"Host": "example.com"}).status_code == 200
