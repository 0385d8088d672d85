"""JSON bodies and whole forms declared in the signature, end to end: each
error status, the 422 body, its replacement, and fuzzing."""

from __future__ import annotations

import dataclasses
import json
import typing as t

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from transom import App
from transom import Body
from transom import Form
from transom import Header
from transom import Length
from transom import Range
from transom import View
from transom.exceptions import RequestValidationError
from transom.testing import TestClient
from transom.testing import TestResponse
from transom.typing import JSONValue


@dataclasses.dataclass
class Item:
    name: t.Annotated[str, Length(min=1, max=20)]
    price: t.Annotated[float, Range(ge=0)]


@dataclasses.dataclass
class Order:
    customer: str
    items: list[Item]
    priority: t.Literal["low", "high"] = "low"
    tags: list[str] = dataclasses.field(default_factory=list[str])
    note: str | None = None


class Totals(t.TypedDict):
    count: int
    total: float


@dataclasses.dataclass
class Signup:
    name: str
    age: int
    newsletter: bool = False


@pytest.fixture
def bodies_app(app: App) -> App:
    @app.route("/orders")
    class Orders(View):
        def post(self, order: Order = Body()) -> Totals:
            order.tags.append("seen")  # a fresh list per request
            return {
                "count": len(order.items),
                "total": sum(item.price for item in order.items),
            }

        def put(
            self,
            order: Order = Body(unknown="ignore"),
            request_id: int = Header("X-Request-Id"),
        ) -> dict[str, JSONValue]:
            return {"customer": order.customer, "id": request_id, "tags": order.tags}

    @app.route("/maybe", methods=["POST"])
    def maybe(items: list[Item] | None = Body()) -> dict[str, JSONValue]:
        return {"items": None if items is None else len(items)}

    @app.route("/signup")
    class Signups(View):
        def post(self, signup: Signup = Form()) -> dict[str, JSONValue]:
            return dataclasses.asdict(signup)

    return app


@pytest.fixture
def client(bodies_app: App) -> TestClient:
    return bodies_app.test_client()


def _errors(response: TestResponse) -> list[dict[str, str]]:
    """The errors of a 422 body."""
    assert response.status_code == 422
    assert response.mimetype == "application/json"
    return t.cast("dict[str, list[dict[str, str]]]", response.json)["errors"]


ORDER: t.Final = {
    "customer": "ada",
    "items": [{"name": "pen", "price": 1.5}, {"name": "ink", "price": 2}],
    "priority": "high",
    "tags": ["a"],
}


def test_a_valid_body_is_decoded(client: TestClient) -> None:
    response = client.post("/orders", json=ORDER)
    assert response.status_code == 200
    assert response.json == {"count": 2, "total": 3.5}


def test_every_error_is_listed_with_its_pointer(client: TestClient) -> None:
    bad = {
        "customer": 7,
        "items": [{"name": "", "price": -1}, {"name": "x"}],
        "priority": "urgent",
        "colour": "red",
    }
    errors = _errors(client.post("/orders", json=bad))
    assert [(e["source"], e["pointer"]) for e in errors] == [
        ("body", "/customer"),
        ("body", "/items/0/name"),
        ("body", "/items/0/price"),
        ("body", "/items/1/price"),
        ("body", "/priority"),
        ("body", "/colour"),
    ]
    assert errors[0] == {
        "source": "body",
        "pointer": "/customer",
        "message": "expected string, got integer",
        "expected": "string",
    }
    assert all(set(e) == {"source", "pointer", "message", "expected"} for e in errors)


def test_the_whole_document_has_the_empty_pointer(client: TestClient) -> None:
    response = client.post("/orders", json=[1, 2])
    assert response.status_code == 422
    assert response.json == {
        "errors": [
            {
                "source": "body",
                "pointer": "",
                "message": "expected object, got array",
                "expected": "object",
            }
        ]
    }


def test_unknown_fields_can_be_ignored(client: TestClient) -> None:
    response = client.put(
        "/orders",
        json={**ORDER, "colour": "red"},
        headers={"X-Request-Id": "9"},
    )
    assert response.json == {"customer": "ada", "id": 9, "tags": ["a"]}


def test_a_bad_header_is_a_400_before_the_body_is_read(client: TestClient) -> None:
    response = client.put("/orders", data="{", content_type="application/json")
    assert response.status_code == 400
    assert "Header &#39;X-Request-Id&#39; is required." in response.text


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"data": "{not json", "content_type": "application/json"}, 400),
        ({"data": "", "content_type": "application/json"}, 400),
        ({"data": b"\xff\xfe\x00", "content_type": "application/json"}, 400),
        ({"data": json.dumps(ORDER), "content_type": "text/plain"}, 415),
        ({"data": {"customer": "ada"}}, 415),
        ({}, 415),
    ],
)
def test_malformed_json_is_400_and_another_type_415(
    client: TestClient, kwargs: dict[str, t.Any], status: int
) -> None:
    assert client.post("/orders", **kwargs).status_code == status


