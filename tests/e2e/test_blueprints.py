"""Blueprints through the test client: Flask's own blueprint cases, read
as the specification, and what transom adds (typed views, validation at
registration)."""

from __future__ import annotations

import pathlib

import pytest

from transom import App
from transom import Blueprint
from transom import Response
from transom import View
from transom import abort
from transom import g
from transom import render_template
from transom import render_template_string
from transom import request
from transom import url_for
from transom.exceptions import DuplicateEndpointError
from transom.exceptions import RouteError
from transom.exceptions import TransomError
from transom.testing import TestClient
from transom.typing import JSONValue


def test_blueprint_specific_error_handling(app: App, client: TestClient) -> None:
    frontend = Blueprint("frontend", __name__)
    backend = Blueprint("backend", __name__)
    sideend = Blueprint("sideend", __name__)

    @frontend.errorhandler(403)
    def frontend_forbidden(e: Exception) -> tuple[str, int]:
        return "frontend says no", 403

    @frontend.route("/frontend-no")
    def frontend_no() -> str:
        abort(403)

    @backend.errorhandler(403)
    def backend_forbidden(e: Exception) -> tuple[str, int]:
        return "backend says no", 403

    @backend.route("/backend-no")
    def backend_no() -> str:
        abort(403)

    @sideend.route("/what-is-a-sideend")
    def sideend_no() -> str:
        abort(403)

    app.register_blueprint(frontend)
    app.register_blueprint(backend)
    app.register_blueprint(sideend)

    @app.errorhandler(403)
    def app_forbidden(e: Exception) -> tuple[str, int]:
        return "application itself says no", 403

    assert client.get("/frontend-no").data == b"frontend says no"
    assert client.get("/backend-no").data == b"backend says no"
    assert client.get("/what-is-a-sideend").data == b"application itself says no"


def test_blueprint_specific_user_error_handling(app: App, client: TestClient) -> None:
    class DecoratorError(Exception):
        pass

    class FunctionError(Exception):
        pass

    blue = Blueprint("blue", __name__)

    @blue.errorhandler(DecoratorError)
    def decorator_handler(e: DecoratorError) -> str:
        return "boom"

    def function_handler(e: FunctionError) -> str:
        return "bam"

    blue.register_error_handler(FunctionError, function_handler)

    @blue.route("/decorator")
    def deco() -> str:
        raise DecoratorError()

    @blue.route("/function")
    def func() -> str:
        raise FunctionError()

    app.register_blueprint(blue)
    assert client.get("/decorator").data == b"boom"
    assert client.get("/function").data == b"bam"


def test_blueprint_app_error_handling(app: App, client: TestClient) -> None:
    errors = Blueprint("errors", __name__)

    @errors.app_errorhandler(403)
    def forbidden_handler(e: Exception) -> tuple[str, int]:
        return "you shall not pass", 403

    @app.route("/forbidden")
    def app_forbidden() -> str:
        abort(403)

    forbidden_bp = Blueprint("forbidden_bp", __name__)

    @forbidden_bp.route("/nope")
    def bp_forbidden() -> str:
        abort(403)

    app.register_blueprint(errors)
    app.register_blueprint(forbidden_bp)
    assert client.get("/forbidden").data == b"you shall not pass"
    assert client.get("/nope").data == b"you shall not pass"


def test_status_handlers_of_every_scope_come_before_class_handlers(
    app: App, client: TestClient
) -> None:
    bp = Blueprint("bp", __name__)

    @bp.errorhandler(Exception)
    def bp_any(e: Exception) -> str:
        return "bp any"

    @bp.route("/gone")
    def gone() -> str:
        abort(410)

    @bp.route("/boom")
    def boom() -> str:
        raise KeyError("x")

    @app.errorhandler(410)
    def app_gone(e: Exception) -> str:
        return "app 410"

    @app.errorhandler(KeyError)
    def app_key(e: Exception) -> str:
        return "app KeyError"

    app.register_blueprint(bp)
    # As in Flask: the app's handler of the status wins over the
    # blueprint's handler of a base class; for a class, the blueprint's
    # handler of any class in the MRO wins over the app's.
    assert client.get("/gone").text == "app 410"
    assert client.get("/boom").text == "bp any"


