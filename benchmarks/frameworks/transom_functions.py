"""transom with function routes."""

from __future__ import annotations

import typing as t

from benchmarks import shared
from benchmarks.frameworks.transom_views import NewTask
from benchmarks.frameworks.transom_views import new_app
from benchmarks.frameworks.transom_views import session_cookie as session_cookie
from transom import App
from transom import Body
from transom import abort
from transom import render_template
from transom import request
from transom import session


def make_app() -> App:
    app = new_app()

    @app.route("/")
    def hello() -> str:
        return "Hello, World!"

    @app.route("/post/<post_id>")
    def post(post_id: int) -> str:
        return f"Post {post_id}"

    @app.route("/api/user/<name>")
    def api_user(name: str) -> dict[str, object]:
        return shared.user(name)

    @app.route("/search")
    def search(q: str, page: int = 1) -> dict[str, object]:
        return {"page": page, "q": q}

    @app.route("/form", methods=["POST"])
    def form() -> str:
        data = request.form
        try:
            age = int(data["age"])
        except ValueError:
            abort(400)
        return f"{data['name']} is {age}"

    @app.route("/tasks", methods=["POST"])
    def tasks(task: NewTask = Body()) -> dict[str, object]:
        return shared.task_summary(task.title, [s.minutes for s in task.steps])

    @app.route("/session")
    def session_view() -> str:
        count = session.get("count", 0) + 1
        session["count"] = count
        return f"count={count}"

    @app.route("/page")
    def page() -> str:
        return render_template("page.html", title=shared.TITLE, items=shared.ITEMS)

    return app


def _many_view(i: int) -> t.Callable[[str], str]:
    def view(name: str) -> str:
        return f"r{i} {name}"

    return view


def make_many_app() -> App:
    app = new_app()
    for i in range(shared.ROUTES):
        app.add_route(f"/r{i}/<name>", _many_view(i), endpoint=f"r{i}")
    return app
