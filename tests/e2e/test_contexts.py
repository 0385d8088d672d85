"""Contexts on contextvars: the proxies, ``g`` per request, and clear errors
outside a context."""

from __future__ import annotations

import threading
import typing as t

import pytest
from werkzeug.test import EnvironBuilder

from transom import App
from transom import View
from transom import current_app
from transom import g
from transom import has_app_context
from transom import has_request_context
from transom import request
from transom import session
from transom import typed_g
from transom import url_for
from transom.testing import TestClient
from transom.typing import JSONValue


class AppGlobals:
    user: str | None
    visits: int


appg = typed_g(AppGlobals)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("request", "Working outside of the request context"),
        ("session", "Working outside of the request context"),
        ("g", "Working outside of the application context"),
        ("current_app", "Working outside of the application context"),
    ],
)
def test_proxies_outside_a_context(name: str, message: str) -> None:
    proxy = {"request": request, "session": session, "g": g, "current_app": current_app}
    attribute = "anything"
    with pytest.raises(RuntimeError, match=message) as info:
        getattr(proxy[name], attribute)
    assert "with app." in str(info.value)


def test_has_app_context_and_has_request_context(app: App, client: TestClient) -> None:
    seen: list[tuple[bool, bool]] = []

    @app.route("/")
    def index() -> str:
        seen.append((has_app_context(), has_request_context()))
        return ""

    assert (has_app_context(), has_request_context()) == (False, False)
    with app.app_context():
        assert (has_app_context(), has_request_context()) == (True, False)
        with app.test_request_context():
            assert (has_app_context(), has_request_context()) == (True, True)
        assert (has_app_context(), has_request_context()) == (True, False)
    client.get("/")
    assert seen == [(True, True)]
    assert (has_app_context(), has_request_context()) == (False, False)


def test_request_proxy_outside_tells_how_to_fix() -> None:
    with pytest.raises(RuntimeError, match=r"app\.test_request_context\(\)"):
        request.args  # noqa: B018


def test_proxies_inside_a_request(app: App, client: TestClient) -> None:
    @app.route("/who/<name>")
    def who(name: str) -> dict[str, JSONValue]:
        return {
            "app": current_app.name,
            "same_app": current_app._get_current_object() is app,  # type: ignore[attr-defined]
            "path": request.path,
            "args": request.args.to_dict(),
            "endpoint": request.endpoint,
            "view_args": dict(request.view_args or {}),
            "request_class": type(request._get_current_object()).__name__,  # type: ignore[attr-defined]
        }

    assert client.get("/who/ada?x=1").json == {
        "app": "test_app",
        "same_app": True,
        "path": "/who/ada",
        "args": {"x": "1"},
        "endpoint": "who",
        "view_args": {"name": "ada"},
        "request_class": "Request",
    }


def test_g_is_fresh_for_each_request(app: App, client: TestClient) -> None:
    @app.route("/g")
    def read_g() -> dict[str, JSONValue]:
        before = g.get("counter")
        g.counter = (before or 0) + 1
        return {"before": before, "after": g.counter}

    assert client.get("/g").json == {"before": None, "after": 1}
    assert client.get("/g").json == {"before": None, "after": 1}


def test_g_helpers(app: App) -> None:
    with app.app_context():
        g.a = 1
        assert "a" in g
        assert g.get("a") == 1
        assert g.get("missing", "default") == "default"
        assert g.setdefault("b", 2) == 2
        assert g.setdefault("b", 3) == 2
        assert sorted(g) == ["a", "b"]
        assert g.pop("a") == 1
        assert g.pop("a", None) is None
        with pytest.raises(KeyError):
            g.pop("a")
        assert "b" in repr(g)


def test_typed_g_is_g(app: App, client: TestClient) -> None:
    @app.before_request
    def load_user() -> None:
        appg.user = request.args.get("user")
        appg.visits = 1

    @app.route("/me")
    def me() -> dict[str, JSONValue]:
        return {"user": appg.user, "via_g": g.user, "visits": appg.visits}

    assert client.get("/me?user=ada").json == {
        "user": "ada",
        "via_g": "ada",
        "visits": 1,
    }


def test_app_context(app: App) -> None:
    with app.app_context() as ctx:
        assert current_app.name == "test_app"
        g.value = "inside"
        assert ctx.g.value == "inside"
        with pytest.raises(RuntimeError, match="request context"):
            request.path  # noqa: B018
    with pytest.raises(RuntimeError):
        g.value  # noqa: B018


def test_nested_app_contexts_restore_the_outer_one() -> None:
    outer = App("outer", static_folder=None)
    inner = App("inner", static_folder=None)
    with outer.app_context():
        g.mark = "outer"
        with inner.app_context():
            assert current_app.name == "inner"
            assert g.get("mark") is None
        assert current_app.name == "outer"
        assert g.mark == "outer"


def test_test_request_context(app: App) -> None:
    @app.route("/items/<int:item_id>", methods=["GET", "POST"])
    def item(item_id: int) -> str:
        return ""

    with app.test_request_context(
        "/items/3?sort=asc", method="POST", headers={"X-Test": "1"}
    ):
        assert request.method == "POST"
        assert request.args["sort"] == "asc"
        assert request.headers["X-Test"] == "1"
        assert request.endpoint == "item"
        assert request.view_args == {"item_id": 3}
        assert url_for("item", item_id=4) == "/items/4"
        assert current_app.name == "test_app"


def test_test_request_context_for_unknown_path(app: App) -> None:
    with app.test_request_context("/nowhere"):
        assert request.endpoint is None
        assert request.view_args is None
        assert request.path == "/nowhere"


def test_request_context_from_environ(app: App) -> None:
    environ = EnvironBuilder("/raw", query_string="a=1").get_environ()
    with app.request_context(environ) as ctx:
        assert request.args["a"] == "1"
        assert ctx.environ is environ
        assert ctx.request is request._get_current_object()  # type: ignore[attr-defined]


def test_contexts_are_popped_after_a_request(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        return "x"

    client.get("/")
    with pytest.raises(RuntimeError):
        request.path  # noqa: B018
    with pytest.raises(RuntimeError):
        current_app.name  # noqa: B018


def test_contexts_are_popped_after_an_error(app: App, client: TestClient) -> None:
    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        client.get("/boom")
    with pytest.raises(RuntimeError, match="outside of the request context"):
        request.path  # noqa: B018


def test_each_thread_sees_its_own_request(app: App) -> None:
    seen: dict[str, str] = {}
    barrier = threading.Barrier(2, timeout=10)

    @app.route("/t/<name>")
    def named(name: str) -> str:
        barrier.wait()  # both requests are in flight at once
        seen[name] = request.path
        return name

    def fetch(name: str) -> None:
        app.test_client().get(f"/t/{name}")

    threads = [threading.Thread(target=fetch, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"a": "/t/a", "b": "/t/b"}


def test_view_can_read_the_current_view_instance_state(
    app: App, client: TestClient
) -> None:
    @app.route("/self")
    class SelfAware(View):
        def get(self) -> dict[str, JSONValue]:
            return {"cls": type(self).__name__, "endpoint": request.endpoint}

    assert client.get("/self").json == {"cls": "SelfAware", "endpoint": "self_aware"}


def test_current_app_is_typed_app(app: App) -> None:
    with app.app_context():
        the_app: App = current_app
        config: dict[str, t.Any] = the_app.config
        assert config is app.config