@pytest.mark.parametrize(
    ("prefix", "rule", "url"),
    [
        ("", "/", "/"),
        ("/", "", "/"),
        ("/", "/", "/"),
        ("/foo", "", "/foo"),
        ("/foo/", "", "/foo/"),
        ("", "/bar", "/bar"),
        ("/foo/", "/bar", "/foo/bar"),
        ("/foo/", "bar", "/foo/bar"),
        ("/foo", "/bar", "/foo/bar"),
        ("/foo/", "//bar", "/foo/bar"),
        ("/foo//", "/bar", "/foo/bar"),
    ],
)
def test_blueprint_prefix_slash(
    app: App, client: TestClient, prefix: str, rule: str, url: str
) -> None:
    bp = Blueprint("test", __name__, url_prefix=prefix)

    @bp.route(rule)
    def index() -> tuple[str, int]:
        return "", 204

    app.register_blueprint(bp)
    assert client.get(url).status_code == 204


def test_blueprint_url_defaults(app: App, client: TestClient) -> None:
    bp = Blueprint("test", __name__)

    @bp.route("/bar")
    def bar(bar: int) -> str:
        return str(bar)

    app.register_blueprint(bp, url_prefix="/1", url_defaults={"bar": 23})
    app.register_blueprint(bp, name="test2", url_prefix="/2", url_defaults={"bar": 19})
    assert client.get("/1/bar").data == b"23"
    assert client.get("/2/bar").data == b"19"
    with app.test_request_context():
        assert url_for("test2.bar") == "/2/bar"


def test_url_defaults_a_view_does_not_accept_fail_at_registration(app: App) -> None:
    bp = Blueprint("test", __name__, url_defaults={"bar": 1})

    @bp.route("/x")
    def x() -> str:
        return ""

    with pytest.raises(RouteError, match="'bar'"):
        app.register_blueprint(bp)


def test_blueprint_url_processors(app: App, client: TestClient) -> None:
    bp = Blueprint("frontend", __name__, url_prefix="/<lang_code>")

    @bp.url_defaults
    def add_language_code(endpoint: str, values: dict[str, object]) -> None:
        values.setdefault("lang_code", g.lang_code)

    @bp.url_value_preprocessor
    def pull_lang_code(endpoint: str | None, values: dict[str, object] | None) -> None:
        assert values is not None
        g.lang_code = values["lang_code"]

    # Unlike Flask, a view accepts every variable of its rule, prefix
    # included (the preprocessor reads it rather than popping it).
    @bp.route("/")
    def index(lang_code: str) -> str:
        return url_for(".about")

    @bp.route("/about")
    def about(lang_code: str) -> str:
        return url_for(".index")

    app.register_blueprint(bp)
    assert client.get("/de/").data == b"/de/about"
    assert client.get("/de/about").data == b"/de/"


def test_url_value_preprocessor_changes_what_the_view_receives(
    app: App, client: TestClient
) -> None:
    bp = Blueprint("bp", __name__)

    @bp.url_value_preprocessor
    def double(endpoint: str | None, values: dict[str, object] | None) -> None:
        assert values is not None and endpoint == "bp.show"
        values["n"] = t_int(values["n"]) * 2

    @bp.route("/<n>")
    def show(n: int) -> str:
        return str(n)

    app.register_blueprint(bp)
    assert client.get("/21").text == "42"


def t_int(value: object) -> int:
    assert isinstance(value, int)
    return value


def test_app_url_processors(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__)

    @bp.app_url_defaults
    def add_language_code(endpoint: str, values: dict[str, object]) -> None:
        values.setdefault("lang_code", g.lang_code)

    @bp.app_url_value_preprocessor
    def pull_lang_code(endpoint: str | None, values: dict[str, object] | None) -> None:
        assert values is not None
        g.lang_code = values["lang_code"]

    @app.route("/<lang_code>/")
    def index(lang_code: str) -> str:
        return url_for("about")

    @app.route("/<lang_code>/about")
    def about(lang_code: str) -> str:
        return url_for("index")

    app.register_blueprint(bp)
    assert client.get("/de/").data == b"/de/about"
    assert client.get("/de/about").data == b"/de/"


def test_dotted_name_not_allowed() -> None:
    with pytest.raises(ValueError, match="contains a dot.*'app_ui'"):
        Blueprint("app.ui", __name__)


def test_dotted_name_from_register_option_not_allowed(app: App) -> None:
    bp = Blueprint("bp", __name__)
    with pytest.raises(ValueError, match="contains a dot"):
        app.register_blueprint(bp, name="app.ui")


