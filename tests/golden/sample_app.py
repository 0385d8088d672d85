"""A small bookshop API whose documentation the golden files hold.

Regenerate the golden files after changing this app or the renderers::

    TRANSOM_REGENERATE_GOLDEN=1 python -m pytest tests/unit/test_apidocs_golden.py
"""

from __future__ import annotations

import dataclasses
import enum
import typing as t
import uuid

from transom import App
from transom import Body
from transom import Cookie
from transom import Created
from transom import File
from transom import FileStorage
from transom import Form
from transom import Header
from transom import Length
from transom import NoContent
from transom import PathStr
from transom import Range
from transom import View

app = App(__name__, static_folder=None)
app.config.from_mapping(
    API_TITLE="Bookshop",
    API_VERSION="1.2.0",
    API_DESCRIPTION="Books, authors and reviews.\n\nAll bodies are JSON unless"
    " said otherwise.",
)


class Genre(enum.Enum):
    """The shelf a book is on."""

    FICTION = "fiction"
    HISTORY = "history"
    SCIENCE = "science"


@dataclasses.dataclass
class Author:
    name: str
    """The name on the cover."""
    born: int | None = None
    """The year of birth, when known."""


@dataclasses.dataclass
class Book:
    """A book in the catalogue."""

    id: uuid.UUID
    title: str
    authors: list[Author]
    genre: Genre
    price: t.Annotated[float, Range(ge=0)]
    """In euros."""
    tags: set[str] = dataclasses.field(default_factory=set[str])


@dataclasses.dataclass
class NewBook:
    """A book to add to the catalogue."""

    title: t.Annotated[str, Length(min=1, max=200)]
    authors: list[Author]
    genre: Genre
    price: t.Annotated[float, Range(ge=0)]
    """In euros."""
    tags: list[str] = dataclasses.field(default_factory=list[str])


class Page(t.TypedDict):
    """One page of results."""

    items: list[Book]
    page: int
    next: t.NotRequired[int]


class Error(t.TypedDict):
    message: str


@app.route("/")
def index() -> str:
    """The welcome page."""
    return "<h1>Bookshop</h1>"


@app.route("/books")
class Books(View):
    """The catalogue."""

    def get(
        self,
        q: t.Annotated[str, Length(max=100)] | None = None,
        genre: list[Genre] | None = None,
        sort: t.Literal["title", "price"] = "title",
        page: t.Annotated[int, Range(ge=1)] = 1,
        currency: t.Literal["EUR", "USD"] = Cookie(default="EUR"),
    ) -> Page:
        """Search the catalogue.

        Results come a page at a time, ``sort`` decides their order.

        :param q: words in the title.
        :param genre: only these genres; repeat the key for several.
        :param page: which page, from 1.
        :param currency: the currency of the prices shown.
        """
        return {"items": [], "page": page}

    def post(
        self,
        book: NewBook = Body(),
        request_id: str | None = Header("X-Request-Id"),
    ) -> Created[Book]:
        """Add a book.

        :param book: the book, without the id the shop gives it.
        :param request_id: sent back in the response, for tracing.
        :returns: the new book.
        """
        raise NotImplementedError


@app.route("/books/<book_id>")
class BookDetail(View):
    def get(self, book_id: uuid.UUID) -> Book | tuple[Error, t.Literal[404]]:
        """One book."""
        raise NotImplementedError

    def delete(self, book_id: uuid.UUID) -> tuple[str, t.Literal[204]]:
        """Remove a book."""
        return "", 204


@app.route("/books/<book_id>/cover")
class Cover(View):
    def put(
        self,
        book_id: uuid.UUID,
        image: FileStorage = File(),
        caption: t.Annotated[str, Length(max=80)] | None = Form(),
    ) -> NoContent:
        """Replace a book's cover.

        :param image: a JPEG or PNG picture.
        """
        return NoContent()


@app.route("/shelves/<genre>/<int:rank>")
def shelf(genre: Genre, rank: t.Annotated[int, Range(ge=1, le=50)]) -> list[Book]:
    """The best books of a genre, from ``rank`` on."""
    return []


@app.route("/files/<path>")
def files(path: PathStr, download: bool = False) -> bytes:
    """A file from the shop's archive."""
    return b""


@app.route("/health", methods=["GET", "HEAD"])
def health() -> dict[str, str]:
    return {"status": "ok"}
