"""examples/api: the typed JSON API, end to end through the test client."""

from __future__ import annotations

import typing as t

import pytest
from examples.api.app import create_app
from openapi_spec_validator import validate

from transom import App
from transom.testing import TestClient
from transom.testing import TestResponse


@pytest.fixture
def api() -> App:
    return create_app({"TESTING": True})


@pytest.fixture
def api_client(api: App) -> TestClient:
    return api.test_client()


def _json(response: TestResponse) -> t.Any:
    data = response.get_json()
    assert data is not None, response.text
    return data


def _add(client: TestClient, title: str, tags: list[str] | None = None) -> int:
    response = client.post("/tasks", json={"title": title, "tags": tags or []})
    assert response.status_code == 201
    task_id = _json(response)["id"]
    assert isinstance(task_id, int)
    return task_id


def test_create_then_read(api_client: TestClient) -> None:
    response = api_client.post(
        "/tasks",
        json={"title": " Write docs ", "tags": ["a"], "steps": [{"text": "outline"}]},
    )
    assert response.status_code == 201
    assert _json(response) == {
        "id": 1,
        "title": "Write docs",
        "done": False,
        "tags": ["a"],
        "steps": [{"text": "outline", "done": False}],
    }
    assert response.headers["Location"] == "/tasks/1"
    assert "X-Request-Id" not in response.headers
    assert _json(api_client.get("/tasks/1")) == _json(response)


def test_the_request_id_header_is_sent_back(api_client: TestClient) -> None:
    response = api_client.post(
        "/tasks", json={"title": "traced"}, headers={"X-Request-Id": "abc-123"}
    )
    assert response.status_code == 201
    assert response.headers["X-Request-Id"] == "abc-123"
    # Header names are matched without regard to case.
    response = api_client.post(
        "/tasks", json={"title": "traced"}, headers={"x-request-id": "def"}
    )
    assert response.headers["X-Request-Id"] == "def"


def test_list_filters_and_pages(api_client: TestClient) -> None:
    first = _add(api_client, "one", ["home"])
    _add(api_client, "two", ["work"])
    _add(api_client, "three", ["home"])
    assert api_client.patch(f"/tasks/{first}", json={"done": True}).status_code == 200
    page = _json(api_client.get("/tasks?tag=home"))
    assert [task["title"] for task in page["items"]] == ["one", "three"]
    assert page["total"] == 2
    assert _json(api_client.get("/tasks?done=true"))["total"] == 1
    assert _json(api_client.get("/tasks?done=false&tag=home"))["items"][0]["title"] == (
        "three"
    )
    page = _json(api_client.get("/tasks?limit=1&offset=1"))
    assert [task["title"] for task in page["items"]] == ["two"]
    assert page["total"] == 3


def test_patch_changes_only_the_given_fields(api_client: TestClient) -> None:
    task_id = _add(api_client, "old", ["x"])
    response = api_client.patch(f"/tasks/{task_id}", json={"title": "new"})
    assert _json(response) == {
        "id": task_id,
        "title": "new",
        "done": False,
        "tags": ["x"],
        "steps": [],
    }
    response = api_client.patch(
        f"/tasks/{task_id}", json={"steps": [{"text": "one", "done": True}]}
    )
    assert _json(response)["steps"] == [{"text": "one", "done": True}]
    assert _json(response)["title"] == "new"


