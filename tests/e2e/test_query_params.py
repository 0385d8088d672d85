"""Query parameters: verb parameters that the rule does not name."""

from __future__ import annotations

import datetime
import enum
import html
import typing as t
import uuid

import pytest

from transom import App
from transom import Length
from transom import Range
from transom import View
from transom.converters import MAX_DIGITS
from transom.testing import TestClient
from transom.typing import JSONValue


class Order(enum.Enum):
    ASC = "asc"
    DESC = "desc"


@pytest.fixture
def query_app(app: App) -> App:
    @app.route("/search")
    class Search(View):
        def get(
            self,
            q: str,
            page: int = 1,
            size: t.Annotated[int, Range(ge=1, le=50)] = 10,
            order: Order = Order.ASC,
            sort: t.Literal["name", "date"] = "name",
            tags: list[str] | None = None,
            ids: list[int] = [],  # noqa: B006 - never mutated
            since: datetime.date | None = None,
            exact: bool = False,
            ratio: float | None = None,
            owner: uuid.UUID | None = None,
            code: t.Annotated[str, Length(max=4)] = "",
            delta: t.Annotated[int, Range(ge=-10, le=10)] = 0,
        ) -> dict[str, JSONValue]:
            return {
                "q": q,
                "page": page,
                "size": size,
                "order": order.name,
                "sort": sort,
                "tags": tags,
                "ids": ids,
                "since": since.isoformat() if since else None,
                "exact": exact,
                "ratio": ratio,
                "owner": str(owner) if owner else None,
                "code": code,
                "delta": delta,
            }

        def post(self, q: str, count: list[int]) -> dict[str, JSONValue]:
            return {"q": q, "count": count}

    @app.route("/item/<item_id>")
    def item(item_id: int, verbose: bool = False) -> dict[str, JSONValue]:
        return {"item_id": item_id, "verbose": verbose}

    @app.route("/optional")
    def optional(name: str | None, n: int | None = 5) -> dict[str, JSONValue]:
        return {"name": name, "n": n}

    return app


@pytest.fixture
def query_client(query_app: App) -> TestClient:
    return query_app.test_client()


def _defaults(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "q": "x",
        "page": 1,
        "size": 10,
        "order": "ASC",
        "sort": "name",
        "tags": None,
        "ids": [],
        "since": None,
        "exact": False,
        "ratio": None,
        "owner": None,
        "code": "",
        "delta": 0,
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("query", "changes"),
    [
        ("q=x", {}),
        ("q=x&page=3", {"page": 3}),
        ("q=x&size=50", {"size": 50}),
        ("q=x&order=desc", {"order": "DESC"}),
        ("q=x&sort=date", {"sort": "date"}),
        ("q=x&tags=a&tags=b", {"tags": ["a", "b"]}),
        ("q=x&ids=3&ids=1&ids=2", {"ids": [3, 1, 2]}),
        ("q=x&since=2024-02-29", {"since": "2024-02-29"}),
        ("q=x&exact=true", {"exact": True}),
        ("q=x&exact=0", {"exact": False}),
        ("q=x&exact=Yes", {"exact": True}),
        ("q=x&ratio=0.25", {"ratio": 0.25}),
        ("q=x&ratio=", {"ratio": None}),
        (
            "q=x&owner=12345678-1234-5678-1234-567812345678",
            {"owner": "12345678-1234-5678-1234-567812345678"},
        ),
        ("q=x&code=abcd", {"code": "abcd"}),
        ("q=x&delta=-10", {"delta": -10}),
        ("q=caf%C3%A9+au+lait", {"q": "café au lait"}),
        ("q=", {"q": ""}),
        ("q=x&unknown=ignored", {}),
        ("q=a/b", {"q": "a/b"}),
        ("q=%2Fhome%0A", {"q": "/home\n"}),
        ("q=x&q=y", {}),
    ],
)
def test_values_are_converted(
    query_client: TestClient, query: str, changes: dict[str, object]
) -> None:
    response = query_client.get(f"/search?{query}")
    assert response.status_code == 200, response.text
    assert response.json == _defaults(**changes)


def _message(text: str) -> str:
    return html.unescape(text)


def test_missing_required_parameter_is_400(query_client: TestClient) -> None:
    response = query_client.get("/search")
    assert response.status_code == 400
    assert "Query parameter 'q' is required." in _message(response.text)


