"""Correct, documented code that no checker may flag: mypy with and
without the plugin, and pyright. Unlike the other files here, it is also
run: tests/e2e/test_correct_apps.py checks that the app behaves as the
types say."""

from __future__ import annotations

import decimal
import enum

from transom import App
from transom import Converter
from transom import View
from transom import url_for
from transom.typing import ResponseValue
from transom.views import NOT_ALLOWED

app = App(__name__)


# A verb a base class defines, switched off in a subclass.
class Post(View):
    def get(self, post_id: int) -> str:
        return f"Post {post_id}"

    def delete(self, post_id: int) -> tuple[str, int]:
        return "", 204


@app.route("/archive/<post_id>")
class ArchivedPost(Post):
    delete = NOT_ALLOWED


# Several values for one header name, in a mapping.
@app.route("/login")
class Login(View):
    def post(self) -> tuple[str, dict[str, str | list[str]]]:
        return "welcome", {"Set-Cookie": ["user=ada", "theme=dark"]}


@app.route("/logout")
def logout() -> ResponseValue:
    return "bye", 200, {"Set-Cookie": ["user=", "theme="]}


# An Enum parameter, given in url_for by its member or by its value.
class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 2


@app.route("/paint/<color>")
class Paint(View):
    def get(self, color: Color, size: Size = Size.SMALL) -> str:
        return f"{color.value} {size.value}"


# A parameter that may be None, without a default: a query parameter that
# url_for may leave out.
@app.route("/search")
class Search(View):
    def get(self, q: str | None, page: int = 1) -> str:
        return f"{q} {page}"


# A converter registered at run time, for a type the plugin was not told
# about in its settings: the plugin cannot know, so it says nothing.
class DecimalConverter(Converter[decimal.Decimal]):
    regex = r"[0-9]+(\.[0-9]+)?"

    def to_python(self, value: str) -> decimal.Decimal:
        return decimal.Decimal(value)

    def to_url(self, value: decimal.Decimal) -> str:
        return str(value)


app.register_converter(decimal.Decimal, DecimalConverter)


@app.route("/price/<amount>")
class Price(View):
    def get(self, amount: decimal.Decimal) -> str:
        return f"{amount:.2f}"


def links() -> list[str]:
    """URLs in every form each checker accepts (needs an app context)."""
    return [
        url_for(ArchivedPost.get, post_id=1),
        url_for(ArchivedPost, post_id=1),
        url_for(Paint.get, color=Color.RED),
        url_for("paint", color="red", size=2),
        url_for("paint", color="blue", size=Size.LARGE),
        url_for("search"),
        url_for("search", page=2),
        url_for(Search.get, q=None),
        url_for(Price.get, amount=decimal.Decimal("2.5")),
        url_for(Price, amount=decimal.Decimal("3")),
    ]
