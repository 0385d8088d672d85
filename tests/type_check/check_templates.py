"""What type checkers infer for templates declared with their context: the
handle is generic in the context, and render() takes one. Checked by mypy
and pyright, never run."""

from __future__ import annotations

import dataclasses
import typing as t

from transom import Template


class PostContext(t.TypedDict):
    title: str
    post_id: int


@dataclasses.dataclass
class PageContext:
    title: str
    page: int = 1


post_page = Template("post.html", PostContext)
page = Template("page.html", PageContext)

t.assert_type(post_page, Template[PostContext])
t.assert_type(page, Template[PageContext])
t.assert_type(post_page.render({"title": "Hi", "post_id": 3}), str)
t.assert_type(post_page.render(PostContext(title="Hi", post_id=3)), str)
t.assert_type(page.render(PageContext("Hi")), str)
t.assert_type(page.render(PageContext(title="Hi", page=2)), str)
t.assert_type(post_page.fields(), frozenset[str])