def test_empty_name_not_allowed() -> None:
    with pytest.raises(ValueError, match="not a non-empty string"):
        Blueprint("", __name__)


def test_dotted_names_from_app(app: App, client: TestClient) -> None:
    test = Blueprint("test", __name__)

    @app.route("/")
    def app_index() -> str:
        return url_for("test.index")

    @test.route("/test/")
    def index() -> str:
        return url_for("app_index")

    app.register_blueprint(test)
    assert client.get("/").data == b"/test/"
    assert client.get("/test/").data == b"/"


def test_route_decorator_custom_endpoint(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__)

    @bp.route("/foo")
    def foo() -> str:
        return request.endpoint or ""

    @bp.route("/bar", endpoint="bar")
    def foo_bar() -> str:
        return request.endpoint or ""

    @bp.route("/bar/123", endpoint="123")
    def foo_bar_foo() -> str:
        return request.endpoint or ""

    @bp.route("/bar/foo")
    def bar_foo() -> str:
        return request.endpoint or ""

    app.register_blueprint(bp, url_prefix="/py")

    @app.route("/")
    def index() -> str:
        return request.endpoint or ""

    assert client.get("/").data == b"index"
    assert client.get("/py/foo").data == b"bp.foo"
    assert client.get("/py/bar").data == b"bp.bar"
    assert client.get("/py/bar/123").data == b"bp.123"
    assert client.get("/py/bar/foo").data == b"bp.bar_foo"


def test_route_decorator_custom_endpoint_with_dots() -> None:
    bp = Blueprint("bp", __name__)

    def view() -> str:
        return ""

    with pytest.raises(ValueError, match="contains a dot"):
        bp.route("/", endpoint="a.b")(view)
    with pytest.raises(ValueError, match="contains a dot"):
        bp.add_url_rule("/", endpoint="a.b", view_func=view)
    view.__name__ = "a.b"
    with pytest.raises(ValueError, match="contains a dot"):
        bp.add_url_rule("/", view_func=view)


def test_endpoint_decorator(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__)
    bp.add_url_rule("/foo", endpoint="bar")

    @bp.endpoint("bar")
    def foobar() -> str:
        return request.endpoint or ""

    app.register_blueprint(bp, url_prefix="/bp_prefix")
    assert client.get("/bp_prefix/foo").data == b"bp.bar"
    assert client.get("/bp_prefix/bar").status_code == 404


def test_context_processing(app: App, client: TestClient) -> None:
    answer_bp = Blueprint("answer_bp", __name__)

    def template_string() -> str:
        return render_template_string(
            "{% if notanswer %}{{ notanswer }} is not the answer. {% endif %}"
            "{% if answer %}{{ answer }} is the answer.{% endif %}"
        )

    @answer_bp.app_context_processor
    def not_answer_context_processor() -> dict[str, JSONValue]:
        return {"notanswer": 43}

    @answer_bp.context_processor
    def answer_context_processor() -> dict[str, JSONValue]:
        return {"answer": 42}

    @answer_bp.route("/bp")
    def bp_page() -> str:
        return template_string()

    @app.route("/")
    def app_page() -> str:
        return template_string()

    app.register_blueprint(answer_bp)
    app_page_bytes = client.get("/").data
    answer_page_bytes = client.get("/bp").data
    assert b"43" in app_page_bytes
    assert b"42" not in app_page_bytes
    assert b"42" in answer_page_bytes
    assert b"43" in answer_page_bytes


def test_template_global(app: App) -> None:
    bp = Blueprint("bp", __name__)

    @bp.app_template_global()
    def get_answer() -> int:
        return 42

    @bp.app_template_global("custom_name")
    def get_stuff() -> str:
        return "stuff"

    assert "get_answer" not in app.jinja_env.globals
    app.register_blueprint(bp)
    assert app.jinja_env.globals["get_answer"] is get_answer
    with app.app_context():
        assert render_template_string("{{ get_answer() }}") == "42"
        assert render_template_string("{{ custom_name() }}") == "stuff"


