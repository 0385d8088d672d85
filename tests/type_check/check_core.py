"""What type checkers infer for the core: registration keeps types, url_for
checks its values through ParamSpec, the proxies and g are typed, and the
helpers return responses. Checked by mypy and pyright, never run."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import typing as t

from werkzeug.exceptions import NotFound

from transom import App
from transom import Converter
from transom import G
from transom import Request
from transom import Response
from transom import View
from transom import abort
from transom import current_app
from transom import g
from transom import jsonify
from transom import make_response
from transom import redirect
from transom import request
from transom import typed_g
from transom import url_for
from transom.config import Config
from transom.routing import Route
from transom.testing import TestClient
from transom.testing import TestResponse
from transom.typing import ResponseValue

app = App(__name__)
t.assert_type(app, App)
t.assert_type(app.config, Config)


class Movie(t.TypedDict):
    title: str


@dataclasses.dataclass
class Book:
    title: str


@app.route("/post/<post_id>")
class Post(View):
    def get(self, post_id: int, page: int = 1) -> str:
        return f"{post_id} {page}"

    def delete(self, post_id: int) -> tuple[str, int]:
        return "", 204

    def put(self, post_id: int) -> tuple[dict[str, int], int, dict[str, str]]:
        return {"id": post_id}, 200, {"X-A": "1"}

    def patch(self, post_id: int) -> Movie:
        return {"title": "x"}

    def post(self, post_id: int) -> Book:
        return Book("x")


@app.route("/stream")
class Stream(View):
    def get(self) -> cabc.Iterator[str]:
        yield "a"


@app.route("/hello/<name>", methods=["GET", "POST"], endpoint="hi")
def hello(name: str) -> str:
    return name


t.assert_type(Post, type[Post])
t.assert_type(hello(name="x"), str)  # the decorator kept the signature
t.assert_type(app.add_route("/other", Stream), Route)

# url_for: checked values for verb methods and functions, free for names.
t.assert_type(url_for(Post.get, post_id=3), str)
t.assert_type(url_for(Post.get, 3, page=2), str)
t.assert_type(url_for(Post.delete, post_id=3), str)
t.assert_type(url_for(hello, name="ada"), str)
t.assert_type(url_for(Post, post_id=3), str)
t.assert_type(url_for("post", post_id=3, anything="goes"), str)
t.assert_type(url_for("post", post_id=3, _external=True, _anchor="a"), str)
t.assert_type(url_for(Post.get, post_id=3, _external=True), str)
t.assert_type(url_for(hello, name="x", _anchor="top"), str)
t.assert_type(url_for(hello, name="x", _method="POST"), str)
t.assert_type(url_for(hello, name="x", _scheme="https", _external=True), str)


# Hooks and handlers keep the decorated function's type.
@app.before_request
def before() -> None:
    return None


@app.after_request
def after(response: Response) -> Response:
    return response


@app.teardown_request
def teardown(error: BaseException | None) -> None:
    return None


@app.errorhandler(404)
def not_found(e: NotFound) -> tuple[str, int]:
    return "missing", 404


t.assert_type(before(), None)
t.assert_type(after(response=Response()), Response)
t.assert_type(not_found(NotFound()), tuple[str, int])


class PointConverter(Converter[tuple[int, int]]):
    def to_python(self, value: str) -> tuple[int, int]:
        x, y = value.split(",")
        return int(x), int(y)

    def to_url(self, value: tuple[int, int]) -> str:
        return f"{value[0]},{value[1]}"


# The proxies and g.
t.assert_type(request, Request)
t.assert_type(request.args.get("q"), str | None)
t.assert_type(current_app, App)
t.assert_type(g, G)
t.assert_type(g.anything, t.Any)


class AppGlobals:
    user: str | None


appg = typed_g(AppGlobals)
t.assert_type(appg, AppGlobals)
t.assert_type(appg.user, str | None)

# Helpers.
t.assert_type(make_response("x", 201), Response)
t.assert_type(jsonify(a=1), Response)
t.assert_type(redirect("/"), Response)


def forbidden() -> t.NoReturn:
    abort(403)


def handler_value() -> ResponseValue:
    return {"ok": True}, 201


client = app.test_client()
t.assert_type(client, TestClient)
t.assert_type(client.get("/"), TestResponse)
t.assert_type(app.test_request_context("/").request, Request)