def test_missing_required_list_is_400(query_client: TestClient) -> None:
    response = query_client.post("/search?q=x")
    assert response.status_code == 400
    assert "Query parameter 'count' is required." in _message(response.text)
    ok = query_client.post("/search?q=x&count=1&count=2")
    assert ok.json == {"q": "x", "count": [1, 2]}


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("page=two", "page", "must be a non-negative integer, not 'two'"),
        ("page=-1", "page", "must be a non-negative integer, not '-1'"),
        ("page=%D9%A3", "page", "must be a non-negative integer"),
        ("page=" + "9" * (MAX_DIGITS + 1), "page", "must be a non-negative integer"),
        ("page=1.5", "page", "not '1.5'"),
        ("page=", "page", "not ''"),
        ("size=0", "size", "must be an integer from 1 to 50, not '0'"),
        ("size=51", "size", "from 1 to 50"),
        ("delta=11", "delta", "must be an integer from -10 to 10, not '11'"),
        ("order=up", "order", "must be one of 'asc', 'desc', not 'up'"),
        ("sort=size", "sort", "must be one of 'name', 'date'"),
        ("ids=1&ids=x", "ids", "must be a non-negative integer, not 'x'"),
        ("since=2024-02-30", "since", "must be a date (YYYY-MM-DD)"),
        ("since=yesterday", "since", "must be a date (YYYY-MM-DD)"),
        ("exact=maybe", "exact", "must be true or false"),
        ("ratio=nan", "ratio", "must be a non-negative number"),
        ("ratio=1e9", "ratio", "not '1e9'"),
        ("owner=nope", "owner", "must be a UUID"),
        ("code=abcde", "code", "must be text of at most 4 characters"),
    ],
)
def test_unconvertible_value_is_400_naming_the_parameter(
    query_client: TestClient, query: str, name: str, expected: str
) -> None:
    response = query_client.get(f"/search?q=x&{query}")
    assert response.status_code == 400
    message = _message(response.text)
    assert f"Query parameter {name!r} must be " in message
    assert expected in message


def test_long_bad_value_is_shortened_in_the_message(query_client: TestClient) -> None:
    response = query_client.get("/search?q=x&page=" + "x" * 5000)
    assert response.status_code == 400
    message = _message(response.text)
    assert "x" * 37 + "..." in message
    assert "x" * 100 not in message


def test_bad_value_is_escaped_in_the_html(query_client: TestClient) -> None:
    response = query_client.get("/search?q=x&page=<script>")
    assert response.status_code == 400
    assert "<script>" not in response.text


def test_path_and_query_together(query_client: TestClient) -> None:
    assert query_client.get("/item/4?verbose=on").json == {
        "item_id": 4,
        "verbose": True,
    }
    # A path value that does not convert is a 404; a query value a 400.
    assert query_client.get("/item/x?verbose=on").status_code == 404
    assert query_client.get("/item/4?verbose=sure").status_code == 400


def test_optional_without_default_is_none(query_client: TestClient) -> None:
    assert query_client.get("/optional").json == {"name": None, "n": 5}
    assert query_client.get("/optional?name=&n=").json == {"name": None, "n": 5}
    assert query_client.get("/optional?name=a&n=2").json == {"name": "a", "n": 2}


def test_defaults_are_not_shared_between_requests(app: App, client: TestClient) -> None:
    @app.route("/append")
    def append(items: list[str] | None = None) -> dict[str, JSONValue]:
        values = items or []
        values.append("added")
        return {"items": values}

    assert client.get("/append?items=a").json == {"items": ["a", "added"]}
    assert client.get("/append").json == {"items": ["added"]}
    assert client.get("/append").json == {"items": ["added"]}


def test_query_parameters_on_each_verb(app: App, client: TestClient) -> None:
    @app.route("/verbs")
    class Verbs(View):
        def get(self, a: int) -> str:
            return f"get {a}"

        def delete(self, b: str = "none") -> str:
            return f"delete {b}"

    assert client.get("/verbs?a=1").text == "get 1"
    assert client.get("/verbs?b=1").status_code == 400
    assert client.delete("/verbs?a=x").text == "delete none"
    assert client.delete("/verbs?b=z").text == "delete z"


def test_head_reads_the_query_like_get(app: App, client: TestClient) -> None:
    @app.route("/h")
    def h(n: int) -> str:
        return "x" * n

    assert client.head("/h?n=3").headers["Content-Length"] == "3"
    assert client.head("/h").status_code == 400


def test_malformed_query_strings_never_500(query_client: TestClient) -> None:
    for query in ["%", "%ZZ", "q=%FF", "q=x&&&==&", "q=x&page=%00", "=&=&q=x"]:
        response = query_client.get(f"/search?{query}")
        assert response.status_code in (200, 400), query