def test_request_processing(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__)
    evts: list[str] = []

    @bp.before_request
    def before_bp() -> None:
        evts.append("before")

    @bp.after_request
    def after_bp(response: Response) -> Response:
        response.data += b"|after"
        evts.append("after")
        return response

    @bp.teardown_request
    def teardown_bp(exc: BaseException | None) -> None:
        evts.append("teardown")

    @bp.route("/bp")
    def bp_endpoint() -> str:
        return "request"

    @app.route("/app")
    def app_endpoint() -> str:
        return "app"

    app.register_blueprint(bp)
    assert evts == []
    assert client.get("/bp").data == b"request|after"
    assert evts == ["before", "after", "teardown"]
    # The blueprint's hooks are for its routes only.
    assert client.get("/app").data == b"app"
    assert client.get("/nowhere").status_code == 404
    assert evts == ["before", "after", "teardown"]


def test_app_request_processing(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__)
    evts: list[str] = []

    @bp.before_app_request
    def before_app() -> None:
        evts.append("before")

    @bp.after_app_request
    def after_app(response: Response) -> Response:
        response.data += b"|after"
        evts.append("after")
        return response

    @bp.teardown_app_request
    def teardown_app(exc: BaseException | None) -> None:
        evts.append("teardown")

    app.register_blueprint(bp)
    # Registered twice, the app-wide hooks are added once.
    app.register_blueprint(bp, name="again")

    @app.route("/")
    def bp_endpoint() -> str:
        return "request"

    assert evts == []
    assert client.get("/").data == b"request|after"
    assert evts == ["before", "after", "teardown"]
    assert client.get("/").data == b"request|after"
    assert evts == ["before", "after", "teardown"] * 2


def test_nested_blueprint(app: App, client: TestClient) -> None:
    parent = Blueprint("parent", __name__)
    child = Blueprint("child", __name__)
    grandchild = Blueprint("grandchild", __name__)

    @parent.errorhandler(403)
    def forbidden(e: Exception) -> tuple[str, int]:
        return "Parent no", 403

    @parent.route("/")
    def parent_index() -> str:
        return "Parent yes"

    @parent.route("/no")
    def parent_no() -> str:
        abort(403)

    @child.route("/")
    def child_index() -> str:
        return "Child yes"

    @child.route("/no")
    def child_no() -> str:
        abort(403)

    @grandchild.errorhandler(403)
    def grandchild_forbidden(e: Exception) -> tuple[str, int]:
        return "Grandchild no", 403

    @grandchild.route("/")
    def grandchild_index() -> str:
        return "Grandchild yes"

    @grandchild.route("/no")
    def grandchild_no() -> str:
        abort(403)

    child.register_blueprint(grandchild, url_prefix="/grandchild")
    parent.register_blueprint(child, url_prefix="/child")
    app.register_blueprint(parent, url_prefix="/parent")

    assert client.get("/parent/").data == b"Parent yes"
    assert client.get("/parent/child/").data == b"Child yes"
    assert client.get("/parent/child/grandchild/").data == b"Grandchild yes"
    assert client.get("/parent/no").data == b"Parent no"
    assert client.get("/parent/child/no").data == b"Parent no"
    assert client.get("/parent/child/grandchild/no").data == b"Grandchild no"
    with app.test_request_context():
        assert url_for("parent.child.grandchild.grandchild_index") == (
            "/parent/child/grandchild/"
        )


def test_nested_callback_order(app: App, client: TestClient) -> None:
    parent = Blueprint("parent", __name__)
    child = Blueprint("child", __name__)
    seen: list[str] = []

    def before(name: str) -> None:
        @scope_of[name.split("_")[0]].before_request
        def hook() -> None:
            seen.append(name)

    def teardown(name: str) -> None:
        @scope_of[name.split("_")[0]].teardown_request
        def hook(e: BaseException | None) -> None:
            assert seen.pop() == name

    scope_of = {"app": app, "parent": parent, "child": child}
    for name in ("app_1", "app_2", "parent_1", "parent_2", "child_1", "child_2"):
        before(name)
        teardown(name)

    @app.context_processor
    def app_ctx() -> dict[str, JSONValue]:
        return {"key": "app"}

    @parent.context_processor
    def parent_ctx() -> dict[str, JSONValue]:
        return {"key": "parent"}

    @child.context_processor
    def child_ctx() -> dict[str, JSONValue]:
        return {"key": "child"}

    @child.route("/a")
    def a() -> str:
        return ", ".join(seen)

    @child.route("/b")
    def b() -> str:
        return render_template_string("{{ key }}")

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert (
        client.get("/a").data == b"app_1, app_2, parent_1, parent_2, child_1, child_2"
    )
    assert seen == []  # every teardown popped its own name
    assert client.get("/b").data == b"child"


