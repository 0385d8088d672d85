"""``url_for`` with endpoint names, view classes, verb methods and functions."""

from __future__ import annotations

import enum
import typing as t
import uuid

import pytest
from werkzeug.routing import BuildError

from transom import App
from transom import View
from transom import redirect
from transom import url_for
from transom.testing import TestClient
from transom.typing import JSONValue


class Status(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class _Shared(View):
    def get(self) -> str:
        return "shared"


@pytest.fixture
def url_app(app: App) -> App:
    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int, page: int = 1) -> str:
            return f"{post_id}:{page}"

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    @app.route("/posts", endpoint="post_list")
    class PostList(View):
        def get(
            self,
            status: Status = Status.OPEN,
            tags: list[str] | None = None,
            ids: list[int] | None = None,
            kind: t.Literal["a", "b"] = "a",
        ) -> dict[str, JSONValue]:
            return {
                "status": status.value,
                "tags": tags,
                "ids": ids,
                "kind": kind,
            }

        def post(self) -> str:
            return "created"

    @app.route("/hello/<name>")
    def hello(name: str) -> str:
        return f"Hello {name}"

    @app.route("/by-status/<status>")
    def by_status(status: Status) -> str:
        return status.name

    @app.route("/uuid/<ident>")
    def by_uuid(ident: uuid.UUID) -> str:
        return str(ident)

    app.add_route("/one", _one(), endpoint="one")
    app.add_route("/two", _two(), endpoint="two")
    app.add_route("/shared", _Shared)
    return app


def _one() -> type[View]:
    class One(_Shared):
        pass

    return One


def _two() -> type[View]:
    class Two(_Shared):
        pass

    return Two


def _views(app: App) -> dict[str, t.Any]:
    return {route.endpoint: route.view for route in app.router.routes}


def test_every_kind_of_target(url_app: App) -> None:
    views = _views(url_app)
    post = views["post"]
    with url_app.test_request_context():
        assert url_for("post", post_id=3) == "/post/3"
        assert url_for(post, post_id=3) == "/post/3"
        assert url_for(post.get, post_id=3) == "/post/3"
        assert url_for(post.delete, post_id=3) == "/post/3"
        assert url_for(views["hello"], name="ada") == "/hello/ada"
        assert url_for("hello", name="ada lovelace") == "/hello/ada%20lovelace"


def test_positional_values_follow_the_signature(url_app: App) -> None:
    post = _views(url_app)["post"]
    with url_app.test_request_context():
        assert url_for(post.get, 3, 2) == "/post/3?page=2"
        assert url_for(post.get, 3, page=4) == "/post/3?page=4"
        with pytest.raises(TypeError, match="takes at most 2 values, 3 given"):
            url_for(post.get, 1, 2, 3)
        # A verb method's values follow its own signature, not GET's.
        with pytest.raises(TypeError, match=r"Post\.delete\) takes at most 1 values"):
            url_for(post.delete, 3, 2)
        with pytest.raises(TypeError, match="takes values by keyword; positional"):
            url_for("post", 3)  # type: ignore[call-overload]


def test_bound_method_stands_for_its_function(url_app: App) -> None:
    post = _views(url_app)["post"]
    with url_app.test_request_context():
        assert url_for(post().get, post_id=5) == "/post/5"


def test_unknown_values_become_the_query(url_app: App) -> None:
    with url_app.test_request_context():
        assert url_for("hello", name="x", ref="mail", n=2) == "/hello/x?ref=mail&n=2"
        assert url_for("hello", name="x", many=["a", "b"]) == "/hello/x?many=a&many=b"
        assert url_for("hello", name="x", skip=None) == "/hello/x"
        assert url_for("hello", name="x", q="a b&c") == "/hello/x?q=a+b%26c"


def test_declared_query_parameters_use_their_converters(url_app: App) -> None:
    with url_app.test_request_context():
        url = url_for(
            "post_list", status=Status.CLOSED, tags=["x", "y"], ids=[3, 4], kind="b"
        )
        assert url == "/posts?status=closed&tags=x&tags=y&ids=3&ids=4&kind=b"
        assert url_for("post_list", status="open") == "/posts?status=open"


def test_enum_and_literal_round_trip(url_app: App) -> None:
    client = url_app.test_client()
    with url_app.test_request_context():
        path_url = url_for("by_status", status=Status.CLOSED)
        query_url = url_for("post_list", status=Status.CLOSED, kind="b")
    assert path_url == "/by-status/closed"
    assert client.get(path_url).text == "CLOSED"
    assert client.get(query_url).json == {
        "status": "closed",
        "tags": None,
        "ids": None,
        "kind": "b",
    }


