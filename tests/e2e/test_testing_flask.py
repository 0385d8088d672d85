"""Flask's tests of its testing tools (tests/test_testing.py), run against
transom with Flask's names renamed to transom's.

Left out, with the difference in docs/flask.md: signals
(test_client_json_no_app_context), click's command objects and ScriptInfo
(the second half of test_cli_invoke, test_cli_custom_obj) and
``test_cli_runner_class``. Changed: the two ``environ_base`` tests read
``g`` inside ``with client:``, because each transom request has its own app
context, where Flask reuses one the test pushed.
"""

from __future__ import annotations

import collections.abc as cabc
from importlib.metadata import version

import pytest

import transom
from transom import App
from transom import Blueprint
from transom import jsonify
from transom._ctxvars import current_request_ctx
from transom.ctx import AppContext
from transom.ctx import RequestContext
from transom.testing import EnvironBuilder
from transom.testing import TestClient
from transom.wrappers import Response


@pytest.fixture
def app() -> App:
    app = App("flask_test", static_folder=None)
    app.config.update(TESTING=True, SECRET_KEY="test key")
    return app


@pytest.fixture
def app_ctx(app: App) -> cabc.Iterator[AppContext]:
    with app.app_context() as ctx:
        yield ctx


@pytest.fixture
def req_ctx(app: App) -> cabc.Iterator[RequestContext]:
    with app.test_request_context() as ctx:
        yield ctx


def test_environ_defaults_from_config(app: App, client: TestClient) -> None:
    app.config["SERVER_NAME"] = "example.com:1234"
    app.config["APPLICATION_ROOT"] = "/foo"

    @app.route("/")
    def index() -> str:
        return transom.request.url

    ctx = app.test_request_context()
    assert ctx.request.url == "http://example.com:1234/foo/"

    rv = client.get("/")
    assert rv.data == b"http://example.com:1234/foo/"


