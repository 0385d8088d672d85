"""transom.globals: the proxies and typed_g."""

from __future__ import annotations

import contextvars
import typing as t

import pytest

from transom import App
from transom.ctx import G
from transom.globals import current_app
from transom.globals import g
from transom.globals import request
from transom.globals import session
from transom.globals import typed_g
from transom.globals import typed_session
from transom.wrappers import Request


def test_proxies_follow_the_context(app: App) -> None:
    with app.test_request_context("/path?q=1"):
        assert request.path == "/path"
        assert current_app.name == "test_app"
        assert session.get("missing") is None
        g.x = 1
        assert g.x == 1
    with app.test_request_context("/other"):
        assert request.path == "/other"
        assert "x" not in g


def test_proxies_outside_a_context_raise_runtime_error() -> None:
    with pytest.raises(RuntimeError, match="outside of the request context"):
        request.path  # noqa: B018
    with pytest.raises(RuntimeError, match="outside of the request context"):
        session.get("x")
    with pytest.raises(RuntimeError, match="outside of the application context"):
        g.x  # noqa: B018
    with pytest.raises(RuntimeError, match="outside of the application context"):
        current_app.config  # noqa: B018


def test_proxies_set_and_read_items_and_attributes_of_their_object(app: App) -> None:
    app.secret_key = "k"
    with app.test_request_context("/?a=1"):
        session["n"] = 2
        assert session["n"] == 2
        assert session.modified
        assert request.args["a"] == "1"
        g.user = "ada"
        assert vars(g._get_current_object()) == {"user": "ada"}  # pyright: ignore[reportAttributeAccessIssue]
        name = "user"
        delattr(g, name)
        assert name not in g
        assert isinstance(request, Request)
        assert "n" in session
        with pytest.raises(AttributeError):
            getattr(request, "no_such_" + name)
    with pytest.raises(RuntimeError, match="outside of the request context"):
        session["n"] = 3
    with pytest.raises(RuntimeError, match="outside of the application context"):
        g.user = "grace"


def test_the_proxies_own_names_stay_theirs(app: App) -> None:
    own, private = "_get_current_object", "_load_form_data"
    with app.test_request_context("/"):
        real: object = getattr(request, own)()
        assert type(real) is Request
        assert request.__class__ is Request
        # A private name the proxy lacks is the object's.
        assert getattr(request, private) == getattr(real, private)
    # Outside a context, werkzeug's fallbacks still answer for the proxy.
    assert "unbound" in repr(request)
    assert request.__class__ is not Request
    assert not isinstance(request, Request)


def test_unbound_proxies_are_falsy() -> None:
    # werkzeug's LocalProxy: "if request:" tells whether a request is active.
    assert not t.cast(object, request)
    assert not t.cast(object, current_app)


def test_app_context_gives_g_and_current_app_but_no_request(app: App) -> None:
    with app.app_context():
        assert isinstance(g._get_current_object(), G)
        assert current_app._get_current_object() is app  # type: ignore[attr-defined]
        with pytest.raises(RuntimeError, match="request context"):
            request.method  # noqa: B018


def test_typed_g_returns_g_itself() -> None:
    class Globals:
        user: str

    assert t.cast(object, typed_g(Globals)) is g


def test_typed_session_returns_the_session_itself(app: App) -> None:
    class CartSession(t.TypedDict, total=False):
        items: list[str]

    app.secret_key = "test"
    with app.test_request_context("/"):
        cart = typed_session(CartSession)
        assert t.cast(object, cart) is session
        cart["items"] = ["apple"]
        assert session["items"] == ["apple"] and session.modified


def test_each_contextvars_context_sees_its_own_request(app: App) -> None:
    def path_in_fresh_context() -> str:
        with app.test_request_context("/inner"):
            return request.path

    with app.test_request_context("/outer"):
        inner = contextvars.copy_context().run(path_in_fresh_context)
        assert inner == "/inner"
        assert request.path == "/outer"
