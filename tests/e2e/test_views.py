"""Class-based and function views through the test client: verb dispatch,
HEAD and OPTIONS, 405 with ``Allow``, inheritance and view decorators."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.test import run_wsgi_app

from transom import App
from transom import View
from transom import request
from transom.testing import TestClient
from transom.typing import JSONValue
from transom.typing import ResponseValue


def _allow(header: str | None) -> list[str]:
    assert header is not None
    return [m.strip() for m in header.split(",")]


class _GetMixin:
    def get(self) -> str:
        return "mixin get"


class _Base(View):
    def put(self) -> str:
        return "base put"


def test_own_and_inherited_verbs(app: App, client: TestClient) -> None:
    @app.route("/thing")
    class Thing(_GetMixin, _Base):
        def post(self) -> str:
            return "own post"

    assert client.get("/thing").text == "mixin get"
    assert client.post("/thing").text == "own post"
    assert client.put("/thing").text == "base put"
    response = client.delete("/thing")
    assert response.status_code == 405
    assert _allow(response.headers.get("Allow")) == [
        "GET",
        "HEAD",
        "POST",
        "PUT",
        "OPTIONS",
    ]


def test_subclass_overrides_verb(app: App, client: TestClient) -> None:
    class Parent(View):
        def get(self) -> str:
            return "parent"

    @app.route("/child")
    class Child(Parent):
        def get(self) -> str:
            return "child"

    @app.route("/parent")
    class Routed(Parent):
        pass

    assert client.get("/child").text == "child"
    assert client.get("/parent").text == "parent"


def test_none_verb_switches_off_an_inherited_verb(app: App, client: TestClient) -> None:
    class Readable(View):
        def get(self) -> str:
            return "read"

        def post(self) -> str:
            return "written"

    @app.route("/write-only")
    class WriteOnly(Readable):
        get = None  # type: ignore[assignment]

    assert client.post("/write-only").text == "written"
    response = client.get("/write-only")
    assert response.status_code == 405
    assert _allow(response.headers.get("Allow")) == ["POST", "OPTIONS"]
    assert client.head("/write-only").status_code == 405


def test_non_callable_verb_named_attribute_is_ignored(
    app: App, client: TestClient
) -> None:
    @app.route("/attrs")
    class Attrs(View):
        options = "not a handler"  # type: ignore[assignment]
        head = 3  # type: ignore[assignment]

        def get(self) -> str:
            return "ok"

    assert client.get("/attrs").text == "ok"
    response = client.options("/attrs")
    assert response.status_code == 200
    assert _allow(response.headers.get("Allow")) == ["GET", "HEAD", "OPTIONS"]


def test_fresh_instance_per_request(app: App, client: TestClient) -> None:
    instances: list[int] = []

    @app.route("/counter")
    class Counter(View):
        def __init__(self) -> None:
            self.calls = 0

        def get(self) -> dict[str, int]:
            self.calls += 1
            instances.append(id(self))
            return {"calls": self.calls}

    assert client.get("/counter").json == {"calls": 1}
    assert client.get("/counter").json == {"calls": 1}
    assert len(instances) == 2


def test_instance_state_from_earlier_request_never_visible(
    app: App, client: TestClient
) -> None:
    @app.route("/state")
    class State(View):
        def get(self, set_to: str = "") -> dict[str, JSONValue]:
            previous = getattr(self, "value", None)
            if set_to:
                self.value = set_to
            return {"previous": previous}

    assert client.get("/state?set_to=secret").json == {"previous": None}
    assert client.get("/state").json == {"previous": None}


def test_head_falls_back_to_get_without_body(app: App, client: TestClient) -> None:
    calls: list[str] = []

    @app.route("/page")
    class Page(View):
        def get(self) -> str:
            calls.append(request.method)
            return "a body of 17 char"

    response = client.head("/page")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["Content-Length"] == "17"
    assert calls == ["HEAD"]


def test_head_on_function_route(app: App, client: TestClient) -> None:
    @app.route("/fn")
    def fn() -> str:
        return "function body"

    response = client.head("/fn")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["Content-Length"] == str(len("function body"))


def test_explicit_head_wins_over_get(app: App, client: TestClient) -> None:
    @app.route("/h")
    class H(View):
        def get(self) -> str:
            return "get"

        def head(self) -> tuple[str, dict[str, str]]:
            return "", {"X-Head": "own"}

    response = client.head("/h")
    assert response.headers["X-Head"] == "own"
    assert client.get("/h").headers.get("X-Head") is None


def test_automatic_options(app: App, client: TestClient) -> None:
    @app.route("/item")
    class Item(View):
        def get(self) -> str:
            return "get"

        def delete(self) -> tuple[str, int]:
            return "", 204

    response = client.options("/item")
    assert response.status_code == 200
    assert response.data == b""
    assert _allow(response.headers.get("Allow")) == [
        "GET",
        "HEAD",
        "DELETE",
        "OPTIONS",
    ]


def test_user_defined_options(app: App, client: TestClient) -> None:
    @app.route("/cors")
    class Cors(View):
        def get(self) -> str:
            return "data"

        def options(self) -> tuple[str, int, dict[str, str]]:
            return "", 204, {"Access-Control-Allow-Origin": "*"}

    response = client.options("/cors")
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_options_lists_methods_of_every_route_on_the_path(
    app: App, client: TestClient
) -> None:
    @app.route("/shared")
    def read() -> str:
        return "read"

    @app.route("/shared", methods=["POST"], endpoint="write")
    def write() -> str:
        return "write"

    assert client.get("/shared").text == "read"
    assert client.post("/shared").text == "write"
    allowed = _allow(client.options("/shared").headers.get("Allow"))
    assert allowed == ["GET", "HEAD", "POST", "OPTIONS"]
    not_allowed = client.put("/shared")
    assert not_allowed.status_code == 405
    assert _allow(not_allowed.headers.get("Allow")) == allowed


def test_function_route_methods(app: App, client: TestClient) -> None:
    @app.route("/form", methods=["get", "Post"])  # type: ignore[list-item]
    def form() -> str:
        return request.method

    assert client.get("/form").text == "GET"
    assert client.post("/form").text == "POST"
    response = client.put("/form")
    assert response.status_code == 405
    assert _allow(response.headers.get("Allow")) == ["GET", "HEAD", "POST", "OPTIONS"]


def test_function_route_post_only_has_no_head(app: App, client: TestClient) -> None:
    @app.route("/submit", methods=["POST"])
    def submit() -> str:
        return "done"

    assert client.post("/submit").text == "done"
    assert client.head("/submit").status_code == 405
    assert client.get("/submit").status_code == 405


def test_add_route_without_decorator(app: App, client: TestClient) -> None:
    class Plain(View):
        def get(self) -> str:
            return "plain"

    def fn(name: str) -> str:
        return f"hi {name}"

    route = app.add_route("/plain", Plain)
    app.add_route("/greet/<name>", fn, endpoint="greeting")
    assert route.endpoint == "plain"
    assert client.get("/plain").text == "plain"
    assert client.get("/greet/ada").text == "hi ada"


def test_route_decorator_returns_the_view(app: App) -> None:
    class Kept(View):
        def get(self) -> str:
            return ""

    def kept_fn() -> str:
        return ""

    assert app.route("/kept")(Kept) is Kept
    assert app.route("/kept-fn")(kept_fn) is kept_fn


def test_lowercase_request_method_is_dispatched_upper_case(app: App) -> None:
    @app.route("/case")
    class Case(View):
        def get(self) -> str:
            return "got"

    environ = EnvironBuilder(path="/case").get_environ()
    environ["REQUEST_METHOD"] = "get"
    body, status, _ = run_wsgi_app(app, environ)
    assert status == "200 OK"
    assert b"".join(body) == b"got"


def test_unknown_method_is_405(app: App, client: TestClient) -> None:
    @app.route("/brew")
    class Brew(View):
        def get(self) -> str:
            return "coffee"

    response = client.open("/brew", method="BREW")
    assert response.status_code == 405
    assert _allow(response.headers.get("Allow")) == ["GET", "HEAD", "OPTIONS"]


def test_strict_slashes_redirect(app: App, client: TestClient) -> None:
    @app.route("/folder/")
    class Folder(View):
        def get(self) -> str:
            return "folder"

    response = client.get("/folder?x=1")
    assert response.status_code == 308
    assert response.location is not None
    assert response.location.endswith("/folder/?x=1")
    assert client.get("/folder", follow_redirects=True).text == "folder"


def test_rule_without_trailing_slash_is_404_with_one(
    app: App, client: TestClient
) -> None:
    @app.route("/file")
    class File(View):
        def get(self) -> str:
            return "file"

    assert client.get("/file/").status_code == 404


def _tag(label: str) -> cabc.Callable[[cabc.Callable[..., ResponseValue]], t.Any]:
    def decorator(
        f: cabc.Callable[..., ResponseValue],
    ) -> cabc.Callable[..., ResponseValue]:
        def wrapper(**kwargs: t.Any) -> ResponseValue:
            rv = f(**kwargs)
            assert isinstance(rv, str)
            return f"{label}({rv})"

        return wrapper

    return decorator


def test_view_decorators_wrap_every_verb_first_innermost(
    app: App, client: TestClient
) -> None:
    @app.route("/decorated/<name>")
    class Decorated(View):
        decorators = (_tag("inner"), _tag("outer"))

        def get(self, name: str) -> str:
            return name

        def post(self, name: str) -> str:
            return name.upper()

    assert client.get("/decorated/x").text == "outer(inner(x))"
    assert client.post("/decorated/x").text == "outer(inner(X))"


def test_view_decorator_can_refuse_the_request(app: App, client: TestClient) -> None:
    def require_token(
        f: cabc.Callable[..., ResponseValue],
    ) -> cabc.Callable[..., ResponseValue]:
        def wrapper(**kwargs: t.Any) -> ResponseValue:
            if request.headers.get("X-Token") != "open":
                return "no token", 401
            return f(**kwargs)

        return wrapper

    @app.route("/guarded/<int:n>")
    class Guarded(View):
        decorators = (require_token,)

        def get(self, n: int, q: str = "") -> str:
            return f"{n + 1} {q}"

    assert client.get("/guarded/1").status_code == 401
    response = client.get("/guarded/1?q=z", headers={"X-Token": "open"})
    assert response.text == "2 z"


def test_inherited_decorators(app: App, client: TestClient) -> None:
    class Tagged(View):
        decorators = (_tag("base"),)

    @app.route("/inherits")
    class Inherits(Tagged):
        def get(self) -> str:
            return "v"

    assert client.get("/inherits").text == "base(v)"


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_every_verb_is_dispatched(app: App, client: TestClient, method: str) -> None:
    @app.route("/all")
    class All(View):
        def get(self) -> str:
            return "get"

        def post(self) -> str:
            return "post"

        def put(self) -> str:
            return "put"

        def patch(self) -> str:
            return "patch"

        def delete(self) -> str:
            return "delete"

    assert client.open("/all", method=method).text == method.lower()