def test_environ_defaults(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        return transom.request.url

    ctx = app.test_request_context()
    assert ctx.request.url == "http://localhost/"
    with client:
        rv = client.get("/")
        assert rv.data == b"http://localhost/"


def test_environ_base_default(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        transom.g.user_agent = transom.request.headers["User-Agent"]
        return transom.request.remote_addr or ""

    with client:
        rv = client.get("/")
        assert rv.data == b"127.0.0.1"
        assert transom.g.user_agent == f"werkzeug/{version('werkzeug')}"


def test_environ_base_modified(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        transom.g.user_agent = transom.request.headers["User-Agent"]
        return transom.request.remote_addr or ""

    with client:
        client.environ_base["REMOTE_ADDR"] = "0.0.0.0"
        client.environ_base["HTTP_USER_AGENT"] = "Foo"
        rv = client.get("/")
        assert rv.data == b"0.0.0.0"
        assert transom.g.user_agent == "Foo"

        client.environ_base["REMOTE_ADDR"] = "0.0.0.1"
        client.environ_base["HTTP_USER_AGENT"] = "Bar"
        rv = client.get("/")
        assert rv.data == b"0.0.0.1"
        assert transom.g.user_agent == "Bar"


def test_client_open_environ(
    app: App, client: TestClient, request: pytest.FixtureRequest
) -> None:
    @app.route("/index")
    def index() -> str:
        return transom.request.remote_addr or ""

    builder = EnvironBuilder(app, path="/index", method="GET")
    request.addfinalizer(builder.close)

    rv = client.open(builder)
    assert rv.data == b"127.0.0.1"

    environ = builder.get_environ()
    client.environ_base["REMOTE_ADDR"] = "127.0.0.2"
    rv = client.open(environ)
    assert rv.data == b"127.0.0.2"


def test_specify_url_scheme(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        return transom.request.url

    ctx = app.test_request_context(url_scheme="https")
    assert ctx.request.url == "https://localhost/"

    rv = client.get("/", url_scheme="https")
    assert rv.data == b"https://localhost/"


def test_path_is_url(app: App) -> None:
    eb = EnvironBuilder(app, "https://example.com/")
    assert eb.url_scheme == "https"
    assert eb.host == "example.com"
    assert eb.script_root == ""
    assert eb.path == "/"


def test_environbuilder_json_dumps(app: App) -> None:
    """EnvironBuilder.json_dumps() takes settings from the app."""
    app.json.ensure_ascii = False
    eb = EnvironBuilder(app, json="\u20ac")
    assert eb.input_stream is not None
    assert eb.input_stream.read().decode("utf8") == '"\u20ac"'


def test_redirect_keep_session(
    app: App, client: TestClient, app_ctx: AppContext
) -> None:
    @app.route("/", methods=["GET", "POST"])
    def index() -> str | Response:
        if transom.request.method == "POST":
            return transom.redirect("/getsession")
        transom.session["data"] = "foo"
        return "index"

    @app.route("/getsession")
    def get_session() -> str:
        return str(transom.session.get("data", "<missing>"))

    with client:
        rv = client.get("/getsession")
        assert rv.data == b"<missing>"

        rv = client.get("/")
        assert rv.data == b"index"
        assert transom.session.get("data") == "foo"

        rv = client.post("/", data={}, follow_redirects=True)
        assert rv.data == b"foo"
        assert transom.session.get("data") == "foo"

        rv = client.get("/getsession")
        assert rv.data == b"foo"


def test_session_transactions(app: App, client: TestClient) -> None:
    @app.route("/")
    def index() -> str:
        return str(transom.session["foo"])

    with client:
        with client.session_transaction() as sess:
            assert len(sess) == 0
            sess["foo"] = [42]
            assert len(sess) == 1
        rv = client.get("/")
        assert rv.data == b"[42]"
        with client.session_transaction() as sess:
            assert len(sess) == 1
            assert sess["foo"] == [42]


def test_session_transactions_no_null_sessions() -> None:
    app = transom.App(__name__)

    with app.test_client() as c:
        with pytest.raises(RuntimeError) as e:
            with c.session_transaction():
                pass
        # Flask: "Session backend did not open a session"
        assert "found no session: the app has no secret key" in str(e.value)


def test_session_transactions_keep_context(
    app: App, client: TestClient, req_ctx: RequestContext
) -> None:
    client.get("/")
    req = current_request_ctx()  # Flask: request._get_current_object()
    assert req is not None
    with client.session_transaction():
        assert req is current_request_ctx()


def test_session_transaction_needs_cookies(app: App) -> None:
    c = app.test_client(use_cookies=False)

    with pytest.raises(TypeError, match="Cookies are disabled."):
        with c.session_transaction():
            pass


def test_test_client_context_binding(app: App, client: TestClient) -> None:
    app.testing = False

    @app.route("/")
    def index() -> str:
        transom.g.value = 42
        return "Hello World!"

    @app.route("/other")
    def other() -> str:
        return str(1 // 0)

    with client:
        resp = client.get("/")
        assert transom.g.value == 42
        assert resp.data == b"Hello World!"
        assert resp.status_code == 200

        resp = client.get("/other")
        assert not hasattr(transom.g, "value")
        assert b"Internal Server Error" in resp.data
        assert resp.status_code == 500
        transom.g.value = 23

    try:
        transom.g.value  # noqa: B018
    except (AttributeError, RuntimeError):
        pass
    else:
        raise AssertionError("some kind of exception expected")


def test_reuse_client(client: TestClient) -> None:
    c = client

    with c:
        assert client.get("/").status_code == 404

    with c:
        assert client.get("/").status_code == 404


def test_full_url_request(app: App, client: TestClient) -> None:
    @app.route("/action", methods=["POST"])
    def action() -> str:
        return "x"

    with client:
        rv = client.post("http://domain.com/action?vodka=42", data={"gin": 43})
        assert rv.status_code == 200
        assert "gin" in transom.request.form
        assert "vodka" in transom.request.args


def test_json_request_and_response(app: App, client: TestClient) -> None:
    @app.route("/echo", methods=["POST"])
    def echo() -> Response:
        return jsonify(transom.request.get_json())

    with client:
        json_data = {"drink": {"gin": 1, "tonic": True}, "price": 10}
        rv = client.post("/echo", json=json_data)

        # Request should be in JSON
        assert transom.request.is_json
        assert transom.request.get_json() == json_data

        # Response should be in JSON
        assert rv.status_code == 200
        assert rv.is_json
        assert rv.get_json() == json_data


def test_nosubdomain(app: App, client: TestClient) -> None:
    app.config["SERVER_NAME"] = "example.com"

    @app.route("/<company_id>")
    def view(company_id: str) -> str:
        return company_id

    with app.test_request_context():
        url = transom.url_for("view", company_id="xxx")

    with client:
        response = client.get(url)

    assert 200 == response.status_code
    assert b"xxx" == response.data


def test_cli_invoke(app: App) -> None:
    @app.command("hello")
    def hello_command() -> None:
        print("Hello, World!")

    runner = app.test_cli_runner()
    # invoke with command name
    result = runner.invoke(args=["hello"])
    assert "Hello" in result.output


def test_client_pop_all_preserved(
    app: App, req_ctx: RequestContext, client: TestClient
) -> None:
    @app.route("/")
    def index() -> cabc.Iterator[str]:
        # stream_with_context pushes a third context, preserved by response
        return transom.stream_with_context(iter(["hello"]))

    # req_ctx fixture pushed an initial context
    with client:
        # request pushes a second request context, preserved by client
        rv = client.get("/")

    # close the response, releasing the context held by stream_with_context
    rv.close()
    # only req_ctx fixture should still be pushed
    assert current_request_ctx() is req_ctx


def test_blueprint_with_subdomain() -> None:
    app = App(__name__, subdomain_matching=True, static_folder=None)
    app.config["SERVER_NAME"] = "example.com:1234"
    app.config["APPLICATION_ROOT"] = "/foo"
    client = app.test_client()
    bp = Blueprint("company", __name__, subdomain="xxx")

    @bp.route("/")
    def index() -> str:
        return transom.request.url

    app.register_blueprint(bp)
    ctx = app.test_request_context("/", subdomain="xxx")
    assert ctx.request.url == "http://xxx.example.com:1234/foo/"
    with ctx:
        assert ctx.request.blueprint == bp.name
    assert client.get("/", subdomain="xxx").text == "http://xxx.example.com:1234/foo/"


def test_subdomain() -> None:
    app = App(__name__, subdomain_matching=True, static_folder=None)
    app.config["SERVER_NAME"] = "example.com"
    client = app.test_client()

    @app.route("/", subdomain="<company_id>")
    def view(company_id: str) -> str:
        return company_id

    with app.test_request_context():
        url = transom.url_for("view", company_id="xxx")
    with client:
        response = client.get(url)
    assert response.status_code == 200
    assert response.text == "xxx"


def test_subdomain_and_base_url_are_refused_together(client: TestClient) -> None:
    with pytest.raises(TypeError, match="subdomain and base_url were both given"):
        client.get("/", subdomain="api", base_url="http://example.com/")
