"""One view at several rules, as Flask routes them: stacked ``@app.route``
decorators, a variable that only some of the rules give, the same
function or bound method at two rules under one endpoint; and parameters
without annotations, typed by the rule's converter."""

from __future__ import annotations

import pytest

from transom import App
from transom import View
from transom import url_for
from transom.exceptions import ConverterError
from transom.exceptions import DuplicateEndpointError
from transom.exceptions import RouteError
from transom.testing import TestClient


@pytest.mark.parametrize("top", ["/hello/", "/hello/<name>"])
def test_a_variable_one_rule_leaves_out_takes_the_default(
    app: App, client: TestClient, top: str
) -> None:
    # Either order of the decorators: the later rule changes the earlier one.
    other = "/hello/<name>" if top == "/hello/" else "/hello/"

    @app.route(top)
    @app.route(other)
    def hello(name: str | None = None) -> str:
        return f"Hello {name}"

    assert client.get("/hello/").text == "Hello None"
    assert client.get("/hello/World").text == "Hello World"
    # Never read from the query string, in either rule.
    assert client.get("/hello/?name=Query").text == "Hello None"
    assert client.get("/hello/World?name=Query").text == "Hello World"
    with app.test_request_context():
        assert url_for(hello) == "/hello/"
        assert url_for(hello, name="World") == "/hello/World"
        assert url_for("hello") == "/hello/"
        assert url_for("hello", name="World") == "/hello/World"
    assert [r.endpoint for r in app.router.routes] == ["hello", "hello"]


def test_other_query_parameters_stay_query_parameters(
    app: App, client: TestClient
) -> None:
    @app.route("/page/<int:number>")
    @app.route("/page/")
    def page(number: int = 1, size: int = 10) -> str:
        return f"{number} {size}"

    assert client.get("/page/").text == "1 10"
    assert client.get("/page/?number=3&size=5").text == "1 5"
    assert client.get("/page/4?size=5").text == "4 5"
    assert client.get("/page/?size=x").status_code == 400
    with app.test_request_context():
        assert url_for(page, size=5) == "/page/?size=5"
        assert url_for(page, number=2, size=5) == "/page/2?size=5"


def test_a_view_class_at_two_rules(app: App, client: TestClient) -> None:
    @app.route("/users/")
    @app.route("/users/<int:user_id>")
    class Users(View):
        def get(self, user_id: int | None = None) -> str:
            return "all" if user_id is None else f"user {user_id}"

    assert client.get("/users/").text == "all"
    assert client.get("/users/3").text == "user 3"
    assert client.get("/users/x").status_code == 404
    with app.test_request_context():
        assert url_for(Users.get) == "/users/"
        assert url_for(Users.get, user_id=3) == "/users/3"


@pytest.mark.parametrize("given_first", [True, False])
def test_a_left_out_variable_needs_a_default(app: App, given_first: bool) -> None:
    def hello(name: str) -> str:
        return name

    rules = ["/hello/<name>", "/hello/"]
    app.add_route(rules[0] if given_first else rules[1], hello)
    with pytest.raises(RouteError) as info:
        app.add_route(rules[1] if given_first else rules[0], hello)
    message = str(info.value)
    assert "parameter 'name' of " in message
    assert "the rule '/hello/<name>' gives it but '/hello/' does not" in message
    assert "Fix: give it a default ('name: str | None = None')" in message
    # The failed rule changed nothing: the first still works as it did.
    assert len(app.router.routes) == 1


def test_a_path_parameter_may_be_optional_only_with_a_default(app: App) -> None:
    with pytest.raises(ConverterError, match="a path parameter cannot be"):

        @app.route("/hello/<name>")
        def hello(name: str | None) -> str:
            return f"{name}"


def test_one_function_at_two_rules_is_one_endpoint(
    app: App, client: TestClient
) -> None:
    def show(slug: str) -> str:
        return slug

    app.add_route("/post/<slug>", show)
    app.add_route("/p/<slug>", show)

    assert client.get("/post/a").text == "a"
    assert client.get("/p/b").text == "b"
    with app.test_request_context():
        # werkzeug builds the first rule that takes the values.
        assert url_for(show, slug="a") == "/post/a"
        assert url_for("show", slug="a") == "/post/a"


def test_one_bound_method_at_two_rules(app: App, client: TestClient) -> None:
    class Posts:
        def __init__(self, prefix: str) -> None:
            self.prefix = prefix

        def __eq__(self, other: object) -> bool:  # unhashable, as dataclasses are
            return isinstance(other, Posts) and other.prefix == self.prefix

        __hash__ = None  # type: ignore[assignment]

        def show(self, slug: str) -> str:
            return f"{self.prefix}{slug}"

    posts = Posts("post ")
    app.add_route("/post/<slug>", posts.show)
    app.add_route("/p/<slug>", posts.show)
    # Another object's method is another view: its endpoint must differ.
    with pytest.raises(DuplicateEndpointError, match="already bound"):
        app.add_route("/other/<slug>", Posts("other ").show)
    app.add_route("/other/<slug>", Posts("other ").show, endpoint="other")

    assert client.get("/p/a").text == "post a"
    assert client.get("/other/a").text == "other a"
    with app.test_request_context():
        assert url_for(posts.show, slug="a") == "/post/a"


def test_the_same_rule_twice_is_still_an_error(app: App) -> None:
    def show(slug: str) -> str:
        return slug

    app.add_route("/post/<slug>", show)
    with pytest.raises(RouteError, match="already handled by"):
        app.add_route("/post/<slug>", show)


def test_an_unannotated_parameter_takes_the_rules_converter(
    app: App, client: TestClient
) -> None:
    @app.route("/post/<int:post_id>")
    def show_post(post_id):  # type: ignore[no-untyped-def]
        return f"Post {post_id!r}"

    @app.route("/price/<float:amount>")
    class Price(View):
        def get(self, amount):  # type: ignore[no-untyped-def]
            return f"{amount!r}"

    @app.route("/files/<path:name>")
    def files(name):  # type: ignore[no-untyped-def]
        return f"{name!r}"

    @app.route("/plain/<name>")
    def plain(name, page=1):  # type: ignore[no-untyped-def]
        return f"{name!r} {page!r}"

    assert client.get("/post/3").text == "Post 3"
    assert client.get("/post/x").status_code == 404
    assert client.get("/price/1.5").text == "1.5"
    assert client.get("/files/a/b.txt").text == "'a/b.txt'"
    # No converter, no annotation: text, in the path and in the query.
    assert client.get("/plain/3?page=2").text == "'3' '2'"
    route = app.router.route_for_endpoint("show_post")
    assert route is not None
    assert route.handlers["GET"].signature.params[0].annotation is int


def test_flasks_multi_route_rules(app: App, client: TestClient) -> None:
    # Flask's test_multi_route_rules, as written there: no annotations.
    @app.route("/")
    @app.route("/<test>/")
    def index(test="a"):  # type: ignore[no-untyped-def]
        return test

    assert client.get("/").text == "a"
    assert client.get("/b/").text == "b"
    assert client.get("/?test=c").text == "a"


def test_flasks_multi_route_class_views(app: App, client: TestClient) -> None:
    # Flask's test_multi_route_class_views: a bound method at two rules.
    class Pages:
        def __init__(self, app: App) -> None:
            app.add_route("/", self.index, endpoint="index")
            app.add_route("/<test>/", self.index, endpoint="index")

        def index(self, test: str = "a") -> str:
            return test

    Pages(app)
    assert client.get("/").text == "a"
    assert client.get("/b/").text == "b"
