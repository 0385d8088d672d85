"""Request data in the route docs: OpenAPI's requestBody, header and cookie
parameters, the errors reading them may give, declared statuses, and the
request body sections and examples of the Markdown and HTML pages."""

from __future__ import annotations

import dataclasses
import json
import typing as t

import pytest
from examples.api.app import create_app
from openapi_spec_validator import validate

from tests.golden.sample_app import app as sample_app
from transom import App
from transom import Body
from transom import Cookie
from transom import Created
from transom import File
from transom import FileStorage
from transom import Form
from transom import Header
from transom import NoContent
from transom import Range
from transom import View
from transom.apidocs import describe_routes
from transom.apidocs import render_docs
from transom.apidocs._outline import build_outline
from transom.exceptions import HTTPException
from transom.exceptions import RequestValidationError

REF = "#/components/schemas/"


@dataclasses.dataclass
class Line:
    sku: str
    quantity: t.Annotated[int, Range(ge=1)] = 1


@dataclasses.dataclass
class Order:
    """An order."""

    lines: list[Line]
    note: str | None = None
    """Said to the courier."""


class Problem(t.TypedDict):
    message: str


def _orders() -> App:
    app = App("orders", static_folder=None)

    @app.route("/orders")
    class Orders(View):
        def post(
            self,
            order: Order = Body(),
            request_id: str | None = Header("X-Request-Id"),
            region: t.Literal["eu", "us"] = Cookie(default="eu"),
        ) -> Created[Order]:
            """Place an order.

            :param order: what to send.
            :param request_id: echoed back.
            """
            return Created(order)

        def get(self) -> list[Order]:
            return []

    return app


def test_a_json_body_is_a_request_body_of_its_own_component() -> None:
    document = _orders().openapi()
    validate(document)
    post = document["paths"]["/orders"]["post"]
    assert post["requestBody"] == {
        "description": "what to send.",
        "required": True,
        "content": {"application/json": {"schema": {"$ref": REF + "OrderInput"}}},
    }
    schemas = document["components"]["schemas"]
    # As a request: fields with defaults are optional, unknown fields refused.
    assert schemas["OrderInput"]["required"] == ["lines"]
    assert schemas["OrderInput"]["additionalProperties"] is False
    assert schemas["OrderInput"]["properties"]["note"]["description"] == (
        "Said to the courier."
    )
    assert schemas["LineInput"]["properties"]["quantity"] == {
        "type": "integer",
        "minimum": 1,
        "default": 1,
    }
    # As a response every field is written: the plain name is the response's.
    assert schemas["Order"]["required"] == ["lines", "note"]
    assert post["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": REF + "Order"
    }


