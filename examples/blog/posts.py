"""Posts: the latest posts, one post, writing a post and its picture.

The ``posts`` blueprint's routes are ``posts.index``, ``posts.new_post``,
``posts.post_page`` and ``posts.picture``; writing a post requires a
login (:func:`examples.blog.auth.login_required`).
"""

from __future__ import annotations

import collections.abc as cabc
import os
import typing as t
import uuid

from werkzeug.utils import secure_filename

from examples.blog import store
from examples.blog.auth import blog_g
from examples.blog.auth import login_required
from examples.blog.store import Post
from transom import Blueprint
from transom import Template
from transom import View
from transom import abort
from transom import current_app
from transom import flash
from transom import redirect
from transom import render_template
from transom import request
from transom import send_upload
from transom import url_for
from transom.wrappers import Response

PICTURE_EXTENSIONS: t.Final = frozenset({"png", "jpg", "jpeg", "gif", "webp"})
"""The kinds of picture a post may have."""

posts = Blueprint("posts", __name__)


class IndexContext(t.TypedDict):
    posts: list[Post]


class PostContext(t.TypedDict):
    post: Post


# What each template receives: type checkers hold every render() call to it,
# and `transom check` holds the template to it.
index_page = Template("index.html", IndexContext)
post_page = Template("post.html", PostContext)


@posts.route("/")
class Index(View):
    """The latest posts."""

    def get(self) -> str:
        return index_page.render({"posts": store.latest()})


@posts.route("/posts/new")
class NewPost(View):
    """Write a post, with an optional picture."""

    decorators = [login_required]

    def get(self) -> str:
        return render_template("new_post.html")

    def post(self) -> Response | tuple[str, int]:
        title = request.form.get("title", "").strip()
        body = request.form.get("body", "").strip()
        if not title or not body:
            flash("A post needs a title and some text.", "error")
            return render_template("new_post.html"), 400
        picture = request.files.get("picture")
        image = None
        if picture is not None and picture.filename:
            image = save_picture(picture.filename, picture.save)
            if image is None:
                flash("Pictures must be PNG, JPEG, GIF or WebP files.", "error")
                return render_template("new_post.html"), 400
        author = blog_g.user
        if author is None:  # login_required lets no such request in
            abort(401)
        post_id = store.publish(author, title, body, image)
        flash("Your post is published.")
        return redirect(url_for(PostPage.get, post_id=post_id), 303)


def save_picture(filename: str, save: cabc.Callable[[str], object]) -> str | None:
    """Store an uploaded picture under a new, unguessable name.

    :returns: the stored name, or ``None`` for a file that is not a picture.
    """
    name = secure_filename(filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in PICTURE_EXTENSIONS:
        return None
    stored = f"{uuid.uuid4().hex}.{extension}"
    folder = current_app.config["UPLOAD_FOLDER"]
    os.makedirs(folder, exist_ok=True)  # made by the first upload
    save(os.path.join(folder, stored))
    return stored


@posts.route("/posts/<post_id>")
class PostPage(View):
    """One post."""

    def get(self, post_id: int) -> str:
        post = store.find_post(post_id)
        if post is None:
            abort(404)
        return post_page.render({"post": post})


@posts.route("/pictures/<name>")
class Picture(View):
    """A post's picture."""

    def get(self, name: str) -> Response:
        return send_upload(current_app.config["UPLOAD_FOLDER"], name)