def test_nested_after_request_order(app: App, client: TestClient) -> None:
    parent = Blueprint("parent", __name__)
    child = Blueprint("child", __name__)

    def after(scope: App | Blueprint, name: str) -> None:
        @scope.after_request
        def hook(response: Response) -> Response:
            response.data += f" {name}".encode()
            return response

    after(app, "app")
    after(parent, "parent")
    after(child, "child")

    @child.route("/")
    def index() -> str:
        return "view"

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/").text == "view child parent app"


@pytest.mark.parametrize(
    ("parent_init", "child_init", "parent_registration", "child_registration"),
    [
        ("/parent", "/child", None, None),
        ("/parent", None, None, "/child"),
        (None, None, "/parent", "/child"),
        ("/other", "/something", "/parent", "/child"),
    ],
)
def test_nesting_url_prefixes(
    parent_init: str | None,
    child_init: str | None,
    parent_registration: str | None,
    child_registration: str | None,
    app: App,
    client: TestClient,
) -> None:
    parent = Blueprint("parent", __name__, url_prefix=parent_init)
    child = Blueprint("child", __name__, url_prefix=child_init)

    @child.route("/")
    def index() -> str:
        return "index"

    parent.register_blueprint(child, url_prefix=child_registration)
    app.register_blueprint(parent, url_prefix=parent_registration)
    assert client.get("/parent/child/").status_code == 200


def test_unique_blueprint_names(app: App) -> None:
    bp = Blueprint("bp", __name__)
    bp2 = Blueprint("bp", __name__)
    app.register_blueprint(bp)
    with pytest.raises(ValueError, match="already registered for this blueprint"):
        app.register_blueprint(bp)
    app.register_blueprint(bp, name="again")
    with pytest.raises(ValueError, match="for a different blueprint.*pass name="):
        app.register_blueprint(bp2)
    app.register_blueprint(bp2, name="alt")
    assert set(app.blueprints) == {"bp", "again", "alt"}


def test_self_registration() -> None:
    bp = Blueprint("bp", __name__)
    with pytest.raises(ValueError, match="cannot be nested in itself"):
        bp.register_blueprint(bp)


def test_blueprint_renaming(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__)
    bp2 = Blueprint("bp2", __name__)

    @bp.get("/")
    def index() -> str:
        return request.endpoint or ""

    @bp.get("/error")
    def error() -> str:
        abort(403)

    @bp.get("/self")
    def self_url() -> str:
        return url_for(".index")

    @bp.errorhandler(403)
    def forbidden(_: Exception) -> tuple[str, int]:
        return "Error", 403

    @bp2.get("/")
    def index2() -> str:
        return request.endpoint or ""

    bp.register_blueprint(bp2, url_prefix="/a", name="sub")
    app.register_blueprint(bp, url_prefix="/a")
    app.register_blueprint(bp, url_prefix="/b", name="alt")

    assert client.get("/a/").data == b"bp.index"
    assert client.get("/b/").data == b"alt.index"
    assert client.get("/a/a/").data == b"bp.sub.index2"
    assert client.get("/b/a/").data == b"alt.sub.index2"
    assert client.get("/a/error").data == b"Error"
    assert client.get("/b/error").data == b"Error"
    # Relative names build the mount the request came through (flask#1091).
    assert client.get("/a/self").text == "/a/"
    assert client.get("/b/self").text == "/b/"


