"""Flask with function routes, as its quickstart writes them."""

from __future__ import annotations

import typing as t

from flask import Flask
from flask import abort
from flask import render_template
from flask import request
from flask import session as flask_session

from benchmarks import shared

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


def _new_app() -> Flask:
    app = Flask(__name__, template_folder=shared.TEMPLATE_DIR, static_folder=None)
    app.secret_key = shared.SECRET_KEY
    return app


def make_app() -> WSGIApplication:
    app = _new_app()

    @app.route("/")
    def hello() -> str:
        return "Hello, World!"

    @app.route("/post/<int:post_id>")
    def post(post_id: int) -> str:
        return f"Post {post_id}"

    @app.route("/api/user/<name>")
    def api_user(name: str) -> dict[str, object]:
        return shared.user(name)

    @app.route("/search")
    def search() -> dict[str, object]:
        q = request.args["q"]
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            abort(400)
        return {"page": page, "q": q}

    @app.route("/form", methods=["POST"])
    def form() -> str:
        name = request.form["name"]
        try:
            age = int(request.form["age"])
        except ValueError:
            abort(400)
        return f"{name} is {age}"

    @app.route("/tasks", methods=["POST"])
    def tasks() -> dict[str, object]:
        summary = shared.check_task(request.get_json())
        if summary is None:
            abort(422)
        return summary

    @app.route("/session")
    def session() -> str:
        count = flask_session.get("count", 0) + 1
        flask_session["count"] = count
        return f"count={count}"

    @app.route("/page")
    def page() -> str:
        return render_template("page.html", title=shared.TITLE, items=shared.ITEMS)

    return app


def _many_view(i: int) -> t.Callable[[str], str]:
    def view(name: str) -> str:
        return f"r{i} {name}"

    return view


def make_many_app() -> WSGIApplication:
    app = _new_app()
    for i in range(shared.ROUTES):
        app.add_url_rule(f"/r{i}/<name>", f"r{i}", _many_view(i))
    return app


def session_cookie(app: Flask, data: dict[str, t.Any]) -> str:
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return t.cast(str, serializer.dumps(data))
