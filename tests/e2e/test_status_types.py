"""Statuses declared in the return annotation: Created, Accepted, NoContent
and a user's own Status subclass, end to end through the test client."""

from __future__ import annotations

import dataclasses
import typing as t

import pytest
from werkzeug.datastructures import Headers

from transom import Accepted
from transom import App
from transom import Created
from transom import NoContent
from transom import Response
from transom import Status
from transom import View
from transom import make_response
from transom.exceptions import ResponseTypeError
from transom.testing import TestClient
from transom.typing import ResponseBody


class Task(t.TypedDict):
    id: int
    title: str


@dataclasses.dataclass
class Receipt:
    job: str


BodyT = t.TypeVar("BodyT", bound=ResponseBody)


class PartialContent(Status[BodyT]):
    code = 206


class Teapot(Status[str]):
    code = 418


def test_created_sends_201_with_a_json_body_and_headers(
    app: App, client: TestClient
) -> None:
    @app.route("/tasks")
    class Tasks(View):
        def post(self) -> Created[Task]:
            return Created(
                {"id": 7, "title": "Write"}, headers={"Location": "/tasks/7"}
            )

    response = client.post("/tasks")
    assert response.status_code == 201
    assert response.mimetype == "application/json"
    assert response.get_json() == {"id": 7, "title": "Write"}
    assert response.headers["Location"] == "/tasks/7"


def test_accepted_converts_a_dataclass_and_a_str(app: App, client: TestClient) -> None:
    @app.route("/jobs")
    class Jobs(View):
        def post(self) -> Accepted[Receipt]:
            return Accepted(Receipt("j1"))

        def put(self) -> Accepted[str]:
            return Accepted("<p>later</p>")

    response = client.post("/jobs")
    assert (response.status_code, response.get_json()) == (202, {"job": "j1"})
    response = client.put("/jobs")
    assert response.status_code == 202
    assert response.mimetype == "text/html"
    assert response.text == "<p>later</p>"


def test_no_content_has_an_empty_body(app: App, client: TestClient) -> None:
    @app.route("/tasks/<int:task_id>")
    def remove(task_id: int) -> NoContent:
        return NoContent(headers=[("X-Removed", str(task_id))])

    response = client.get("/tasks/3")
    assert response.status_code == 204
    assert response.data == b""
    assert response.headers["X-Removed"] == "3"


def test_a_status_of_none_is_an_empty_body(app: App, client: TestClient) -> None:
    @app.route("/r")
    def r() -> Created[None]:
        return Created(None, Headers({"Location": "/r/1"}))

    response = client.get("/r")
    assert (response.status_code, response.data) == (201, b"")
    assert response.headers["Location"] == "/r/1"


def test_a_users_status(app: App, client: TestClient) -> None:
    @app.route("/part")
    def part() -> PartialContent[list[int]]:
        return PartialContent([1, 2])

    @app.route("/pot")
    def pot() -> Teapot:
        return Teapot("short and stout")

    response = client.get("/part")
    assert (response.status_code, response.get_json()) == (206, [1, 2])
    response = client.get("/pot")
    assert (response.status_code, response.text) == (418, "short and stout")


def test_a_response_body_gets_the_status(app: App, client: TestClient) -> None:
    @app.route("/r")
    def r() -> Created[Response]:
        return Created(Response("made", mimetype="text/plain"))

    response = client.get("/r")
    assert (response.status_code, response.text) == (201, "made")
    assert response.mimetype == "text/plain"


def test_make_response_takes_a_status(app: App) -> None:
    with app.test_request_context():
        response = make_response(Created({"id": 1}))
    assert response.status_code == 201
    assert response.get_json() == {"id": 1}


def test_an_error_handler_may_return_one(app: App, client: TestClient) -> None:
    @app.errorhandler(404)
    def missing(e: Exception) -> Accepted[dict[str, str]]:
        return Accepted({"queued": "yes"})

    response = client.get("/nowhere")
    assert (response.status_code, response.get_json()) == (202, {"queued": "yes"})


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ((Created("x"), 200), "returned tuple (Created('x'), 200)"),
        ((Created("x"), {"X-A": "1"}), "returned tuple"),
        (
            Created(t.cast(t.Any, Created("x"))),
            "returned Created Created(Created('x'))",
        ),
        (Created(t.cast(t.Any, ("x", 201))), "returned Created Created(('x', 201))"),
        (Created(t.cast(t.Any, 42)), "returned Created Created(42)"),
        (Created("x", headers=t.cast(t.Any, 5)), "returned Created Created('x'"),
    ],
)
def test_a_status_is_not_a_body(app: App, value: object, shown: str) -> None:
    """A Status is the whole return value: not inside a tuple, not inside
    another Status, and its body is one a view may return."""

    def view() -> t.Any:
        return value

    app.add_route("/r", view)
    with pytest.raises(ResponseTypeError) as info:
        app.test_client().get("/r")
    assert f"view {shown}" in str(info.value)
    assert "a body with its status (Created(body), NoContent(), ...)" in str(info.value)


def test_header_values_with_newlines_are_a_400(app: App, client: TestClient) -> None:
    @app.route("/r")
    def r() -> Created[str]:
        return Created("x", headers={"Location": "/a\r\nSet-Cookie: a=b"})

    assert client.get("/r").status_code == 400


def test_status_is_immutable_and_compares_by_value() -> None:
    created = Created({"id": 1})
    assert created == Created({"id": 1})
    assert created != Accepted({"id": 1})
    assert created != Created({"id": 2})
    assert Created("a") in {Created("a")}
    assert repr(created) == "Created({'id': 1})"
    assert repr(NoContent()) == "NoContent()"
    assert repr(NoContent(headers={"X": "1"})) == "NoContent(headers={'X': '1'})"
    assert (Created.code, Accepted.code, NoContent.code) == (201, 202, 204)
    with pytest.raises(AttributeError, match="Created is immutable"):
        setattr(created, "_body", {"id": 2})  # noqa: B010


def test_status_without_a_code_names_the_fix() -> None:
    class Pending(Status[str]):
        pass

    with pytest.raises(TypeError, match=r"Pending has no status code.*'code = 201'"):
        Pending("x")
    with pytest.raises(TypeError, match="Status has no status code"):
        Status("x")


@pytest.mark.parametrize("code", [99, 600, "201", True])
def test_a_code_that_is_no_status_fails_at_class_creation(code: object) -> None:
    with pytest.raises(TypeError, match=r"Odd\.code is .*, which is no HTTP status"):
        type("Odd", (Status,), {"code": code})
