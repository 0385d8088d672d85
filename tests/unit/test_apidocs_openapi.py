"""transom.apidocs.openapi: the OpenAPI 3.1 document, checked by a validator."""

from __future__ import annotations

import json

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from tests.golden.sample_app import app as sample_app
from transom import App
from transom import View
from transom.apidocs import openapi_document
from transom.apidocs import render_docs
from transom.typing import JSONValue


def _design_app() -> App:
    app = App("design", static_folder=None)

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return "<p>Hello, World!</p>"

    @app.route("/post/<post_id>")
    class Post(View):
        """A blog post."""

        def get(self, post_id: int) -> str:
            return f"Post {post_id}"

        def delete(self, post_id: int) -> tuple[str, int]:
            return "", 204

    @app.route("/search")
    class Search(View):
        def get(self, q: str, page: int = 1) -> dict[str, JSONValue]:
            return {"q": q, "page": page}

    @app.route("/hello/<name>")
    def hello(name: str) -> str:
        return f"Hello {name}"

    return app


@pytest.mark.parametrize("app", [sample_app, _design_app()], ids=["sample", "design"])
def test_document_validates(app: App) -> None:
    document = app.openapi()
    validate(document)
    assert document["openapi"] == "3.1.0"


def test_the_validator_rejects_a_broken_document() -> None:
    document = _design_app().openapi()
    del document["paths"]["/post/{post_id}"]["get"]["parameters"]
    with pytest.raises(OpenAPIValidationError):
        validate(document)


def test_design_document() -> None:
    document = _design_app().openapi()
    assert list(document["paths"]) == [
        "/",
        "/post/{post_id}",
        "/search",
        "/hello/{name}",
    ]
    post = document["paths"]["/post/{post_id}"]
    assert post["summary"] == "A blog post."
    assert list(post) == ["summary", "get", "delete"]
    assert post["get"]["parameters"] == [
        {
            "name": "post_id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 0},
        }
    ]
    assert post["get"]["responses"] == {
        "200": {
            "description": "OK",
            "content": {"text/html": {"schema": {"type": "string"}}},
        }
    }
    # tuple[str, int]: the status is chosen at run time.
    assert list(post["delete"]["responses"]) == ["default"]
    search = document["paths"]["/search"]["get"]
    assert [(p["name"], p["in"], p["required"]) for p in search["parameters"]] == [
        ("q", "query", True),
        ("page", "query", False),
    ]
    assert search["parameters"][1]["schema"]["default"] == 1
    assert search["responses"]["200"]["content"] == {
        "application/json": {"schema": {"type": "object"}}
    }
    assert "components" not in document


def test_summaries_descriptions_and_components() -> None:
    document = sample_app.openapi()
    books = document["paths"]["/books"]
    assert books["summary"] == "The catalogue."
    get = books["get"]
    assert get["summary"] == "Search the catalogue."
    assert (
        get["description"]
        == "Results come a page at a time, ``sort`` decides their order."
    )
    assert get["parameters"][0]["description"] == "words in the title."
    post = books["post"]["responses"]
    assert post["201"] == {
        "description": "the new book.",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Book"}}
        },
    }
    assert list(post) == ["201", "400", "415", "422"]
    detail = document["paths"]["/books/{book_id}"]
    assert list(detail["get"]["responses"]) == ["200", "404"]
    assert detail["delete"]["responses"] == {"204": {"description": "No Content"}}
    assert sorted(document["components"]["schemas"]) == [
        "Author",
        "AuthorInput",
        "Book",
        "Error",
        "ErrorDetail",
        "Genre",
        "NewBook",
        "Page",
        "RequestValidationError",
    ]
    # HEAD answers without a body.
    assert "content" not in document["paths"]["/health"]["head"]["responses"]["200"]


def test_operation_ids_are_unique() -> None:
    app = App("ids", static_folder=None)

    def view() -> str:
        return ""

    app.add_route("/a", view, endpoint="same")
    app.add_route("/b", view, endpoint="same")
    document = app.openapi()
    ids = [document["paths"][p]["get"]["operationId"] for p in ("/a", "/b")]
    assert ids == ["same_get", "same_get_2"]
    validate(document)


def test_info_from_arguments_settings_and_defaults() -> None:
    app = App("my_service", static_folder=None)
    assert app.openapi()["info"] == {"title": "my_service", "version": "0.0.0"}
    app.config.update(API_TITLE="Shop", API_VERSION="2.0", API_DESCRIPTION="All of it.")
    assert app.openapi()["info"] == {
        "title": "Shop",
        "version": "2.0",
        "description": "All of it.",
    }
    info = app.openapi(title="T", version="3", description="D")["info"]
    assert info == {"title": "T", "version": "3", "description": "D"}


def test_output_is_deterministic() -> None:
    """Two renders agree; the golden files check that runs agree too."""
    first = render_docs(sample_app, "openapi")
    assert render_docs(sample_app, "openapi") == first
    assert json.loads(first) == openapi_document(sample_app)
    assert first.endswith("}\n")


def test_methods_openapi_cannot_name_are_left_out() -> None:
    app = App("custom", static_folder=None)

    @app.route("/cache", methods=["GET", "PURGE"])  # type: ignore[list-item]
    def cache() -> str:
        return ""

    assert list(app.openapi()["paths"]["/cache"]) == ["get"]


def test_empty_app() -> None:
    document = App("empty", static_folder=None).openapi()
    assert document["paths"] == {}
    validate(document)