def test_the_response_keeps_the_plain_name_whatever_the_route_order() -> None:
    app = App("order_first", static_folder=None)

    @app.route("/a")
    def place(order: Order = Body()) -> NoContent:
        return NoContent()

    @app.route("/b")
    def show() -> Order:
        raise NotImplementedError

    document = app.openapi()
    body = document["paths"]["/a"]["get"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": REF + "OrderInput"}
    assert document["paths"]["/b"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"] == {"$ref": REF + "Order"}


def test_a_type_only_sent_has_its_plain_name() -> None:
    app = App("only_sent", static_folder=None)

    @app.route("/a", methods=["POST"])
    def place(order: Order = Body()) -> NoContent:
        return NoContent()

    schemas = app.openapi()["components"]["schemas"]
    assert {"Order", "Line"} <= set(schemas)
    assert "OrderInput" not in schemas


def test_headers_and_cookies_are_parameters() -> None:
    post = _orders().openapi()["paths"]["/orders"]["post"]
    assert post["parameters"] == [
        {
            "name": "X-Request-Id",
            "in": "header",
            "required": False,
            "description": "echoed back.",
            "schema": {"type": "string"},
        },
        {
            "name": "region",
            "in": "cookie",
            "required": False,
            "schema": {"type": "string", "enum": ["eu", "us"], "default": "eu"},
        },
    ]


def test_errors_of_request_data_are_documented() -> None:
    document = _orders().openapi()
    responses = document["paths"]["/orders"]["post"]["responses"]
    assert list(responses) == ["201", "400", "415", "422"]
    assert responses["201"]["description"] == "Created"
    assert responses["400"] == {
        "description": "The JSON body is malformed or a header or cookie is"
        " missing or does not convert."
    }
    assert responses["415"] == {"description": "The body is not application/json."}
    assert responses["422"]["content"] == {
        "application/json": {"schema": {"$ref": REF + "RequestValidationError"}}
    }
    schemas = document["components"]["schemas"]
    assert schemas["RequestValidationError"]["properties"]["errors"]["items"] == {
        "$ref": REF + "ErrorDetail"
    }
    assert schemas["ErrorDetail"]["required"] == [
        "source",
        "pointer",
        "message",
        "expected",
    ]
    # An operation that reads nothing from the request has none of them.
    assert list(document["paths"]["/orders"]["get"]["responses"]) == ["200"]


def test_the_documented_422_is_what_transom_sends(client_app: App) -> None:
    """The RequestValidationError schema describes the real 422 body."""
    document = client_app.openapi()
    detail = document["components"]["schemas"]["ErrorDetail"]
    response = client_app.test_client().post("/orders", json={"lines": [{}], "x": 1})
    assert response.status_code == 422
    body = response.get_json()
    assert set(body) == set(
        document["components"]["schemas"]["RequestValidationError"]["required"]
    )
    for error in body["errors"]:
        assert set(error) == set(detail["required"])
        assert all(isinstance(value, str) for value in error.values())


@pytest.fixture
def client_app() -> App:
    return _orders()


def test_an_error_handler_documents_the_error_body() -> None:
    app = _orders()

    @app.errorhandler(RequestValidationError)
    def invalid(error: RequestValidationError) -> tuple[Problem, int]:
        return {"message": str(error)}, 422

    responses = app.openapi()["paths"]["/orders"]["post"]["responses"]
    assert responses["422"]["content"] == {
        "application/json": {"schema": {"$ref": REF + "Problem"}}
    }
    assert "content" not in responses["400"]


def test_a_handler_of_every_http_error_documents_them_all() -> None:
    app = _orders()

    @app.errorhandler(HTTPException)
    def as_json(error: HTTPException) -> tuple[Problem, int]:
        return {"message": error.description or ""}, error.code or 500

    document = app.openapi()
    responses = document["paths"]["/orders"]["post"]["responses"]
    for status in ("400", "415", "422"):
        assert responses[status]["content"] == {
            "application/json": {"schema": {"$ref": REF + "Problem"}}
        }
    # transom's own 422 body is not sent, so not in the document.
    assert "RequestValidationError" not in document["components"]["schemas"]


def test_a_status_the_annotation_declares_wins() -> None:
    app = App("declared", static_folder=None)

    @app.route("/orders", methods=["POST"])
    def place(order: Order = Body()) -> Created[Order] | tuple[Problem, t.Literal[422]]:
        raise NotImplementedError

    responses = app.openapi()["paths"]["/orders"]["post"]["responses"]
    assert responses["422"] == {
        "description": "Unprocessable Entity",
        "content": {"application/json": {"schema": {"$ref": REF + "Problem"}}},
    }


def test_an_optional_body_is_not_required() -> None:
    app = App("optional", static_folder=None)

    @app.route("/orders", methods=["POST"])
    def place(order: Order | None = Body()) -> NoContent:
        return NoContent()

    body = app.openapi()["paths"]["/orders"]["post"]["requestBody"]
    assert body == {
        "required": False,
        "content": {"application/json": {"schema": {"$ref": REF + "Order"}}},
    }


def test_forms_and_files() -> None:
    app = App("forms", static_folder=None)

    @app.route("/whole", methods=["POST"])
    def whole(line: Line = Form()) -> NoContent:
        return NoContent()

    @app.route("/fields", methods=["POST"])
    def fields(
        title: str = Form(),
        count: int = Form(default=2),
        photo: FileStorage = File(),
        more: list[FileStorage] = File("extra"),
    ) -> NoContent:
        """Fields one by one.

        :param photo: a picture.
        """
        return NoContent()

    @app.route("/text", methods=["POST"])
    def text(tags: list[str] = Form()) -> NoContent:
        return NoContent()

    document = app.openapi()
    validate(document)
    paths = document["paths"]
    assert paths["/whole"]["post"]["requestBody"]["content"] == {
        "application/x-www-form-urlencoded": {"schema": {"$ref": REF + "Line"}},
        "multipart/form-data": {"schema": {"$ref": REF + "Line"}},
    }
    file = {"type": "string", "contentMediaType": "application/octet-stream"}
    assert paths["/fields"]["post"]["requestBody"] == {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "count": {"type": "integer", "minimum": 0, "default": 2},
                        "photo": {**file, "description": "a picture."},
                        "extra": {"type": "array", "items": file},
                    },
                    "required": ["title", "photo"],
                }
            }
        },
    }
    # No JSON and no header: nothing gives a 400.
    assert list(paths["/fields"]["post"]["responses"]) == ["204", "415", "422"]
    assert paths["/text"]["post"]["requestBody"]["content"][
        "application/x-www-form-urlencoded"
    ]["schema"] == {
        "type": "object",
        "properties": {"tags": {"type": "array", "items": {"type": "string"}}},
    }


def test_markdown_shows_the_body_and_a_full_example_request() -> None:
    text = render_docs(_orders(), "markdown")
    assert (
        "| `application/json` | [OrderInput](#orderinput) | yes | what to send. |"
        in text
    )
    assert "| `X-Request-Id` | header | string | no |  | echoed back. |" in text
    request = text.split("Example request:\n\n```http\nPOST /orders HTTP/1.1\n")[1]
    head, _, rest = request.partition("\n\n")
    assert head.splitlines() == [
        "Content-Type: application/json",
        "X-Request-Id: X-Request-Id",
        "Cookie: region=eu",
    ]
    body = rest.split("\n```")[0]
    assert json.loads(body) == {"lines": [{"sku": "sku", "quantity": 1}], "note": None}
    # The example response is the 201, not the 422 of a bad request.
    assert "Example response (`201`):" in text
    assert "Fields not listed here are refused (`422`)." in text


