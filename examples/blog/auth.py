"""Accounts: registering, logging in and out, and who is logged in.

The ``auth`` blueprint's routes are ``auth.register``, ``auth.login`` and
``auth.logout``; :func:`load_user` runs before every request of the app
(``before_app_request``), so that every page knows who is logged in.
"""

from __future__ import annotations

import collections.abc as cabc
import functools
import typing as t

from examples.blog import store
from examples.blog.store import User
from examples.blog.store import UsernameTakenError
from transom import Blueprint
from transom import View
from transom import flash
from transom import redirect
from transom import render_template
from transom import request
from transom import session
from transom import typed_g
from transom import url_for
from transom.security import safe_redirect
from transom.typing import ResponseValue
from transom.wrappers import Response

auth = Blueprint("auth", __name__)


class BlogGlobals:
    """What ``g`` holds during a request."""

    user: User | None
    """The logged-in user, or ``None``."""


blog_g = typed_g(BlogGlobals)


@auth.before_app_request
def load_user() -> None:
    """Find the logged-in user before each request of the app."""
    user_id = session.get("user_id")
    blog_g.user = store.find_user_by_id(user_id) if isinstance(user_id, int) else None


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


@auth.route("/register")
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
            user = store.register(username, password)
        except UsernameTakenError:
            flash(f"The name {username!r} is taken.", "error")
            return render_template("register.html"), 409
        session.clear()
        session["user_id"] = user.id
        flash(f"Welcome, {user.username}!")
        return redirect(url_for("posts.index"), 303)


@auth.route("/login")
class Login(View):
    """Log in with a name and password, then go to ``next`` or the posts."""

    def get(self, next: str | None = None) -> str:
        return render_template("login.html")

    def post(self, next: str | None = None) -> Response | tuple[str, int]:
        user = store.authenticate(
            request.form.get("username", ""), request.form.get("password", "")
        )
        if user is None:
            flash("Wrong name or password.", "error")
            return render_template("login.html"), 401
        # A fresh session on login, so that nothing from before carries over.
        session.clear()
        session["user_id"] = user.id
        flash(f"Welcome back, {user.username}!")
        return safe_redirect(next, fallback=url_for("posts.index"), code=303)


@auth.route("/logout")
class Logout(View):
    """Forget the logged-in user (a POST, so that a link cannot log you out)."""

    def post(self) -> Response:
        session.clear()
        flash("You are logged out.")
        return redirect(url_for("posts.index"), 303)
