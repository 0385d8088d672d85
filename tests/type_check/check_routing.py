"""Registration keeps the decorated class or function, verbs take any
parameters, and url_for accepts every correct call, with and without the
plugin. Checked by mypy (with and without the plugin) and pyright, never
run."""

from __future__ import annotations

import enum
import typing as t
import uuid

from transom import App
from transom import PathStr
from transom import Range
from transom import View
from transom import url_for
from transom.routing import Route

app = App(__name__)


class Order(enum.Enum):
    ASC = "asc"
    DESC = "desc"


class Timestamped(View):
    """A mixin base: its verb is inherited by the views below."""

    def head(self, post_id: int) -> str:
        return ""


@app.route("/post/<post_id>")
class Post(Timestamped):
    """Path and query parameters of every kind."""

    def get(
        self,
        post_id: int,
        page: t.Annotated[int, Range(ge=1)] = 1,
        order: Order = Order.ASC,
        tags: list[str] | None = None,
    ) -> str:
        return f"{post_id} {page} {order} {tags}"

    def delete(self, post_id: int, *, force: bool = False) -> tuple[str, int]:
        return "", 204


@app.route("/files/<path>")
class Files(View):
    def get(self, path: PathStr) -> str:
        return path


@app.route("/items/<uuid:item_id>/<any(a,b):kind>")
class Item(View):
    def get(self, item_id: uuid.UUID, kind: t.Literal["a", "b"]) -> str:
        return f"{item_id} {kind}"


@app.route("/hello/<name>", methods=["GET", "POST"])
def hello(name: str, shout: bool = False) -> str:
    return name.upper() if shout else name


def untouched(name: str) -> str:
    return name


# The decorators return what they were given.
t.assert_type(Post, type[Post])
t.assert_type(Post().get(3), str)
t.assert_type(Post().delete(3, force=True), tuple[str, int])
t.assert_type(hello("ada", shout=True), str)
t.assert_type(app.add_route("/untouched/<name>", untouched), Route)

# url_for: the verb method, the function, the class and names.
t.assert_type(url_for(Post.get, post_id=3), str)
t.assert_type(url_for(Post.get, 3, page=2, order=Order.DESC, tags=["a"]), str)
t.assert_type(url_for(Post.delete, post_id=3, force=True), str)
t.assert_type(url_for(Post.head, post_id=3), str)
t.assert_type(url_for(Files.get, path="a/b.txt"), str)
t.assert_type(url_for(Item.get, item_id=uuid.uuid4(), kind="a"), str)
t.assert_type(url_for(hello, name="ada"), str)
t.assert_type(url_for(Post, post_id=3), str)
t.assert_type(url_for(Post, post_id=3, _method="DELETE", force=True), str)
t.assert_type(url_for("post", post_id=3, utm_source="mail"), str)
t.assert_type(url_for("hello", name="ada", _anchor="top"), str)
t.assert_type(url_for("static", filename="style.css"), str)
t.assert_type(url_for(Post.get, post_id=3, _external=True), str)
endpoint: str = "post"
t.assert_type(url_for(endpoint, post_id=3), str)