def test_class_views_in_a_blueprint(app: App, client: TestClient) -> None:
    bp = Blueprint("blog", __name__, url_prefix="/blog")

    @bp.route("/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:
            return f"{request.blueprint} {request.endpoint} {post_id + 1}"

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    app.register_blueprint(bp)
    assert client.get("/blog/41").text == "blog blog.post 42"
    assert client.delete("/blog/41").status_code == 204
    assert client.get("/blog/x").status_code == 404
    with app.test_request_context():
        assert url_for(Post.get, post_id=3) == "/blog/3"
        assert url_for(Post, post_id=3) == "/blog/3"
        assert url_for("blog.post", post_id=3) == "/blog/3"


def test_prefix_variables_must_be_accepted(app: App) -> None:
    bp = Blueprint("bp", __name__, url_prefix="/<org>")

    @bp.route("/")
    class Index(View):
        def get(self) -> str:
            return ""

    with pytest.raises(RouteError, match="'org'"):
        app.register_blueprint(bp)


def test_prefix_variables_are_converted(app: App, client: TestClient) -> None:
    bp = Blueprint("bp", __name__, url_prefix="/<org>")

    @bp.get("/items")
    def items(org: int) -> str:
        return str(org * 2)

    app.register_blueprint(bp)
    assert client.get("/21/items").text == "42"
    assert client.get("/x/items").status_code == 404


def test_clashes_fail_at_registration(app: App) -> None:
    one = Blueprint("one", __name__)
    two = Blueprint("two", __name__)

    @one.get("/same")
    def first() -> str:
        return ""

    @two.get("/same")
    def second() -> str:
        return ""

    app.register_blueprint(one)
    with pytest.raises(RouteError, match="GET /same is already handled"):
        app.register_blueprint(two)


def test_endpoint_clash_names_the_dotted_endpoint(app: App) -> None:
    bp = Blueprint("bp", __name__)

    @bp.get("/a", endpoint="x")
    def a() -> str:
        return ""

    @bp.get("/b", endpoint="x")
    def b() -> str:
        return ""

    with pytest.raises(DuplicateEndpointError, match="'bp.x'"):
        app.register_blueprint(bp)


def test_setup_after_registration_raises(app: App) -> None:
    bp = Blueprint("bp", __name__)
    app.register_blueprint(bp)

    def late() -> str:
        return ""

    with pytest.raises(TransomError, match=r"Blueprint.add_route\(\) was called"):
        bp.route("/late")(late)
    with pytest.raises(TransomError, match="before register_blueprint"):
        bp.before_request(lambda: None)
    with pytest.raises(TransomError, match="after it was registered"):
        bp.register_blueprint(Blueprint("child", __name__))


def test_404_and_405_go_to_the_blueprint_that_owns_the_prefix(
    app: App, client: TestClient
) -> None:
    api = Blueprint("api", __name__, url_prefix="/api")

    @api.errorhandler(404)
    def api_404(e: Exception) -> tuple[dict[str, str], int]:
        return {"error": "not found"}, 404

    @api.errorhandler(405)
    def api_405(e: Exception) -> tuple[dict[str, str], int]:
        return {"error": "method"}, 405

    @api.get("/items")
    def items() -> list[int]:
        return [1]

    app.register_blueprint(api)
    assert client.get("/api/nothing").json == {"error": "not found"}
    assert client.get("/api").json == {"error": "not found"}
    assert client.post("/api/items").json == {"error": "method"}
    assert client.get("/apix").status_code == 404
    assert client.get("/apix").json is None  # the app's plain page


def test_templates_and_static(tmp_path: pathlib.Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("app {{ who }}")
    admin = tmp_path / "admin"
    (admin / "templates" / "admin").mkdir(parents=True)
    (admin / "templates" / "admin" / "index.html").write_text("admin {{ who }}")
    (admin / "templates" / "page.html").write_text("shadowed")
    (admin / "static" / "css").mkdir(parents=True)
    (admin / "static" / "test.txt").write_text("Admin File")
    (admin / "static" / "css" / "test.css").write_text("/* nested file */")
    app = App("app", root_path=tmp_path, static_folder=None)
    bp = Blueprint(
        "admin",
        "admin",
        root_path=admin,
        url_prefix="/admin",
        template_folder="templates",
        static_folder="static",
    )

    @bp.route("/")
    def index() -> str:
        return render_template("admin/index.html", who="you")

    @bp.route("/page")
    def page() -> str:
        return render_template("page.html", who="you")

    app.jinja_env  # created before registration: it learns the folder  # noqa: B018
    app.register_blueprint(bp)
    client = app.test_client()
    assert client.get("/admin/").text == "admin you"
    assert client.get("/admin/page").text == "app you"  # the app's first
    with client.get("/admin/static/test.txt") as rv:
        assert rv.text == "Admin File"
    with client.get("/admin/static/css/test.css") as rv:
        assert rv.text == "/* nested file */"
    assert client.get("/admin/static/../page.html").status_code == 404
    with app.test_request_context():
        assert url_for("admin.static", filename="test.txt") == "/admin/static/test.txt"


def test_request_blueprint_outside_blueprints(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        return repr((request.blueprint, request.blueprints, url_for(".index")))

    assert client.get("/").text == "(None, (), '/')"


def test_request_blueprints_nested(app: App, client: TestClient) -> None:
    parent = Blueprint("parent", __name__)
    child = Blueprint("child", __name__)

    @child.route("/")
    def index() -> str:
        return repr((request.blueprint, request.blueprints))

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/").text == "('parent.child', ('parent.child', 'parent'))"


def test_docs_option_keeps_a_blueprint_route_out_of_the_documentation(
    app: App,
) -> None:
    bp = Blueprint("bp", __name__, url_prefix="/bp")

    @bp.get("/shown")
    def shown() -> str:
        return ""

    @bp.route("/hidden", docs=False)
    def hidden() -> str:
        return ""

    app.register_blueprint(bp)
    assert set(app.openapi()["paths"]) == {"/bp/shown"}


def test_app_template_filters(app: App) -> None:
    bp = Blueprint("bp", __name__)

    @bp.app_template_filter()
    def my_reverse(s: str) -> str:
        return s[::-1]

    @bp.app_template_filter
    def my_reverse_2(s: str) -> str:
        return s[::-1]

    @bp.app_template_filter("strrev")
    def my_reverse_3(s: str) -> str:
        return s[::-1]

    def my_reverse_4(s: str) -> str:
        return s[::-1]

    bp.add_app_template_filter(my_reverse_4, "super_reverse")
    app.register_blueprint(bp, url_prefix="/py")
    filters = app.jinja_env.filters
    assert filters["my_reverse"] is my_reverse
    assert filters["my_reverse_2"] is my_reverse_2
    assert filters["strrev"] is my_reverse_3
    assert filters["super_reverse"] is my_reverse_4
    with app.app_context():
        assert render_template_string("{{ 'abcd'|strrev }}") == "dcba"


def test_app_template_filter_after_the_environment_exists(
    app: App, client: TestClient
) -> None:
    @app.route("/")
    def index() -> str:
        return render_template_string("{{ value|super_reverse }}", value="abcd")

    assert app.jinja_env is not None
    bp = Blueprint("bp", __name__)

    @bp.app_template_filter("super_reverse")
    def my_reverse(s: str) -> str:
        return s[::-1]

    app.register_blueprint(bp)
    assert client.get("/").text == "dcba"


def test_app_template_tests(app: App) -> None:
    bp = Blueprint("bp", __name__)

    @bp.app_template_test()
    def is_boolean(value: object) -> bool:
        return isinstance(value, bool)

    @bp.app_template_test
    def boolean_2(value: object) -> bool:
        return isinstance(value, bool)

    @bp.app_template_test("my_boolean")
    def boolean_3(value: object) -> bool:
        return isinstance(value, bool)

    bp.add_app_template_test(boolean_3, "boolean_4")
    app.register_blueprint(bp)
    tests = app.jinja_env.tests
    assert tests["is_boolean"] is is_boolean
    assert tests["boolean_2"] is boolean_2
    assert tests["my_boolean"] is boolean_3
    assert tests["boolean_4"] is boolean_3
    with app.app_context():
        assert render_template_string("{{ false is my_boolean }}") == "True"


def test_app_template_global_bare(app: App) -> None:
    bp = Blueprint("bp", __name__)

    @bp.app_template_global
    def get_stuff() -> str:
        return "stuff"

    app.register_blueprint(bp)
    with app.app_context():
        assert render_template_string("{{ get_stuff() }}") == "stuff"


def test_blueprint_commands_run_through_the_cli_runner(app: App) -> None:
    auth = Blueprint("auth", __name__)
    tools = Blueprint("tools", __name__, cli_group=None)

    @auth.command()
    def create_user(name: str, *, admin: bool = False) -> None:
        """Create a user."""
        print(f"created {name}{' (admin)' if admin else ''}")

    @tools.command()
    def seed(count: int = 1) -> None:
        print(f"seeded {count}")

    app.register_blueprint(auth)
    app.register_blueprint(auth, name="auth2", cli_group="staff")
    app.register_blueprint(tools)
    runner = app.test_cli_runner()
    assert runner.invoke(["auth-create-user", "ada", "--admin"]).output == (
        "created ada (admin)\n"
    )
    assert runner.invoke(["staff-create-user", "bob"]).output == "created bob\n"
    assert runner.invoke(["seed", "--count", "2"]).output == "seeded 2\n"
    assert set(app.commands) == {"auth-create-user", "staff-create-user", "seed"}
