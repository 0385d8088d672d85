"""transom.ctx: app and request contexts, pushed and popped explicitly."""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound
from werkzeug.test import EnvironBuilder

from transom import App
from transom import current_app
from transom import request
from transom._ctxvars import app_ctx_var
from transom._ctxvars import current_request_ctx
from transom.ctx import AppContext
from transom.ctx import G
from transom.ctx import PreservedContext
from transom.ctx import RequestContext
from transom.typing import JSONValue
from transom.wrappers import Request


def _environ(path: str = "/", **kwargs: object) -> dict[str, JSONValue]:
    return EnvironBuilder(path, **kwargs).get_environ()  # type: ignore[arg-type]


@pytest.fixture
def routed(app: App) -> App:
    @app.route("/items/<int:n>")
    def item(n: int) -> str:
        return str(n)

    return app


def test_g_namespace() -> None:
    g = G()
    g.x = 1
    assert g.get("x") == 1 and "x" in g and list(g) == ["x"]
    assert g.setdefault("y", 2) == 2
    assert g.pop("y") == 2
    assert g.pop("y", "gone") == "gone"
    assert repr(g) == "<transom.g {'x': 1}>"


def test_app_context_push_pop(app: App) -> None:
    ctx = AppContext(app)
    assert app_ctx_var.get(None) is None
    ctx.push()
    assert app_ctx_var.get() is ctx
    ctx.pop()
    assert app_ctx_var.get(None) is None


def test_app_context_teardown_runs_once_when_pushed_twice(app: App) -> None:
    calls: list[BaseException | None] = []
    app.teardown_appcontext(calls.append)
    ctx = app.app_context()
    ctx.push()
    ctx.push()
    ctx.pop()
    assert calls == []
    ctx.pop()
    assert calls == [None]


def test_g_is_made_on_first_read_and_kept(app: App) -> None:
    class AppG(G):
        pass

    app.g_class = AppG
    ctx = AppContext(app)
    assert "g" not in vars(ctx)  # a request that never reads g does not make one
    g = ctx.g
    assert type(g) is AppG and ctx.g is g
    replaced = G()
    ctx.g = replaced
    assert ctx.g is replaced
    assert not isinstance(AppContext.g, G)  # the class gives the descriptor


def test_request_context_matches_on_push(routed: App) -> None:
    ctx = RequestContext(routed, _environ("/items/3"))
    before = ctx.route
    assert before is None
    with ctx:
        assert ctx.route is not None and ctx.route.endpoint == "item"
        assert ctx.view_args == {"n": 3}
        assert ctx.request.endpoint == "item"
        assert ctx.routing_exception is None
    assert current_request_ctx() is None


def test_routing_error_is_kept_and_raised_again(routed: App) -> None:
    with RequestContext(routed, _environ("/items/x")) as ctx:
        assert isinstance(ctx.routing_exception, NotFound)
        with pytest.raises(NotFound):
            ctx.match_request()
        assert ctx.request.endpoint is None


def test_match_request_is_cached(routed: App) -> None:
    ctx = RequestContext(routed, _environ("/items/1"))
    first = ctx.match_request()
    assert ctx.match_request() is first


def test_request_created_before_matching_is_updated(routed: App) -> None:
    ctx = RequestContext(routed, _environ("/items/4"))
    request = ctx.request
    before = request.endpoint
    assert before is None
    ctx.match_request()
    assert request.endpoint == "item"
    assert request.view_args == {"n": 4}


def test_unexpected_matching_error_is_raised_at_dispatch(app: App) -> None:
    app.config["SERVER_NAME"] = "example.com"  # matching goes through an adapter
    ctx = RequestContext(app, _environ("/", base_url="http://example.com"))

    def broken(adapter: object) -> None:
        raise RuntimeError("adapter broke")

    app.router.match = broken  # type: ignore[assignment, method-assign]
    ctx.push()  # must not fail, or the context could never be popped
    try:
        with pytest.raises(RuntimeError, match="adapter broke"):
            ctx.match_request()
    finally:
        ctx.pop()
    assert current_request_ctx() is None


def test_request_context_owns_a_fresh_app_context(app: App) -> None:
    first = RequestContext(app, _environ())
    second = RequestContext(app, _environ())
    assert first.app_ctx is not second.app_ctx
    assert first.app_ctx.g is not second.app_ctx.g