def test_html_shows_the_body_and_a_full_example_request() -> None:
    page = render_docs(_orders(), "html")
    assert "<h3>Request body</h3>" in page
    assert '<a href="#schema-orderinput">OrderInput</a>' in page
    assert '<span class="hdr">Content-Type</span>: application/json' in page
    assert '<span class="hdr">Cookie</span>: region=eu' in page
    assert "Response 201" in page


def test_form_examples_are_encoded_as_sent() -> None:
    app = App("encoded", static_folder=None)

    @app.route("/line", methods=["POST"])
    def line(line: Line = Form()) -> NoContent:
        return NoContent()

    @app.route("/photo", methods=["POST"])
    def photo(title: str = Form(), photo: FileStorage = File()) -> NoContent:
        return NoContent()

    outline = build_outline(app)
    first, second = (route.operations[0] for route in outline.routes)
    assert first.example_headers == ("Content-Type: application/x-www-form-urlencoded",)
    assert first.example_body == "sku=sku&quantity=1"
    assert second.example_headers == (
        "Content-Type: multipart/form-data; boundary=boundary",
    )
    assert second.example_body is not None
    assert 'name="photo"; filename="photo.bin"' in second.example_body
    assert second.example_body.endswith("--boundary--")
    assert second.body is not None
    assert [(f.name, f.type, f.required) for f in second.body.fields] == [
        ("title", "string", True),
        ("photo", "file", True),
    ]


@pytest.mark.parametrize(
    "app",
    [sample_app, _orders(), create_app({"TESTING": True})],
    ids=["sample", "orders", "examples-api"],
)
def test_every_example_body_is_accepted(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example a page shows for a JSON body decodes without error: the
    schema, the example maker and the decoder agree."""
    monkeypatch.setitem(app.config, "TESTING", True)  # the view's error propagates
    client = app.test_client()
    tried = 0
    for route in build_outline(app).routes:
        for op in route.operations:
            if op.example_body is None or op.body is None:
                continue
            if op.body.media_types != ("application/json",):
                continue
            headers = dict(line.split(": ", 1) for line in op.example_headers)
            method, _, url = op.example_request.partition(" ")
            try:
                response = client.open(
                    url, method=method, data=op.example_body, headers=headers
                )
            except NotImplementedError:
                tried += 1  # the view ran: the body was accepted
                continue
            tried += 1
            # Accepted, whatever the view then answers (a 404 for an
            # example id that names no task).
            assert response.status_code not in (400, 415, 422), response.text
    assert tried


def test_introspection_describes_request_data() -> None:
    (route,) = describe_routes(_orders())
    post = next(op for op in route.operations if op.method == "POST")
    assert [(p.name, p.location, p.required) for p in post.params] == [
        ("X-Request-Id", "header", False),
        ("region", "cookie", False),
    ]
    assert post.header_params == post.params[:1]
    assert post.cookie_params[0].default == "eu"
    (body,) = post.body_params
    assert (body.name, body.source, body.key, body.whole) == ("order", "body", "", True)
    assert (body.type, body.required, body.unknown) == ("Order", True, "forbid")
    assert body.description == "what to send."
    assert post.body_media_types == ("application/json",)
    get = next(op for op in route.operations if op.method == "GET")
    assert (get.body_params, get.body_media_types) == ((), ())


def test_a_whole_form_with_files_beside_it() -> None:
    app = App("whole_and_files", static_folder=None)

    @app.route("/upload", methods=["POST"])
    def upload(line: Line = Form(), scan: FileStorage = File()) -> NoContent:
        """:param line: what the scan shows."""
        return NoContent()

    document = app.openapi()
    validate(document)
    body = document["paths"]["/upload"]["post"]["requestBody"]
    assert body["content"] == {
        "multipart/form-data": {
            "schema": {
                "allOf": [
                    {"$ref": REF + "Line"},
                    {
                        "type": "object",
                        "properties": {
                            "scan": {
                                "type": "string",
                                "contentMediaType": "application/octet-stream",
                            }
                        },
                        "required": ["scan"],
                    },
                ]
            }
        }
    }
    (route,) = build_outline(app).routes
    (op,) = route.operations
    assert op.body is not None
    assert (op.body.type, op.body.description) == ("Line", "what the scan shows.")
    assert [f.name for f in op.body.fields] == ["scan"]
    assert op.example_body is not None
    for part in ('name="sku"', 'name="quantity"', 'name="scan"; filename="scan.bin"'):
        assert part in op.example_body
    text = render_docs(app, "markdown")
    assert (
        "| `multipart/form-data` | [Line](#line) | yes | what the scan shows. |" in text
    )
    assert "And beside it:" in text
    assert "| `scan` | file | yes |  |" in text
