"""Correct, documented code that no checker may flag: mypy with and
without the plugin, and pyright. Unlike the other files here, it is also
run: tests/e2e/test_correct_apps.py checks that the app behaves as the
types say."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import functools
import typing as t

import typing_extensions as te
from werkzeug.exceptions import NotFound

from transom import App
from transom import Converter
from transom import Response
from transom import View
from transom import after_this_request
from transom import make_response
from transom import typed_session
from transom import url_for
from transom.typing import JSONValue
from transom.typing import ResponseValue
from transom.typing import ViewFunction
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


# JSON bodies: TypedDicts and dataclasses, alone or nested, lists of any
# JSON type (list is invariant: list[int] is no list[JSONValue]), tuples
# and dates inside a body, and values typed JSONValue or Any.
class Tag(t.TypedDict):
    name: str
    count: int


@dataclasses.dataclass
class Author:
    name: str
    joined: datetime.date


@app.route("/tags")
class Tags(View):
    def get(self) -> list[Tag]:
        return [Tag(name="python", count=2)]

    def post(self) -> dict[str, JSONValue]:
        ids: list[int] = [1, 2]
        return {"tag": Tag(name="new", count=0), "ids": ids, "pair": (1, "a")}


@app.route("/author")
def author() -> Author:
    return Author("ada", datetime.date(2024, 5, 1))


@app.route("/author/full")
def author_full() -> dict[str, t.Any]:
    return {"author": Author("ada", datetime.date(2024, 5, 1)), "posts": [1, 2]}


# An error handler for a class may take a base of it; one for a status
# code takes the exception werkzeug raises for it.
class QuotaError(Exception):
    pass


@app.errorhandler(QuotaError)
def quota(error: Exception) -> tuple[str, int]:
    return "over quota", 429


@app.errorhandler(404)
def not_found(error: NotFound) -> tuple[str, int]:
    return "nothing here", 404


# methods= on a function route; decorators of a View that take the values
# by keyword, typed loosely or through a ParamSpec.
@app.route("/form", methods=["GET", "POST"])
def form() -> str:
    response = make_response("later", 202, {"X-Later": "1"})
    assert response.status_code == 202

    @after_this_request
    def add_header(response: Response) -> Response:
        response.headers["X-Form"] = "1"
        return response

    return "form"


def logged(
    view: cabc.Callable[..., ResponseValue],
) -> cabc.Callable[..., ResponseValue]:
    @functools.wraps(view)
    def wrapper(*args: t.Any, **kwargs: t.Any) -> ResponseValue:
        return view(*args, **kwargs)

    return wrapper


_P = te.ParamSpec("_P")
_R = t.TypeVar("_R")


def kept(view: cabc.Callable[_P, _R]) -> cabc.Callable[_P, _R]:
    return view


def keyword_only(view: ViewFunction) -> ViewFunction:
    def wrapper(**values: t.Any) -> ResponseValue:
        return view(**values)

    return wrapper


@app.route("/decorated/<n>")
class Decorated(View):
    decorators = (logged, kept, keyword_only)

    def get(self, n: int) -> str:
        return f"n={n}"


# The session typed by a TypedDict of the keys the app keeps; the config
# typed by the keys transom reads.
class CartSession(t.TypedDict, total=False):
    items: list[str]


app.secret_key = "correct apps"


@app.route("/cart")
def cart() -> dict[str, JSONValue]:
    session = typed_session(CartSession)
    items = session.get("items", [])
    session["items"] = [*items, "apple"]
    debug: bool = app.config.known["DEBUG"]
    return {"items": session["items"], "debug": debug}


def more_links() -> list[str]:
    """The forms added with the signatures of url_for (app context)."""
    return [
        url_for(Tags, _method="POST"),
        url_for(Decorated, n=3),
        url_for(form, _method="POST"),
    ]
