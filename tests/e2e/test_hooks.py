"""Request hooks: before, after, teardown, and their order."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import Forbidden

from transom import App
from transom import Blueprint
from transom import Response
from transom import View
from transom import abort
from transom import after_this_request
from transom import g
from transom import request
from transom._ctxvars import app_ctx_var
from transom.testing import TestClient


def test_order_of_hooks(app: App, client: TestClient) -> None:
    calls: list[str] = []

    @app.before_request
    def before_one() -> None:
        calls.append("before 1")

    @app.before_request
    def before_two() -> None:
        calls.append("before 2")

    @app.after_request
    def after_one(response: Response) -> Response:
        calls.append("after 1")
        return response

    @app.after_request
    def after_two(response: Response) -> Response:
        calls.append("after 2")
        return response

    @app.teardown_request
    def teardown_one(error: BaseException | None) -> None:
        calls.append("teardown 1")

    @app.teardown_request
    def teardown_two(error: BaseException | None) -> None:
        calls.append("teardown 2")

    @app.teardown_appcontext
    def teardown_app(error: BaseException | None) -> None:
        calls.append("teardown app")

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            calls.append("view")
            return "ok"

    assert client.get("/").text == "ok"
    assert calls == [
        "before 1",
        "before 2",
        "view",
        "after 2",
        "after 1",
        "teardown 2",
        "teardown 1",
        "teardown app",
    ]


def test_before_request_can_answer(app: App, client: TestClient) -> None:
    views: list[str] = []
    later: list[str] = []

    @app.before_request
    def gate() -> tuple[str, int] | None:
        if request.args.get("token") != "ok":
            return "denied", 401
        return None

    @app.before_request
    def never_when_denied() -> None:
        later.append("ran")

    @app.after_request
    def mark(response: Response) -> Response:
        response.headers["X-After"] = "yes"
        return response

    @app.route("/")
    def index() -> str:
        views.append("view")
        return "secret"

    denied = client.get("/")
    assert (denied.status_code, denied.text) == (401, "denied")
    assert denied.headers["X-After"] == "yes"
    assert views == [] and later == []
    assert client.get("/?token=ok").text == "secret"
    assert views == ["view"] and later == ["ran"]


def test_before_request_sees_the_matched_route(app: App, client: TestClient) -> None:
    seen: list[object] = []

    @app.before_request
    def record() -> None:
        seen.append((request.endpoint, request.view_args))

    @app.route("/items/<int:item_id>")
    def item(item_id: int) -> str:
        return str(item_id)

    client.get("/items/4")
    client.get("/missing")
    assert seen == [("item", {"item_id": 4}), (None, None)]


def test_hooks_run_for_a_404(app: App, client: TestClient) -> None:
    calls: list[str] = []

    @app.before_request
    def before() -> None:
        calls.append("before")

    @app.after_request
    def after(response: Response) -> Response:
        calls.append(f"after {response.status_code}")
        return response

    assert client.get("/nowhere").status_code == 404
    assert calls == ["before", "after 404"]


def test_before_request_may_abort(app: App, client: TestClient) -> None:
    @app.before_request
    def forbid() -> None:
        if request.path.startswith("/admin"):
            abort(403)

    @app.errorhandler(Forbidden)
    def forbidden(e: Forbidden) -> tuple[str, int]:
        return "go away", 403

    @app.route("/admin/panel")
    def panel() -> str:
        return "panel"

    response = client.get("/admin/panel")
    assert (response.status_code, response.text) == (403, "go away")


def test_after_request_can_replace_the_response(app: App, client: TestClient) -> None:
    @app.after_request
    def replace(response: Response) -> Response:
        return Response("replaced", status=203)

    @app.route("/")
    def index() -> str:
        return "original"

    response = client.get("/")
    assert (response.status_code, response.text) == (203, "replaced")


def test_after_this_request(app: App, client: TestClient) -> None:
    @app.route("/cookie")
    def cookie() -> str:
        @after_this_request
        def remember(response: Response) -> Response:
            response.set_cookie("visited", "1")
            return response

        return "set"

    @app.route("/plain")
    def plain() -> str:
        return "plain"

    assert "visited=1" in client.get("/cookie").headers["Set-Cookie"]
    assert "Set-Cookie" not in client.get("/plain").headers


def test_after_this_request_outside_a_request() -> None:
    def hook(response: Response) -> Response:
        return response

    with pytest.raises(RuntimeError, match="outside of the request context"):
        after_this_request(hook)


def test_teardown_receives_the_error(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[BaseException | None] = []
    app.testing = False
    # The logger is shared by every app of that name: quiet it for this test only.
    monkeypatch.setattr(app.logger, "disabled", True)

    @app.teardown_request
    def record(error: BaseException | None) -> None:
        errors.append(error)

    @app.route("/boom")
    def boom() -> str:
        raise KeyError("lost")

    @app.route("/fine")
    def fine() -> str:
        return "fine"

    client = app.test_client()
    assert client.get("/boom").status_code == 500
    assert client.get("/fine").status_code == 200
    assert isinstance(errors[0], KeyError)
    assert errors[1] is None


def test_teardown_runs_when_the_error_propagates(app: App, client: TestClient) -> None:
    torn_down: list[str] = []

    @app.teardown_request
    def request_done(error: BaseException | None) -> None:
        torn_down.append(f"request {type(error).__name__}")

    @app.teardown_appcontext
    def app_done(error: BaseException | None) -> None:
        torn_down.append(f"app {type(error).__name__}")

    @app.route("/boom")
    def boom() -> str:
        raise ValueError("propagated")

    with pytest.raises(ValueError, match="propagated"):
        client.get("/boom")
    assert torn_down == ["request ValueError", "app ValueError"]


def test_every_teardown_hook_runs_when_one_fails(app: App, client: TestClient) -> None:
    # A hook that fails must not keep the others from closing what they
    # opened (a database connection, a file).
    calls: list[str] = []
    bp = Blueprint("bp", __name__)

    @bp.teardown_request
    def bp_first(error: BaseException | None) -> None:
        calls.append("blueprint")
        raise KeyError("blueprint teardown")

    @app.teardown_request
    def closes(error: BaseException | None) -> None:
        calls.append("request")

    @app.teardown_request
    def fails(error: BaseException | None) -> None:
        calls.append("failing request")
        raise ValueError("request teardown")

    @app.teardown_appcontext
    def app_done(error: BaseException | None) -> None:
        calls.append("app")

    @bp.route("/")
    def index() -> str:
        return "fine"

    @app.route("/")
    def top() -> str:
        return "fine"

    app.register_blueprint(bp, url_prefix="/bp")
    # One failure is raised as it is.
    with pytest.raises(ValueError, match="request teardown"):
        client.get("/")
    assert calls == ["failing request", "request", "app"]
    calls.clear()
    # Several are raised together, once every hook ran.
    with pytest.raises(ExceptionGroup, match="2 teardown hooks failed") as caught:
        client.get("/bp/")
    assert calls == ["blueprint", "failing request", "request", "app"]
    assert [type(e) for e in caught.value.exceptions] == [KeyError, ValueError]


def test_every_app_teardown_hook_runs_when_one_fails(app: App) -> None:
    calls: list[str] = []

    @app.teardown_appcontext
    def closes(error: BaseException | None) -> None:
        calls.append("closes")

    @app.teardown_appcontext
    def fails(error: BaseException | None) -> None:
        calls.append("fails")
        raise ValueError("app teardown")

    with pytest.raises(ValueError, match="app teardown"):
        with app.app_context():
            pass
    assert calls == ["fails", "closes"]
    # The context was popped all the same.
    assert app_ctx_var.get(None) is None


def test_teardown_appcontext_on_plain_app_context(app: App) -> None:
    calls: list[BaseException | None] = []

    @app.teardown_appcontext
    def done(error: BaseException | None) -> None:
        calls.append(error)

    with app.app_context():
        pass
    with pytest.raises(LookupError):
        with app.app_context():
            raise LookupError("inside")
    assert calls[0] is None
    assert isinstance(calls[1], LookupError)


def test_g_set_in_before_request_reaches_the_view(app: App, client: TestClient) -> None:
    @app.before_request
    def load() -> None:
        g.user = request.headers.get("X-User", "anonymous")

    @app.route("/")
    def index() -> str:
        return str(g.user)

    assert client.get("/", headers={"X-User": "ada"}).text == "ada"
    assert client.get("/").text == "anonymous"


def test_hook_decorators_return_the_function(app: App) -> None:
    def before() -> None:
        return None

    def after(response: Response) -> Response:
        return response

    def teardown(error: BaseException | None) -> None:
        return None

    assert app.before_request(before) is before
    assert app.after_request(after) is after
    assert app.teardown_request(teardown) is teardown
    assert app.teardown_appcontext(teardown) is teardown
