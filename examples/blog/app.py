"""A small blog: templates, sessions, login, flashing and picture uploads.

From the repository root, serve it with
``python -m transom --app examples/blog/app.py run`` (or
``python -m examples.blog.app``) and open http://127.0.0.1:5000/. Register,
log in, and write a post with a picture.

- Who is logged in is kept in the signed session cookie; ``g`` holds the
  current user during a request, typed through :func:`transom.typed_g`.
- :func:`login_required` guards views through ``View.decorators``, and
  logging in returns to the page asked for (``?next=``) only when
  :func:`transom.security.safe_redirect` finds it on this site.
- Messages after a redirect are flashed.
- Uploaded pictures are checked, renamed and served with
  :func:`transom.send_upload`, which keeps a browser from running an
  uploaded file as part of the site.
- Forms are POSTed to views whose session cookie is ``SameSite=Lax``, so
  another site cannot post them on a logged-in user's behalf.
"""

from __future__ import annotations

import collections.abc as cabc
import functools
import os
import tempfile
import typing as t
import uuid

from werkzeug.utils import secure_filename

from examples.blog.store import BlogStore
from examples.blog.store import Post
from examples.blog.store import User
from examples.blog.store import UsernameTakenError
from transom import App
from transom import Template
from transom import View
from transom import abort
from transom import current_app
from transom import flash
from transom import redirect
from transom import render_template
from transom import request
from transom import send_upload
from transom import session
from transom import typed_g
from transom import url_for
from transom.security import safe_redirect
from transom.typing import ResponseValue
from transom.wrappers import Response

PICTURE_EXTENSIONS: t.Final = frozenset({"png", "jpg", "jpeg", "gif", "webp"})
"""The kinds of picture a post may have."""


class BlogGlobals:
    """What ``g`` holds during a request."""

    user: User | None
    """The logged-in user, or ``None``."""


blog_g = typed_g(BlogGlobals)


class IndexContext(t.TypedDict):
    posts: list[Post]


class PostContext(t.TypedDict):
    post: Post


# What each template receives: type checkers hold every render() call to it,
# and `transom check` holds the template to it.
index_page = Template("index.html", IndexContext)
post_page = Template("post.html", PostContext)


def store() -> BlogStore:
    """The data of the app serving the request."""
    return t.cast(BlogStore, current_app.extensions["blog"])


def load_user() -> None:
    """Find the logged-in user before each request."""
    user_id = session.get("user_id")
    blog_g.user = store().users.get(user_id) if isinstance(user_id, int) else None


def login_required(
    view: cabc.Callable[..., ResponseValue],
) -> cabc.Callable[..., ResponseValue]:
    """Send visitors who are not logged in to the login page."""

    @functools.wraps(view)
    def wrapper(**kwargs: t.Any) -> ResponseValue:
        if blog_g.user is None:
            flash("Log in to write a post.", "error")
            return redirect(url_for(Login.get, next=request.path))
        return view(**kwargs)

    return wrapper


class Index(View):
    """The latest posts."""

    def get(self) -> str:
        return index_page.render({"posts": store().latest()})


class Register(View):
    """Create an account."""

    def get(self) -> str:
        return render_template("register.html")

    def post(self) -> Response | tuple[str, int]:
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if not 1 <= len(username) <= 30 or len(password) < 8:
            flash("Choose a name (up to 30 characters) and a password of 8 or more.")
            return render_template("register.html"), 400
        try:
            user = store().register(username, password)
        except UsernameTakenError:
            flash(f"The name {username!r} is taken.", "error")
            return render_template("register.html"), 409
        session.clear()
        session["user_id"] = user.id
        flash(f"Welcome, {user.username}!")
        return redirect(url_for(Index.get), 303)


class Login(View):
    """Log in with a name and password, then go to ``next`` or the posts."""

    def get(self, next: str | None = None) -> str:
        return render_template("login.html")

    def post(self, next: str | None = None) -> Response | tuple[str, int]:
        user = store().authenticate(
            request.form.get("username", ""), request.form.get("password", "")
        )
        if user is None:
            flash("Wrong name or password.", "error")
            return render_template("login.html"), 401
        # A fresh session on login, so that nothing from before carries over.
        session.clear()
        session["user_id"] = user.id
        flash(f"Welcome back, {user.username}!")
        return safe_redirect(next, fallback=url_for(Index.get), code=303)


class Logout(View):
    """Forget the logged-in user (a POST, so that a link cannot log you out)."""

    def post(self) -> Response:
        session.clear()
        flash("You are logged out.")
        return redirect(url_for(Index.get), 303)


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
        post = store().publish(author, title, body, image)
        flash("Your post is published.")
        return redirect(url_for(PostPage.get, post_id=post.id), 303)


def save_picture(filename: str, save: cabc.Callable[[str], object]) -> str | None:
    """Store an uploaded picture under a new, unguessable name.

    :returns: the stored name, or ``None`` for a file that is not a picture.
    """
    name = secure_filename(filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in PICTURE_EXTENSIONS:
        return None
    stored = f"{uuid.uuid4().hex}.{extension}"
    save(os.path.join(current_app.config["UPLOAD_FOLDER"], stored))
    return stored


class PostPage(View):
    """One post."""

    def get(self, post_id: int) -> str:
        post: Post | None = store().posts.get(post_id)
        if post is None:
            abort(404)
        return post_page.render({"post": post})


class Picture(View):
    """A post's picture."""

    def get(self, name: str) -> Response:
        return send_upload(current_app.config["UPLOAD_FOLDER"], name)


def not_found(error: Exception) -> tuple[str, int]:
    return render_template("not_found.html"), 404


def create_app(settings: dict[str, t.Any] | None = None) -> App:
    """Build the blog. ``settings`` override the defaults, which read
    ``TRANSOM_SECRET_KEY`` (and any ``TRANSOM_*``) from the environment."""
    app = App(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev: set TRANSOM_SECRET_KEY in production",
        UPLOAD_FOLDER=os.path.join(tempfile.gettempdir(), "transom-blog-uploads"),
        MAX_CONTENT_LENGTH=4 * 1024 * 1024,
    )
    app.config.from_prefixed_env()
    app.config.update(settings or {})
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    app.extensions["blog"] = BlogStore()
    app.before_request(load_user)
    app.add_route("/", Index)
    app.add_route("/register", Register)
    app.add_route("/login", Login)
    app.add_route("/logout", Logout)
    app.add_route("/posts/new", NewPost)
    app.add_route("/posts/<post_id>", PostPage)
    app.add_route("/pictures/<name>", Picture)
    app.register_error_handler(404, not_found)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(debug=True)
