"""Flask with class-based views (``MethodView``), the closest Flask comes
to transom's View classes."""

from __future__ import annotations

import typing as t

from flask import Flask
from flask import abort
from flask import render_template
from flask import request
from flask import session as flask_session
from flask.views import MethodView

from benchmarks import shared
from benchmarks.frameworks.flask_functions import session_cookie as session_cookie

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


def _new_app() -> Flask:
    app = Flask(__name__, template_folder=shared.TEMPLATE_DIR, static_folder=None)
    app.secret_key = shared.SECRET_KEY
    return app


class Hello(MethodView):
    def get(self) -> str:
        return "Hello, World!"


class Post(MethodView):
    def get(self, post_id: int) -> str:
        return f"Post {post_id}"


class ApiUser(MethodView):
    def get(self, name: str) -> dict[str, object]:
        return shared.user(name)


class Search(MethodView):
    def get(self) -> dict[str, object]:
        q = request.args["q"]
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            abort(400)
        return {"page": page, "q": q}


class Form(MethodView):
    def post(self) -> str:
        name = request.form["name"]
        try:
            age = int(request.form["age"])
        except ValueError:
            abort(400)
        return f"{name} is {age}"


class Tasks(MethodView):
    def post(self) -> dict[str, object]:
        summary = shared.check_task(request.get_json())
        if summary is None:
            abort(422)
        return summary


class Session(MethodView):
    def get(self) -> str:
        count = flask_session.get("count", 0) + 1
        flask_session["count"] = count
        return f"count={count}"


class Page(MethodView):
    def get(self) -> str:
        return render_template("page.html", title=shared.TITLE, items=shared.ITEMS)


def make_app() -> WSGIApplication:
    app = _new_app()
    app.add_url_rule("/", view_func=Hello.as_view("hello"))
    app.add_url_rule("/post/<int:post_id>", view_func=Post.as_view("post"))
    app.add_url_rule("/api/user/<name>", view_func=ApiUser.as_view("api_user"))
    app.add_url_rule("/search", view_func=Search.as_view("search"))
    app.add_url_rule("/form", view_func=Form.as_view("form"))
    app.add_url_rule("/tasks", view_func=Tasks.as_view("tasks"))
    app.add_url_rule("/session", view_func=Session.as_view("session"))
    app.add_url_rule("/page", view_func=Page.as_view("page"))
    return app


def _many_get(i: int) -> t.Callable[[MethodView, str], str]:
    def get(self: MethodView, name: str) -> str:
        return f"r{i} {name}"

    return get


def make_many_app() -> WSGIApplication:
    app = _new_app()
    for i in range(shared.ROUTES):
        view = type(f"R{i}", (MethodView,), {"get": _many_get(i)})
        app.add_url_rule(f"/r{i}/<name>", view_func=view.as_view(f"r{i}"))
    return app