@pytest.mark.parametrize(
    ("price", "status"),
    [
        ("1e999", 400),
        ("-1E+400", 400),
        ("9" * 210 + "e99", 400),  # 200 digits and more, in a longer body
        ("9" * 209 + "e99", 200),  # the largest of that form that is finite
        ("1e-999", 200),
        ("1.5e300", 200),
    ],
)
def test_a_number_beyond_a_float_in_a_short_body_is_400(
    client: TestClient, price: str, status: int
) -> None:
    # The customer's name holds an "e": it is the number that decides.
    body = '{"customer": "eve", "items": [{"name": "pen", "price": ' + price + "}]}"
    response = client.post("/orders", data=body, content_type="application/json")
    assert response.status_code == status, response.text


@pytest.mark.parametrize(
    ("name", "status"),
    [("\\ud800", 400), ("\\udc00x", 400), ("\\ud83d\\ude00", 200)],
)
def test_an_unpaired_surrogate_in_a_short_body_is_400(
    client: TestClient, name: str, status: int
) -> None:
    body = '{"customer": "ada", "items": [{"name": "' + name + '", "price": 1}]}'
    response = client.post("/orders", data=body, content_type="application/json")
    assert response.status_code == status, response.text


def test_a_json_subtype_is_json(client: TestClient) -> None:
    response = client.post(
        "/orders", data=json.dumps(ORDER), content_type="application/merge-patch+json"
    )
    assert response.status_code == 200


def test_an_optional_body_may_be_absent(client: TestClient) -> None:
    assert client.post("/maybe").json == {"items": None}
    assert client.post("/maybe", json=None).json == {"items": None}
    assert client.post("/maybe", json=[{"name": "a", "price": 1}]).json == {"items": 1}


def test_a_whole_form_converts_text(client: TestClient) -> None:
    response = client.post(
        "/signup", data={"name": "ada", "age": "36", "newsletter": "on"}
    )
    assert response.json == {"name": "ada", "age": 36, "newsletter": True}


def test_an_invalid_form_is_422_from_the_form(client: TestClient) -> None:
    errors = _errors(client.post("/signup", data={"age": "old", "x": "1"}))
    assert {(e["source"], e["pointer"]) for e in errors} == {
        ("form", "/name"),
        ("form", "/age"),
        ("form", "/x"),
    }


def test_the_error_handler_replaces_the_422(
    bodies_app: App, client: TestClient
) -> None:
    @bodies_app.errorhandler(RequestValidationError)
    def invalid(e: RequestValidationError) -> tuple[str, int]:
        return " ".join(f"{d.source}:{d.pointer}" for d in e.errors), 400

    response = client.post("/orders", json={"customer": "a", "items": [{}]})
    assert response.status_code == 400
    assert response.text == "body:/items/0/name body:/items/0/price"


def test_a_422_handler_takes_it_too(bodies_app: App, client: TestClient) -> None:
    @bodies_app.errorhandler(422)
    def invalid(e: Exception) -> tuple[str, int]:
        assert isinstance(e, RequestValidationError)
        return f"{len(e.errors)} errors", 422

    assert client.post("/orders", json={}).text == "2 errors"


def test_nothing_leaks_between_requests(client: TestClient) -> None:
    first = client.post("/orders", json=ORDER)
    second = client.post("/orders", json={"customer": "b", "items": []})
    third = client.post("/orders", json={"customer": "b"})
    assert first.json == {"count": 2, "total": 3.5}
    assert second.json == {"count": 0, "total": 0}
    assert [e["pointer"] for e in _errors(third)] == ["/items"]


# -- fuzzing: nothing a client sends gets a 5xx ---------------------------

_json: st.SearchStrategy[object] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=25,
)


def _paths(
    document: object, prefix: tuple[str | int, ...] = ()
) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(document, dict):
        for key, value in t.cast("dict[str, object]", document).items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(t.cast("list[object]", document)):
            found += _paths(value, (*prefix, index))
    return found


def _replace(document: object, path: tuple[str | int, ...], value: object) -> object:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(document, dict) and isinstance(head, str):
        copy = dict(t.cast("dict[str, object]", document))
        copy[head] = _replace(copy[head], rest, value)
        return copy
    assert isinstance(document, list) and isinstance(head, int)
    items = list(t.cast("list[object]", document))
    items[head] = _replace(items[head], rest, value)
    return items


_SETTINGS: t.Final = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_SETTINGS
@given(document=_json)
def test_fuzz_random_json_never_5xx(client: TestClient, document: object) -> None:
    response = client.post(
        "/orders", data=json.dumps(document), content_type="application/json"
    )
    assert response.status_code in (200, 422), response.text


@_SETTINGS
@given(data=st.data(), value=_json)
def test_fuzz_one_field_mutated_never_5xx(
    client: TestClient, data: st.DataObject, value: object
) -> None:
    path = data.draw(st.sampled_from(_paths(ORDER)))
    response = client.post(
        "/orders",
        data=json.dumps(_replace(ORDER, path, value)),
        content_type="application/json",
    )
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert _errors(response)


@_SETTINGS
@given(raw=st.binary(max_size=60))
def test_fuzz_raw_bytes_never_5xx(client: TestClient, raw: bytes) -> None:
    response = client.post("/orders", data=raw, content_type="application/json")
    assert response.status_code in (200, 400, 422), response.text


@_SETTINGS
@given(
    fields=st.dictionaries(
        st.sampled_from(["name", "age", "newsletter", "zz"]), st.text(max_size=10)
    )
)
def test_fuzz_forms_never_5xx(client: TestClient, fields: dict[str, str]) -> None:
    response = client.post("/signup", data=fields)
    assert response.status_code in (200, 422), response.text