def test_teardown_hooks_receive_the_error(app: App) -> None:
    seen: list[BaseException | None] = []
    app.teardown_request(seen.append)
    app.teardown_appcontext(seen.append)
    error = ValueError("x")
    ctx = RequestContext(app, _environ())
    ctx.push()
    ctx.pop(error)
    assert seen == [error, error]


def test_contexts_restore_the_previous_one(app: App) -> None:
    other = App("other", static_folder=None)
    with RequestContext(app, _environ("/outer")) as outer:
        with RequestContext(other, _environ("/inner")) as inner:
            assert current_request_ctx() is inner
            assert app_ctx_var.get().app is other
        assert current_request_ctx() is outer
        assert app_ctx_var.get().app is app


def test_an_app_context_pushed_in_a_request_keeps_the_request(app: App) -> None:
    other = App("other", static_folder=None)
    with RequestContext(app, _environ("/outer")) as ctx:
        with other.app_context():
            assert current_request_ctx() is ctx
            assert request.path == "/outer"
            assert app_ctx_var.get().app is other
        assert current_request_ctx() is ctx
    assert current_request_ctx() is None


def test_an_app_context_pushed_again_forgets_a_finished_request(app: App) -> None:
    app_ctx = app.app_context()
    with app_ctx:
        with RequestContext(app, _environ("/inner")) as ctx:
            with app_ctx:
                assert current_request_ctx() is ctx
            assert current_request_ctx() is ctx
        assert current_request_ctx() is None
        with pytest.raises(RuntimeError, match="outside of the request context"):
            request.path  # noqa: B018
    assert app_ctx_var.get(None) is None


def test_a_request_context_pushed_twice_stays_until_its_last_pop(app: App) -> None:
    seen: list[BaseException | None] = []
    app.teardown_request(seen.append)
    ctx = RequestContext(app, _environ("/twice"))
    ctx.push()
    ctx.push()
    ctx.pop()
    assert current_request_ctx() is ctx and request.path == "/twice"
    assert seen == []
    ctx.pop()
    assert current_request_ctx() is None and app_ctx_var.get(None) is None
    assert seen == [None]


def test_teardown_hooks_see_the_request_they_ran_in(app: App) -> None:
    # teardown_request hooks run in the request; teardown_appcontext hooks
    # after it, in whatever request was current before it (none, or an
    # enclosing one).
    seen: list[tuple[str, str, RequestContext | None]] = []

    @app.teardown_request
    def in_request(error: BaseException | None) -> None:
        seen.append(("request", request.path, current_request_ctx()))

    @app.teardown_appcontext
    def in_app(error: BaseException | None) -> None:
        seen.append(("app", current_app.name, current_request_ctx()))

    with RequestContext(app, _environ("/outer")) as outer:
        with RequestContext(app, _environ("/inner")) as inner:
            pass
        assert seen == [("request", "/inner", inner), ("app", "test_app", outer)]
    assert seen[2:] == [("request", "/outer", outer), ("app", "test_app", None)]


def test_session_is_opened_on_first_use(app: App) -> None:
    ctx = RequestContext(app, _environ())
    before = ctx.session_opened
    assert before is None
    session = ctx.session
    assert ctx.session_opened is session
    assert ctx.session is session


@pytest.mark.parametrize(
    ("server_name", "base_url", "matches"),
    [
        ("example.com", "http://example.com", True),
        ("example.com:80", "http://example.com", True),
        ("example.com:443", "https://example.com", True),
        ("Example.COM", "http://example.com", True),
        ("example.com", "http://api.example.com", False),  # a subdomain
        # Outside SERVER_NAME: the default subdomain, as Flask on werkzeug 3.2.
        ("example.com", "http://example.com:8080", True),
        ("example.com", "http://evil.test", True),
    ],
)
def test_server_name_decides_the_subdomain(
    routed: App, server_name: str, base_url: str, matches: bool
) -> None:
    routed.subdomain_matching = True
    routed.config["SERVER_NAME"] = server_name
    with RequestContext(routed, _environ("/items/1", base_url=base_url)) as ctx:
        assert (ctx.route is not None) is matches


@pytest.mark.parametrize(
    "base_url", ["http://example.com", "http://api.example.com", "http://evil.test"]
)
def test_server_name_restricts_nothing_without_subdomain_matching(
    routed: App, base_url: str
) -> None:
    # As Flask 3.1: SERVER_NAME only names the host of URLs built.
    routed.config["SERVER_NAME"] = "example.com"
    with RequestContext(routed, _environ("/items/1", base_url=base_url)) as ctx:
        assert ctx.route is not None
        assert ctx.url_adapter.server_name == "example.com"


