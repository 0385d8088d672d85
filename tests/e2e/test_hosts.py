"""Hosts and subdomains: SERVER_NAME, subdomain matching and host matching,
with Flask 3.1's meaning (Flask's tests in test_basic.py, ported)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_spec_validator import validate

from transom import App
from transom import Blueprint
from transom import url_for
from transom.apidocs import render_docs
from transom.exceptions import RouteError
from transom.exceptions import TransomError


def test_server_name_alone_restricts_nothing() -> None:
    app = App("hosts", static_folder=None)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/")
    def index() -> str:
        return url_for(index, _external=True)

    client = app.test_client()
    for base_url in ("http://example.test", "http://abc.example.test", "http://x.y"):
        assert client.get("/", base_url=base_url).text == "http://example.test/"
    assert client.get("/").status_code == 200  # the client's localhost


def test_subdomain_basic_support() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "localhost.localdomain"

    @app.route("/")
    def normal_index() -> str:
        return "normal index"

    @app.route("/", subdomain="test")
    def test_index() -> str:
        return "test index"

    client = app.test_client()
    assert (
        client.get("/", base_url="http://localhost.localdomain/").text == "normal index"
    )
    assert (
        client.get("/", base_url="http://test.localhost.localdomain/").text
        == "test index"
    )
    assert (
        client.get("/", base_url="http://other.localhost.localdomain/").status_code
        == 404
    )
    with app.app_context():
        assert url_for(test_index) == "http://test.localhost.localdomain/"
        assert url_for(normal_index) == "http://localhost.localdomain/"


@pytest.mark.parametrize("port", ["", ":3000"])
def test_subdomain_variable_is_a_view_parameter(port: str) -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = f"localhost.localdomain{port}"

    @app.route("/", subdomain="<user>")
    def index(user: str) -> str:
        return f"index for {user}"

    @app.route("/page/<int:n>", subdomain="<user>")
    def page(user: str, n: int) -> str:
        return url_for(page, user=user, n=n + 1)

    client = app.test_client()
    base = f"http://mitsuhiko.localhost.localdomain{port}/"
    assert client.get("/", base_url=base).text == "index for mitsuhiko"
    # Within the same subdomain the URL is relative; elsewhere, absolute.
    assert client.get("/page/1", base_url=base).text == "/page/2"
    with app.test_request_context("/", base_url=base):
        assert (
            url_for(page, user="ada", n=1)
            == f"http://ada.localhost.localdomain{port}/page/1"
        )


def test_a_subdomain_variable_takes_its_converter_from_the_annotation() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/", subdomain="<shard>")
    def index(shard: int) -> str:
        return repr(shard)

    client = app.test_client()
    assert client.get("/", base_url="http://7.example.test/").text == "7"
    assert client.get("/", base_url="http://seven.example.test/").status_code == 404


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://localhost.localdomain:3000/", 204),
        ("http://www.localhost.localdomain:3000/", 404),  # the www subdomain
        # Outside SERVER_NAME: the default subdomain (Flask with werkzeug
        # 3.2; with werkzeug 3.1, Flask answers 404 and warns).
        ("http://127.0.0.1:3000/", 204),
    ],
)
def test_subdomain_matching_other_name(base_url: str, expected: int) -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "localhost.localdomain:3000"

    @app.route("/")
    def index() -> tuple[str, int]:
        return "", 204

    assert app.test_client().get("/", base_url=base_url).status_code == expected


def test_without_subdomain_matching_every_subdomain_is_served() -> None:
    app = App("hosts", static_folder=None)
    app.config["SERVER_NAME"] = "localhost.localdomain:3000"

    @app.route("/")
    def index() -> tuple[str, int]:
        return "", 204

    client = app.test_client()
    for base_url in (
        "http://127.0.0.1:3000/",
        "http://www.localhost.localdomain:3000/",
    ):
        assert client.get("/", base_url=base_url).status_code == 204


@pytest.mark.parametrize(
    ("server_name", "base_url"),
    [
        ("dev.local:5000", "http://dev.local:5000"),
        ("dev.local:5000", "https://dev.local:5000"),
        ("dev.local:443", "https://dev.local"),
        ("dev.local", "https://dev.local"),
        ("dev.local", "http://foo.localhost"),  # outside: the default subdomain
    ],
)
def test_server_name_subdomain(server_name: str, base_url: str) -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)

    @app.route("/")
    def index() -> str:
        return "default"

    @app.route("/", subdomain="foo")
    def subdomain() -> str:
        return "subdomain"

    app.config["SERVER_NAME"] = server_name
    client = app.test_client()
    assert client.get("/", base_url=base_url).text == "default"
    if server_name == "dev.local":
        assert client.get("/", base_url="http://foo.dev.local").text == "subdomain"


def test_host_matching() -> None:
    app = App("hosts", static_folder=None, host_matching=True)
    app.config["SERVER_NAME"] = "example.test"  # ignored by host matching

    @app.route("/", host="example.test")
    def base() -> str:
        return "default"

    @app.route("/", host="<name>.example.test")
    def named(name: str) -> str:
        return name

    client = app.test_client()
    assert client.get("/", base_url="http://example.test").text == "default"
    assert client.get("/", base_url="http://abc.example.test").text == "abc"
    assert client.get("/", base_url="http://xyz.other.test").status_code == 404
    with app.app_context():
        assert url_for(named, name="q") == "http://q.example.test/"
    with app.test_request_context("/", base_url="http://abc.example.test"):
        assert url_for(named, name="abc") == "/"
        assert url_for(base) == "http://example.test/"


def test_static_route_with_host_matching(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "index.html").write_text("<p>static</p>")
    app = App(
        "hosts", root_path=tmp_path, host_matching=True, static_host="example.com"
    )
    client = app.test_client()
    response = client.get("/static/index.html", base_url="http://example.com")
    assert response.text == "<p>static</p>"
    response.close()
    assert (
        client.get("/static/index.html", base_url="http://other.com").status_code == 404
    )
    with app.test_request_context(base_url="http://other.com"):
        assert (
            url_for("static", filename="index.html")
            == "http://example.com/static/index.html"
        )
    with pytest.raises(TransomError, match="pass static_host='example.com'"):
        App("hosts", root_path=tmp_path, host_matching=True)
    with pytest.raises(TransomError, match="only applies with host_matching=True"):
        App("hosts", static_folder=None, static_host="example.com")
    # With a static folder too: this was a RouteError about a host= the
    # user never wrote.
    with pytest.raises(TransomError, match="only applies with host_matching=True"):
        App("hosts", root_path=tmp_path, static_host="example.com")
    App("hosts", root_path=tmp_path, host_matching=True, static_folder=None)


def test_the_same_rule_on_two_subdomains_is_no_duplicate() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)

    @app.route("/", subdomain="a")
    def a() -> str:
        return "a"

    @app.route("/", subdomain="b")
    def b() -> str:
        return "b"

    with pytest.raises(RouteError, match="already handled by"):

        @app.route("/", subdomain="b")
        def c() -> str:
            return "c"


def _index() -> str:
    return ""


def test_a_domain_the_app_would_ignore_is_refused() -> None:
    plain = App("hosts", static_folder=None)
    with pytest.raises(RouteError, match=r"App\(\.\.\., host_matching=True\)"):
        plain.add_route("/", _index, host="example.com")
    with pytest.raises(RouteError, match=r"App\(\.\.\., subdomain_matching=True\)"):
        plain.add_route("/", _index, subdomain="api")
    by_host = App("hosts", static_folder=None, host_matching=True)
    with pytest.raises(RouteError, match="host='api.example.com'"):
        by_host.add_route("/", _index, subdomain="api")


def test_domain_variables_are_checked_like_rule_variables() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    with pytest.raises(RouteError, match="user"):

        @app.route("/", subdomain="<user>")
        def index() -> str:
            return ""

    with pytest.raises(RouteError, match="appears in both '<user>' and '/<user>'"):

        @app.route("/<user>", subdomain="<user>")
        def twice(user: str) -> str:
            return user


def test_a_blueprint_subdomain_is_matched() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"
    admin = Blueprint("admin", __name__, subdomain="admin")

    @admin.route("/")
    def admin_index() -> str:
        return "admin"

    @app.route("/")
    def index() -> str:
        return "site"

    app.register_blueprint(admin)
    client = app.test_client()
    assert client.get("/", base_url="http://admin.example.test/").text == "admin"
    assert client.get("/", base_url="http://example.test/").text == "site"
    with app.app_context():
        assert url_for("admin.admin_index") == "http://admin.example.test/"


def test_nested_blueprint_subdomains_compose() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"
    parent = Blueprint("v1", __name__, subdomain="v1")
    child = Blueprint("api", __name__, subdomain="api")

    @child.route("/ping")
    def ping() -> str:
        return "pong"

    @parent.route("/")
    def parent_index() -> str:
        return "v1"

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    client = app.test_client()
    assert client.get("/ping", base_url="http://api.v1.example.test/").text == "pong"
    assert client.get("/", base_url="http://v1.example.test/").text == "v1"
    assert client.get("/ping", base_url="http://v1.example.test/").status_code == 404


def test_a_registration_subdomain_overrides_the_blueprint_and_is_checked() -> None:
    bp = Blueprint("users", __name__, subdomain="www")

    @bp.route("/")
    def home(user: str) -> str:
        return f"home of {user}"

    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"
    app.register_blueprint(bp, subdomain="<user>")
    client = app.test_client()
    assert client.get("/", base_url="http://ada.example.test/").text == "home of ada"

    plain = Blueprint("plain", __name__)

    @plain.route("/")
    def index() -> str:
        return "index"

    other = App("hosts", static_folder=None, subdomain_matching=True)
    with pytest.raises(RouteError, match="'user'"):
        other.register_blueprint(plain, subdomain="<user>")


def test_a_subdomain_variable_is_no_parameter_of_the_documented_path() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/items/<item_id>", subdomain="<user>")
    def item(user: str, item_id: int, sort: str = "name") -> str:
        return f"{user} {item_id} {sort}"

    document = app.openapi()
    validate(document)
    parameters = document["paths"]["/items/{item_id}"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in parameters] == [
        ("item_id", "path"),
        ("sort", "query"),
    ]
    page = render_docs(app, "markdown")
    assert "| `user` | host |" in page
    assert "?sort=" not in page and "user=" not in page


def test_a_blueprint_route_subdomain_replaces_the_blueprint_one() -> None:
    app = App("hosts", static_folder=None, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"
    bp = Blueprint("shop", __name__, subdomain="shop")

    @bp.route("/")
    def shop_index() -> str:
        return "shop"

    @bp.route("/status", subdomain="status")
    def status() -> str:
        return "ok"

    app.register_blueprint(bp)
    client = app.test_client()
    assert client.get("/", base_url="http://shop.example.test/").text == "shop"
    assert client.get("/status", base_url="http://status.example.test/").text == "ok"
    assert (
        client.get("/status", base_url="http://shop.example.test/").status_code == 404
    )


def test_a_blueprint_subdomain_needs_subdomain_matching() -> None:
    bp = Blueprint("admin", __name__, subdomain="admin")

    @bp.route("/")
    def admin_index() -> str:
        return "admin"

    app = App("hosts", static_folder=None)
    with pytest.raises(TransomError, match="subdomain_matching"):
        app.register_blueprint(bp)
