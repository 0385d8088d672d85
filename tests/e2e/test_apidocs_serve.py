"""Serving the documentation from the app: off by default, at any URL."""

from __future__ import annotations

import json
import typing as t

import pytest
from openapi_spec_validator import validate

from transom import App
from transom import View
from transom.apidocs import describe_routes
from transom.apidocs import render_docs
from transom.apidocs import serve_docs
from transom.exceptions import RouteError


def _add_routes(app: App) -> None:
    @app.route("/post/<post_id>")
    class Post(View):
        """A blog post."""

        def get(self, post_id: int) -> dict[str, int]:
            return {"id": post_id}


def test_nothing_is_served_by_default(app: App) -> None:
    _add_routes(app)
    client = app.test_client()
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404


def test_page_and_document_at_the_default_urls(app: App) -> None:
    _add_routes(app)
    serve_docs(app)
    client = app.test_client()
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert '/post/<span class="var">{post_id}</span>' in page.text
    document = client.get("/openapi.json")
    assert document.mimetype == "application/json"
    data = json.loads(document.text)
    validate(data)
    # The documentation's own routes are not documented.
    assert list(data["paths"]) == ["/post/{post_id}"]
    assert [r.rule for r in describe_routes(app)] == ["/post/<post_id>"]
    assert client.get("/docs").text == page.text  # built once, then kept


def test_configurable_urls_and_info(app: App) -> None:
    _add_routes(app)
    serve_docs(app, url="/api/help", openapi_url=None, title="Blog", version="9")
    client = app.test_client()
    page = client.get("/api/help")
    assert page.status_code == 200
    assert "<title>Blog 9</title>" in page.text
    assert client.get("/openapi.json").status_code == 404
    assert client.get("/docs").status_code == 404


def test_document_only(app: App) -> None:
    _add_routes(app)
    serve_docs(app, url=None, openapi_url="/spec.json")
    client = app.test_client()
    assert client.get("/docs").status_code == 404
    assert json.loads(client.get("/spec.json").text)["info"]["title"] == "test_app"


def _add_hidden_routes(app: App) -> None:
    class Admin(View):
        """Staff only."""

        docs = False

        def get(self) -> str:
            return "admin"

    @app.route("/internal/health", docs=False)
    def health() -> str:
        return "ok"

    app.add_route("/admin", Admin)
    app.add_route("/admin/shown", Admin, endpoint="admin_shown", docs=True)


def test_routes_and_views_may_stay_out_of_the_docs(app: App) -> None:
    _add_routes(app)
    _add_hidden_routes(app)
    serve_docs(app)
    client = app.test_client()
    # Served as usual, documented nowhere.
    assert client.get("/admin").text == "admin"
    assert client.get("/internal/health").text == "ok"
    shown = ["/post/{post_id}", "/admin/shown"]
    assert list(app.openapi()["paths"]) == shown
    assert list(json.loads(client.get("/openapi.json").text)["paths"]) == shown
    page = client.get("/docs").text
    markdown = render_docs(app, "markdown")
    for text in (page, markdown):
        assert "/admin/shown" in text
        assert "/internal/health" not in text
        assert "/admin<" not in text and "/admin\n" not in text
    assert [r.rule for r in describe_routes(app)] == ["/post/<post_id>", "/admin/shown"]
    hidden = describe_routes(app, undocumented=True)
    assert [(r.rule, r.documented) for r in hidden] == [
        ("/post/<post_id>", True),
        ("/internal/health", False),
        ("/admin", False),
        ("/admin/shown", True),
    ]


def test_docs_option_must_be_a_boolean(app: App) -> None:
    def view() -> str:
        return ""

    with pytest.raises(RouteError) as info:
        app.add_route("/x", view, docs=t.cast(bool, "no"))
    assert str(info.value) == (
        "route '/x': docs='no' is not a boolean. Fix: pass docs=False to keep the"
        " route out of the documentation, or leave it out."
    )
