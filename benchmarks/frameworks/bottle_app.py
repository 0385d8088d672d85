"""Bottle: function routes on a ``Bottle`` app."""

from __future__ import annotations

import typing as t

import bottle

from benchmarks import shared

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


def make_app() -> WSGIApplication:
    app = bottle.Bottle()
    sessions = shared.CookieSession()
    template = shared.jinja_env().get_template("page.html")
    request = bottle.request
    response = bottle.response

    @app.get("/")
    def hello() -> str:
        return "Hello, World!"

    @app.get("/post/<post_id:int>")
    def post(post_id: int) -> str:
        return f"Post {post_id}"

    @app.get("/api/user/<name>")
    def api_user(name: str) -> dict[str, object]:
        return shared.user(name)

    @app.get("/search")
    def search() -> dict[str, object]:
        q = request.query.get("q")
        if q is None:
            bottle.abort(400)
        try:
            page = int(request.query.get("page", "1"))
        except ValueError:
            bottle.abort(400)
        return {"page": page, "q": q}

    @app.post("/form")
    def form() -> str:
        name = request.forms.get("name")
        try:
            age = int(request.forms.get("age"))
        except (TypeError, ValueError):
            bottle.abort(400)
        return f"{name} is {age}"

    @app.post("/tasks")
    def tasks() -> dict[str, object]:
        summary = shared.check_task(request.json)
        if summary is None:
            bottle.abort(422)
        return summary

    @app.get("/session")
    def session() -> str:
        data = sessions.load(request.get_cookie(shared.SESSION_COOKIE))
        data["count"] = count = data.get("count", 0) + 1
        response.set_cookie(
            shared.SESSION_COOKIE, sessions.dump(data), httponly=True, path="/"
        )
        response.add_header("Vary", "Cookie")
        return f"count={count}"

    @app.get("/page")
    def page() -> str:
        return template.render(title=shared.TITLE, items=shared.ITEMS)

    return t.cast("WSGIApplication", app)


def _many_view(i: int) -> t.Callable[[str], str]:
    def view(name: str) -> str:
        return f"r{i} {name}"

    return view


def make_many_app() -> WSGIApplication:
    app = bottle.Bottle()
    for i in range(shared.ROUTES):
        app.route(f"/r{i}/<name>", "GET", _many_view(i))
    return t.cast("WSGIApplication", app)


def session_cookie(app: object, data: dict[str, t.Any]) -> str:
    return shared.CookieSession().dump(data)