def test_uuid_round_trip(url_app: App) -> None:
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    with url_app.test_request_context():
        url = url_for("by_uuid", ident=ident)
    assert url_app.test_client().get(url).text == str(ident)


def test_external_anchor_scheme_method(url_app: App) -> None:
    views = _views(url_app)
    with url_app.test_request_context(base_url="http://example.org/"):
        assert (
            url_for("hello", name="x", _external=True) == "http://example.org/hello/x"
        )
        assert url_for("hello", name="x", _anchor="part two") == "/hello/x#part%20two"
        assert (
            url_for("hello", name="x", _scheme="https", _external=True)
            == "https://example.org/hello/x"
        )
        assert url_for("post_list", _method="POST") == "/posts"
        assert url_for(views["post"].get, post_id=1, _external=True).startswith(
            "http://example.org/"
        )
        # A scheme alone asks for an absolute URL, as in Flask.
        assert url_for("hello", name="x", _scheme="https").startswith("https://")
        with pytest.raises(ValueError, match="'_scheme' requires '_external=True'"):
            url_for("hello", name="x", _scheme="https", _external=False)


def test_url_for_respects_the_script_root(url_app: App) -> None:
    with url_app.test_request_context("/", base_url="http://example.org/mount/"):
        assert url_for("hello", name="x") == "/mount/hello/x"


def test_url_for_with_server_name_outside_a_request(url_app: App) -> None:
    url_app.config["SERVER_NAME"] = "example.com"
    url_app.config["PREFERRED_URL_SCHEME"] = "https"
    with url_app.app_context():
        assert url_for("hello", name="x") == "https://example.com/hello/x"
        assert url_for("hello", name="x", _external=False) == "/hello/x"


def test_url_for_in_app_context_without_server_name(url_app: App) -> None:
    with url_app.app_context():
        with pytest.raises(RuntimeError, match=r"SERVER_NAME.*set it, or call"):
            url_for("hello", name="x")


def test_url_for_outside_any_context() -> None:
    with pytest.raises(RuntimeError, match="url_for\\(\\) needs an app context"):
        url_for("hello", name="x")


def test_unknown_endpoint_suggests(url_app: App) -> None:
    with url_app.test_request_context():
        with pytest.raises(BuildError, match="'helo'.*Did you mean 'hello'"):
            url_for("helo", name="x")


def test_missing_path_value(url_app: App) -> None:
    with url_app.test_request_context():
        with pytest.raises(BuildError, match="Did you forget to specify values"):
            url_for("hello")


def test_unrouted_target(url_app: App) -> None:
    def not_routed() -> str:
        return ""

    with url_app.test_request_context():
        with pytest.raises(LookupError, match="not_routed is not a routed view"):
            url_for(not_routed)


def test_inherited_verb_shared_by_two_views_is_ambiguous(url_app: App) -> None:
    views = _views(url_app)
    with url_app.test_request_context():
        with pytest.raises(
            LookupError,
            match=r"_Shared\.get is inherited by several routed views.*pass the view"
            r" class or its endpoint name",
        ):
            url_for(_Shared.get)
        assert url_for(views["one"]) == "/one"
        assert url_for(views["two"]) == "/two"
        assert url_for(_Shared) == "/shared"
        assert url_for("two") == "/two"


def test_value_a_converter_refuses_names_the_parameter(url_app: App) -> None:
    with url_app.test_request_context():
        with pytest.raises(
            ValueError, match=r"url_for\('post_list'\): the value 'maybe' for 'kind'"
        ):
            url_for("post_list", kind="maybe")
        with pytest.raises(ValueError, match=r"the value 'nope' for 'status'"):
            url_for("by_status", status="nope")


def test_url_for_in_a_view_and_redirect(url_app: App) -> None:
    @url_app.route("/go")
    def go() -> t.Any:
        return redirect(url_for("hello", name="there"))

    client: TestClient = url_app.test_client()
    response = client.get("/go", follow_redirects=True)
    assert response.text == "Hello there"


def test_query_strings_are_validated_like_requests(url_app: App) -> None:
    with url_app.test_request_context():
        assert url_for("post", post_id=1, page="2") == "/post/1?page=2"
        with pytest.raises(
            ValueError,
            match=r"the value 'two' for 'page' is not a non-negative integer",
        ):
            url_for("post", post_id=1, page="two")
        assert url_for("post_list", tags=[1, "b"]) == "/posts?tags=1&tags=b"
