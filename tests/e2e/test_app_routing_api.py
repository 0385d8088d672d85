"""Flask's spellings of routing on the app: method shortcuts,
add_url_rule, endpoint, view_functions and url_map."""

from __future__ import annotations

import pytest
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.routing import Submount

from transom import App
from transom import Blueprint
from transom import View
from transom import url_for
from transom.exceptions import MethodsTypeError
from transom.exceptions import RouteError
from transom.testing import TestClient


@pytest.mark.parametrize("verb", ["get", "post", "put", "patch", "delete"])
def test_method_shortcuts(app: App, client: TestClient, verb: str) -> None:
    def item(item_id: int) -> str:
        return f"{verb} {item_id}"

    getattr(app, verb)("/items/<item_id>")(item)
    assert client.open("/items/3", method=verb.upper()).text == f"{verb} 3"
    other = "POST" if verb != "post" else "GET"
    assert client.open("/items/3", method=other).status_code == 405


def test_shortcuts_on_one_rule_share_it(app: App, client: TestClient) -> None:
    @app.get("/thing")
    def read() -> str:
        return "read"

    @app.post("/thing")
    def write() -> tuple[str, int]:
        return "written", 201

    assert client.get("/thing").text == "read"
    assert client.post("/thing").status_code == 201


def test_a_shortcut_on_a_view_class_names_the_fix(app: App) -> None:
    class Thing(View):
        def get(self) -> str:
            return ""

    with pytest.raises(RouteError, match=r"decorate .*Thing with @route\('/t'\)"):
        app.get("/t")(Thing)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]


def test_add_url_rule(app: App, client: TestClient) -> None:
    def show(post_id: int) -> str:
        return str(post_id)

    class Page(View):
        def get(self) -> str:
            return "page"

    app.add_url_rule("/post/<post_id>", "show_post", show)
    app.add_url_rule("/page", view_func=Page)
    assert client.get("/post/4").text == "4"
    assert client.get("/page").text == "page"
    with app.test_request_context():
        assert url_for("show_post", post_id=4) == "/post/4"
        assert url_for("page") == "/page"


def test_add_url_rule_needs_a_view_or_an_endpoint(app: App) -> None:
    with pytest.raises(RouteError, match="neither a view_func nor an endpoint"):
        app.add_url_rule("/x")


def test_endpoint_decorator_binds_rules_before_and_after(
    app: App, client: TestClient
) -> None:
    app.add_url_rule("/a", "thing")

    @app.endpoint("thing")
    def thing() -> str:
        return "thing"

    app.add_url_rule("/b", "thing")
    assert client.get("/a").text == "thing"
    assert client.get("/b").text == "thing"


def test_methods_as_a_string_is_refused_before_the_view_comes(app: App) -> None:
    # Flask's test_disallow_string_for_allowed_methods: a TypeError, raised
    # by add_url_rule itself even when the endpoint's view comes later.
    with pytest.raises(TypeError, match=r"methods=\['GET', 'POST'\]"):
        app.add_url_rule("/", methods="GET POST", endpoint="test")
    with pytest.raises(MethodsTypeError):
        app.add_url_rule("/", methods="GET", endpoint="test")


def test_url_map_add_is_refused(app: App, client: TestClient) -> None:
    # A rule added to werkzeug's map directly has no view: it was a 500
    # (a KeyError) on the first request it matched.
    with pytest.raises(RouteError, match="app.add_url_rule"):
        app.url_map.add(Submount("/foo", [Rule("/bar", endpoint="bar")]))

    @app.endpoint("bar")
    def bar() -> str:
        return "bar"

    app.add_url_rule("/foo/bar", "bar")
    assert client.get("/foo/bar").text == "bar"
    assert client.get("/foo/").status_code == 404


def test_view_functions_and_url_map(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return ""

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:
            return ""

    assert dict(app.view_functions) == {"index": index, "post": Post}
    with pytest.raises(TypeError, match=r"read-only: .* app.add_url_rule\(rule"):
        app.view_functions["x"] = index  # type: ignore[index]  # pyright: ignore[reportIndexIssue]
    with pytest.raises(TypeError, match="read-only"):
        del app.view_functions["index"]  # type: ignore[attr-defined]  # pyright: ignore[reportIndexIssue]
    assert isinstance(app.url_map, Map)
    assert {rule.endpoint for rule in app.url_map.iter_rules()} == {"index", "post"}


@pytest.mark.parametrize("verb", ["get", "post", "put", "patch", "delete"])
def test_the_verb_shortcuts_take_docs_false(verb: str) -> None:
    app = App("shortcuts", static_folder=None)
    bp = Blueprint("bp", __name__)

    def shown() -> str:
        return ""

    def hidden() -> str:
        return ""

    def hidden_in_bp() -> str:
        return ""

    getattr(app, verb)("/shown")(shown)
    getattr(app, verb)("/hidden", docs=False)(hidden)
    getattr(bp, verb)("/bp-hidden", docs=False)(hidden_in_bp)
    app.register_blueprint(bp)
    assert list(app.openapi()["paths"]) == ["/shown"]
