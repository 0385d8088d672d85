"""Serving the documentation from the app: off by default, at any URL."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from transom import App
from transom import View
from transom.apidocs import describe_routes
from transom.apidocs import serve_docs


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
