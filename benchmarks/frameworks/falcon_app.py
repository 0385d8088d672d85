"""Falcon: resources with ``on_get``/``on_post`` responders."""

from __future__ import annotations

import typing as t

import falcon

from benchmarks import shared

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


class Hello:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.text = "Hello, World!"


class Post:
    def on_get(self, req: falcon.Request, resp: falcon.Response, post_id: int) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f"Post {post_id}"


class ApiUser:
    def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> None:
        resp.media = shared.user(name)


class Search:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        q = req.get_param("q", required=True)
        page = req.get_param_as_int("page", default=1)
        resp.media = {"page": page, "q": q}


class Form:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        form = req.get_media()
        try:
            name = form["name"]
            age = int(form["age"])
        except (KeyError, ValueError):
            raise falcon.HTTPBadRequest() from None
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f"{name} is {age}"


class Tasks:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        summary = shared.check_task(req.get_media())
        if summary is None:
            raise falcon.HTTPUnprocessableEntity()
        resp.media = summary


class Session:
    def __init__(self) -> None:
        self.sessions = shared.CookieSession()

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        values = req.get_cookie_values(shared.SESSION_COOKIE)
        data = self.sessions.load(values[0] if values else None)
        data["count"] = count = data.get("count", 0) + 1
        resp.set_cookie(
            shared.SESSION_COOKIE, self.sessions.dump(data), secure=False, path="/"
        )
        resp.vary = ("Cookie",)
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f"count={count}"


class Page:
    def __init__(self) -> None:
        self.template = shared.jinja_env().get_template("page.html")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.text = self.template.render(title=shared.TITLE, items=shared.ITEMS)


def make_app() -> WSGIApplication:
    app = falcon.App()
    app.add_route("/", Hello())
    app.add_route("/post/{post_id:int}", Post())
    app.add_route("/api/user/{name}", ApiUser())
    app.add_route("/search", Search())
    app.add_route("/form", Form())
    app.add_route("/tasks", Tasks())
    app.add_route("/session", Session())
    app.add_route("/page", Page())
    return t.cast("WSGIApplication", app)


class _ManyResource:
    def __init__(self, i: int) -> None:
        self.i = i

    def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f"r{self.i} {name}"


def make_many_app() -> WSGIApplication:
    app = falcon.App()
    for i in range(shared.ROUTES):
        app.add_route(f"/r{i}/{{name}}", _ManyResource(i))
    return t.cast("WSGIApplication", app)


def session_cookie(app: object, data: dict[str, t.Any]) -> str:
    return shared.CookieSession().dump(data)