def test_delete(api_client: TestClient) -> None:
    task_id = _add(api_client, "gone")
    response = api_client.delete(f"/tasks/{task_id}")
    assert (response.status_code, response.data) == (204, b"")
    response = api_client.get(f"/tasks/{task_id}")
    assert response.status_code == 404
    assert _json(response) == {
        "error": "Not Found",
        "message": f"There is no task {task_id}.",
    }
    assert api_client.delete(f"/tasks/{task_id}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "message"),
    [
        ("GET", "/tasks?limit=0", None, 400, "'limit'"),
        ("GET", "/tasks?limit=101", None, 400, "'limit'"),
        ("GET", "/tasks?done=maybe", None, 400, "'done'"),
        ("GET", "/tasks/abc", None, 404, "not found"),
    ],
)
def test_bad_input_is_a_json_4xx(
    api_client: TestClient,
    method: str,
    path: str,
    body: object,
    status: int,
    message: str,
) -> None:
    response = api_client.open(path, method=method, json=body)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert message.lower() in _json(response)["message"].lower()


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        ({"tags": []}, [("/title", "is required")]),
        ({"title": ""}, [("/title", "has 0 characters")]),
        ({"title": "   "}, [("/title", "is blank")]),
        ({"title": "x", "tags": "a"}, [("/tags", "expected array, got string")]),
        (
            {"title": "x", "tags": [1, "b", 2]},
            [("/tags/0", "expected string"), ("/tags/2", "expected string")],
        ),
        (
            {"title": "x", "steps": [{"text": "a"}, {"done": True}]},
            [("/steps/1/text", "is required")],
        ),
        ({"title": "x", "owner": "ada"}, [("/owner", "is not a field of NewTask")]),
        (["title"], [("", "expected object, got array")]),
    ],
)
def test_an_invalid_body_is_a_422_listing_every_problem(
    api_client: TestClient, body: object, problems: list[tuple[str, str]]
) -> None:
    response = api_client.post("/tasks", json=body)
    assert response.status_code == 422
    data = _json(response)
    assert data["error"] == "Unprocessable Entity"
    found = [(p["pointer"], p["message"]) for p in data["problems"]]
    assert len(found) == len(problems), found
    for (pointer, message), (want_pointer, want_message) in zip(
        found, problems, strict=True
    ):
        assert pointer == want_pointer
        assert message.startswith(want_message), message
    assert all(p["expected"] for p in data["problems"])
    assert api_client.get("/tasks").get_json() == {"items": [], "total": 0}


def test_patch_validates_done(api_client: TestClient) -> None:
    task_id = _add(api_client, "x")
    response = api_client.patch(f"/tasks/{task_id}", json={"done": "yes"})
    assert response.status_code == 422
    assert _json(response)["problems"] == [
        {
            "pointer": "/done",
            "message": "expected boolean, got string",
            "expected": "boolean",
        }
    ]
    assert _json(api_client.get(f"/tasks/{task_id}"))["done"] is False


def test_malformed_json_and_wrong_content_type(api_client: TestClient) -> None:
    response = api_client.post(
        "/tasks", data="{", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert _json(response)["error"] == "Bad Request"
    response = api_client.post("/tasks", data="title=x")
    assert response.status_code == 415


def test_method_not_allowed_keeps_allow(api_client: TestClient) -> None:
    response = api_client.put("/tasks")
    assert response.status_code == 405
    assert _json(response)["error"] == "Method Not Allowed"
    assert set(response.headers["Allow"].split(", ")) == {
        "GET",
        "HEAD",
        "POST",
        "OPTIONS",
    }


def test_each_app_has_its_own_store() -> None:
    first = create_app({"TESTING": True}).test_client()
    _add(first, "only here")
    second = create_app({"TESTING": True}).test_client()
    assert _json(second.get("/tasks")) == {"items": [], "total": 0}


def test_openapi_document_is_valid_and_typed(api: App, api_client: TestClient) -> None:
    document = _json(api_client.get("/openapi.json"))
    validate(document)
    assert document == api.openapi()
    assert document["info"]["title"] == "Tasks"
    assert set(document["paths"]) == {"/tasks", "/tasks/{task_id}"}
    listing = document["paths"]["/tasks"]["get"]
    assert listing["summary"] == "List tasks, oldest first."
    create = document["paths"]["/tasks"]["post"]
    assert create["requestBody"]["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/NewTask"}}
    }
    assert create["parameters"][0]["name"] == "X-Request-Id"
    assert create["parameters"][0]["in"] == "header"
    assert list(create["responses"]) == ["201", "400", "415", "422"]
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    assert create["responses"]["422"]["content"] == error
    schemas = document["components"]["schemas"]
    assert schemas["NewTask"]["required"] == ["title"]
    assert schemas["NewStep"]["additionalProperties"] is False
    assert "required" not in schemas["TaskChanges"]
    delete = document["paths"]["/tasks/{task_id}"]["delete"]
    assert list(delete["responses"]) == ["204"]
    params = {p["name"]: p for p in listing["parameters"]}
    assert set(params) == {"done", "tag", "limit", "offset"}
    assert params["limit"]["schema"]["minimum"] == 1
    assert params["limit"]["schema"]["maximum"] == 100
    assert set(document["paths"]["/tasks/{task_id}"]) >= {"get", "patch", "delete"}


def test_docs_page(api_client: TestClient) -> None:
    response = api_client.get("/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "/tasks/{task_id}" in response.text
