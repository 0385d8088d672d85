"""Bare werkzeug: a ``Map`` to route, ``Request`` and ``Response``, and
werkzeug's HTTP errors; what a framework on werkzeug starts from."""

from __future__ import annotations

import json
import typing as t

from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import UnprocessableEntity
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.wrappers import Request
from werkzeug.wrappers import Response

from benchmarks import shared

if t.TYPE_CHECKING:
    import collections.abc as cabc
    from wsgiref.types import StartResponse
    from wsgiref.types import WSGIApplication
    from wsgiref.types import WSGIEnvironment

_Handler = t.Callable[..., Response]


def _html(text: str) -> Response:
    return Response(text, mimetype="text/html")


def _json(value: object) -> Response:
    body = json.dumps(value, separators=(",", ":")) + "\n"
    return Response(body, mimetype="application/json")


def _wsgi(url_map: Map, handlers: dict[str, _Handler]) -> WSGIApplication:
    def app(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        request = Request(environ)
        adapter = url_map.bind_to_environ(environ)
        try:
            endpoint, values = adapter.match()
            response = handlers[t.cast(str, endpoint)](request, **values)
        except HTTPException as e:
            return e(environ, start_response)
        return response(environ, start_response)

    return app


def make_app() -> WSGIApplication:
    sessions = shared.CookieSession()
    template = shared.jinja_env().get_template("page.html")

    def hello(request: Request) -> Response:
        return _html("Hello, World!")

    def post(request: Request, post_id: int) -> Response:
        return _html(f"Post {post_id}")

    def api_user(request: Request, name: str) -> Response:
        return _json(shared.user(name))

    def search(request: Request) -> Response:
        q = request.args["q"]
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            raise BadRequest("page must be an integer") from None
        return _json({"page": page, "q": q})

    def form(request: Request) -> Response:
        name = request.form["name"]
        try:
            age = int(request.form["age"])
        except ValueError:
            raise BadRequest("age must be an integer") from None
        return _html(f"{name} is {age}")

    def tasks(request: Request) -> Response:
        summary = shared.check_task(request.get_json())
        if summary is None:
            raise UnprocessableEntity()
        return _json(summary)

    def session(request: Request) -> Response:
        data = sessions.load(request.cookies.get(shared.SESSION_COOKIE))
        data["count"] = count = data.get("count", 0) + 1
        response = _html(f"count={count}")
        response.set_cookie(shared.SESSION_COOKIE, sessions.dump(data), httponly=True)
        response.vary.add("Cookie")
        return response

    def page(request: Request) -> Response:
        return _html(template.render(title=shared.TITLE, items=shared.ITEMS))

    url_map = Map(
        [
            Rule("/", endpoint="hello"),
            Rule("/post/<int:post_id>", endpoint="post", methods=["GET"]),
            Rule("/api/user/<name>", endpoint="api_user"),
            Rule("/search", endpoint="search"),
            Rule("/form", endpoint="form", methods=["POST"]),
            Rule("/tasks", endpoint="tasks", methods=["POST"]),
            Rule("/session", endpoint="session"),
            Rule("/page", endpoint="page"),
        ]
    )
    handlers: dict[str, _Handler] = {
        "hello": hello,
        "post": post,
        "api_user": api_user,
        "search": search,
        "form": form,
        "tasks": tasks,
        "session": session,
        "page": page,
    }
    return _wsgi(url_map, handlers)


def _many_handler(i: int) -> _Handler:
    def handler(request: Request, name: str) -> Response:
        return _html(f"r{i} {name}")

    return handler


def make_many_app() -> WSGIApplication:
    handlers: dict[str, _Handler] = {}
    rules: list[Rule] = []
    for i in range(shared.ROUTES):
        handlers[f"r{i}"] = _many_handler(i)
        rules.append(Rule(f"/r{i}/<name>", endpoint=f"r{i}"))
    return _wsgi(Map(rules), handlers)


def session_cookie(app: object, data: dict[str, t.Any]) -> str:
    return shared.CookieSession().dump(data)
