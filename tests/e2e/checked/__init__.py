"""An app whose templates hold one mistake of each kind ``transom check``
reports, next to correct uses of the same features that it must accept."""

from __future__ import annotations

import typing as t

from transom import App
from transom import Template
from transom import View

app = App(__name__, static_folder=None)
app.jinja_env.filters["shout"] = str.upper


@app.route("/")
class Index(View):
    def get(self) -> str:
        return "index"


@app.route("/posts/<post_id>")
class PostPage(View):
    def get(self, post_id: int, page: int = 1) -> str:
        return f"post {post_id}"


@app.route("/files/<path:name>")
def download(name: str, mode: t.Literal["view", "save"] = "view") -> str:
    return name


class PageContext(t.TypedDict):
    title: str
    subtitle: str


page = Template("page.html", PageContext)


@app.route("/page")
def show_page() -> str:
    return page.render({"title": "A page", "subtitle": "never shown"})