def test_args_before_the_request_are_the_request_args() -> None:
    app = App("unit_ctx_args", static_folder=None)
    with app.test_request_context("/?a=1&a=2&b=%20") as ctx:
        args = ctx.args
        assert args.getlist("a") == ["1", "2"] and args["b"] == " "
        assert ctx.request.args is args
        assert ctx.args is args


def test_query_is_what_request_args_holds() -> None:
    app = App("unit_ctx_args", static_folder=None)
    with app.test_request_context("/?a=1&b=%20&a=2") as ctx:
        query = ctx.query
        assert dict(query) == {"a": ["1", "2"], "b": [" "]}
        assert ctx.query is query
        assert dict(ctx.args.lists()) == dict(query)
        assert dict(ctx.request.args.lists()) == dict(query)


def test_query_after_the_request_reads_its_args() -> None:
    app = App("unit_ctx_args", static_folder=None)
    with app.test_request_context("/?a=1") as ctx:
        vars(ctx.request)["args"] = ImmutableMultiDict([("a", "changed")])
        assert dict(ctx.query) == {"a": ["changed"]}


def test_a_mutable_args_class_does_not_share_the_query_lists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Request, "parameter_storage_class", MultiDict)
    app = App("unit_ctx_args", static_folder=None)
    with app.test_request_context("/?a=1") as ctx:
        query = ctx.query
        args = ctx.args
        assert type(args) is MultiDict
        args.add("a", "2")
        assert list(query["a"]) == ["1"]


def test_args_after_the_request_are_the_request_args() -> None:
    app = App("unit_ctx_args", static_folder=None)
    with app.test_request_context("/?a=1") as ctx:
        assert ctx.args is ctx.request.args


def test_args_of_a_custom_request_class_come_from_it() -> None:
    made: list[Request] = []

    class Custom(Request):
        def __init__(self, environ: dict[str, t.Any]) -> None:
            super().__init__(environ)
            made.append(self)

    app = App("unit_ctx_args", static_folder=None)
    app.request_class = Custom
    with app.test_request_context("/?a=1") as ctx:
        args = ctx.args
        assert len(made) == 1
        assert made[0].args is args
        assert ctx.request is made[0]


# -- contexts entered again after they ended (PreservedContext) -------------------


def test_a_preserved_context_runs_no_teardown(app: App) -> None:
    calls: list[str] = []

    @app.teardown_request
    def request_ends(error: BaseException | None) -> None:
        calls.append("request")

    @app.teardown_appcontext
    def app_context_ends(error: BaseException | None) -> None:
        calls.append("app")

    ctx = app.test_request_context("/kept")
    ctx.push()
    ctx.pop()
    assert calls == ["request", "app"]
    preserved = PreservedContext(ctx)
    for _ in range(2):
        with preserved as entered:
            assert entered is ctx
            assert request.path == "/kept"
        assert current_request_ctx() is None and app_ctx_var.get(None) is None
    assert calls == ["request", "app"]
    assert repr(preserved) == "<PreservedContext '/kept'>"


def test_a_preserved_push_does_not_count_for_the_last_pop(app: App) -> None:
    """A context still held elsewhere (a streamed body's push) runs its
    teardown when that push is popped, whether the preserved push is popped
    before or after it."""
    calls: list[str] = []

    @app.teardown_request
    def request_ends(error: BaseException | None) -> None:
        calls.append("request")

    for preserved_first in (True, False):
        calls.clear()
        ctx = app.test_request_context("/")
        ctx.push()  # held elsewhere
        ctx.push_preserved()
        if preserved_first:
            ctx.pop_preserved()
            assert calls == []
            ctx.pop()
        else:
            ctx.pop()
            assert calls == ["request"]
            ctx.pop_preserved()
        assert calls == ["request"]
        assert current_request_ctx() is None and app_ctx_var.get(None) is None


def test_an_app_context_preserved(app: App) -> None:
    calls: list[str] = []

    @app.teardown_appcontext
    def app_context_ends(error: BaseException | None) -> None:
        calls.append("app")

    ctx = app.app_context()
    ctx.push()
    ctx.push_preserved()
    ctx.pop()
    assert calls == ["app"] and current_app.name == app.name
    ctx.pop_preserved()
    assert calls == ["app"] and app_ctx_var.get(None) is None
