"""Headers, cookies, form fields and files declared in the signature."""

from __future__ import annotations

import datetime
import html
import io
import typing as t
import uuid

import pytest

from transom import App
from transom import Cookie
from transom import File
from transom import FileStorage
from transom import Form
from transom import Header
from transom import Range
from transom import View
from transom import url_for
from transom.testing import TestClient
from transom.typing import JSONValue


@pytest.fixture
def headers_app(app: App) -> App:
    @app.route("/h")
    class Headers(View):
        def get(
            self,
            request_id: uuid.UUID = Header("X-Request-Id"),
            user_agent: str | None = Header(),
            page: t.Annotated[int, Range(ge=1)] = Header("X-Page", default=1),
            tags: list[str] = Header("X-Tags", default=[]),
            since: datetime.date | None = Header("X-Since"),
        ) -> dict[str, JSONValue]:
            return {
                "request_id": str(request_id),
                "user_agent": user_agent,
                "page": page,
                "tags": tags,
                "since": since.isoformat() if since else None,
            }

    return app


RID: t.Final = "12345678-1234-5678-1234-567812345678"


def test_headers_are_converted(headers_app: App) -> None:
    client = headers_app.test_client()
    response = client.get(
        "/h",
        headers={
            "x-request-id": RID,  # matched without regard to case
            "User-Agent": "probe",
            "X-Page": "3",
            "X-Tags": "a, b,c",
            "X-Since": "2024-05-01",
        },
    )
    assert response.status_code == 200
    assert response.json == {
        "request_id": RID,
        "user_agent": "probe",
        "page": 3,
        "tags": ["a", "b", "c"],
        "since": "2024-05-01",
    }


def test_absent_headers_take_defaults_or_none(headers_app: App) -> None:
    client = TestClient(headers_app, use_cookies=False)
    response = client.get("/h", headers={"X-Request-Id": RID}, environ_base={})
    assert response.status_code == 200
    data = response.json
    assert isinstance(data, dict)
    assert data["page"] == 1
    assert data["tags"] == []
    assert data["since"] is None


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Header 'X-Request-Id' is required."),
        ({"X-Request-Id": "nope"}, "Header 'X-Request-Id' must be a UUID"),
        ({"X-Request-Id": RID, "X-Page": "0"}, "Header 'X-Page' must be an integer"),
        ({"X-Request-Id": RID, "X-Page": "x"}, "Header 'X-Page' must be an integer"),
        ({"X-Request-Id": RID, "X-Since": "May"}, "Header 'X-Since' must be a date"),
    ],
)
def test_missing_or_malformed_header_is_400_naming_it(
    headers_app: App, headers: dict[str, str], message: str
) -> None:
    response = headers_app.test_client().get("/h", headers=headers)
    assert response.status_code == 400
    assert message in html.unescape(response.text)


@pytest.fixture
def cookies_app(app: App) -> App:
    @app.route("/c")
    class Cookies(View):
        def get(
            self,
            theme: t.Literal["light", "dark"] = Cookie(default="light"),
            visits: int = Cookie("n"),
            seen: list[str] | None = Cookie(),
        ) -> dict[str, JSONValue]:
            return {"theme": theme, "visits": visits, "seen": seen}

    return app


def test_cookies_are_converted(cookies_app: App) -> None:
    client = cookies_app.test_client()
    client.set_cookie("theme", "dark")
    client.set_cookie("n", "4")
    response = client.get("/c")
    assert response.json == {"theme": "dark", "visits": 4, "seen": None}


@pytest.mark.parametrize(
    ("cookies", "message"),
    [
        ({}, "Cookie 'n' is required."),
        ({"n": "four"}, "Cookie 'n' must be a non-negative integer, not 'four'."),
        ({"n": "1", "theme": "blue"}, "Cookie 'theme' must be one of 'light', 'dark'"),
    ],
)
def test_missing_or_malformed_cookie_is_400_naming_it(
    cookies_app: App, cookies: dict[str, str], message: str
) -> None:
    client = cookies_app.test_client()
    for key, value in cookies.items():
        client.set_cookie(key, value)
    response = client.get("/c")
    assert response.status_code == 400
    assert message in html.unescape(response.text)


@pytest.fixture
def upload_app(app: App) -> App:
    @app.route("/upload")
    class Upload(View):
        def post(
            self,
            title: str = Form(),
            count: int = Form("n", default=1),
            labels: list[str] = Form("label"),
            photo: FileStorage = File(),
            extra: FileStorage | None = File(),
            more: list[FileStorage] = File("more"),
        ) -> dict[str, JSONValue]:
            return {
                "title": title,
                "count": count,
                "labels": labels,
                "photo": [photo.filename, photo.read().decode()],
                "extra": extra.filename if extra else None,
                "more": [f.filename for f in more],
            }

    return app


def _file(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(data), name


def test_form_fields_and_files(upload_app: App) -> None:
    response = upload_app.test_client().post(
        "/upload",
        data={
            "title": "Hi",
            "n": "2",
            "label": ["a", "b"],
            "photo": _file(b"pixels", "me.png"),
            "more": [_file(b"1", "one.txt"), _file(b"2", "two.txt")],
        },
    )
    assert response.status_code == 200, response.text
    assert response.json == {
        "title": "Hi",
        "count": 2,
        "labels": ["a", "b"],
        "photo": ["me.png", "pixels"],
        "extra": None,
        "more": ["one.txt", "two.txt"],
    }


def test_an_empty_file_input_is_absent(upload_app: App) -> None:
    response = upload_app.test_client().post(
        "/upload",
        data={"title": "Hi", "photo": _file(b"x", "a.png"), "extra": _file(b"", "")},
    )
    assert response.status_code == 200, response.text
    data = response.json
    assert isinstance(data, dict)
    assert data["extra"] is None
    assert data["labels"] == []
    assert data["more"] == []


def test_missing_and_invalid_form_data_is_one_422_listing_each(upload_app: App) -> None:
    response = upload_app.test_client().post("/upload", data={"n": "two"})
    assert response.status_code == 422
    assert response.mimetype == "application/json"
    assert response.json == {
        "errors": [
            {
                "source": "form",
                "pointer": "/title",
                "message": "is required",
                "expected": "text",
            },
            {
                "source": "form",
                "pointer": "/n",
                "message": "'two' is not a non-negative integer",
                "expected": "a non-negative integer",
            },
            {
                "source": "file",
                "pointer": "/photo",
                "message": "is required",
                "expected": "a file",
            },
        ]
    }


def test_a_form_view_refuses_json_with_415(upload_app: App) -> None:
    response = upload_app.test_client().post("/upload", json={"title": "Hi"})
    assert response.status_code == 415
    assert "application/x-www-form-urlencoded" in response.text


def test_files_obey_the_size_limit(upload_app: App) -> None:
    upload_app.config["MAX_CONTENT_LENGTH"] = 1000
    response = upload_app.test_client().post(
        "/upload", data={"title": "Hi", "photo": _file(b"x" * 5000, "big.bin")}
    )
    assert response.status_code == 413


def test_files_obey_the_part_limit(upload_app: App) -> None:
    upload_app.config["MAX_FORM_PARTS"] = 3
    response = upload_app.test_client().post(
        "/upload",
        data={
            "title": "Hi",
            "photo": _file(b"x", "a.png"),
            "more": [_file(b"1", f"{i}.txt") for i in range(5)],
        },
    )
    assert response.status_code == 413


def test_url_for_refuses_request_data(upload_app: App, headers_app: App) -> None:
    with headers_app.test_request_context():
        assert url_for("headers") == "/h"
        with pytest.raises(TypeError) as info:
            url_for("headers", page=3)
        assert str(info.value) == (
            "url_for('headers'): 'page' is read from the request"
            " (Header('X-Page', default=1)), not from the URL; leave it out"
        )
        with pytest.raises(TypeError, match=r"\(File\(\)\), not from the URL"):
            url_for("upload", _method="POST", photo="x")


def test_nothing_leaks_between_requests(headers_app: App) -> None:
    client = headers_app.test_client()
    first = client.get("/h", headers={"X-Request-Id": RID, "X-Tags": "a"})
    second = client.get("/h", headers={"X-Request-Id": RID})
    assert t.cast("dict[str, object]", first.json)["tags"] == ["a"]
    assert t.cast("dict[str, object]", second.json)["tags"] == []


@pytest.mark.parametrize("with_header", [False, True])
def test_a_view_without_body_markers_never_reads_the_body(
    app: App, with_header: bool
) -> None:
    def plain() -> str:
        return "ok"

    def with_agent(user_agent: str = Header(default="")) -> str:
        return "ok"

    app.add_route("/plain", with_agent if with_header else plain, methods=["POST"])

    class Exploding(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: t.Any) -> int:
            raise AssertionError("the body was read")

    response = app.test_client().post(
        "/plain",
        environ_overrides={
            "wsgi.input": Exploding(),
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": "10",
        },
    )
    assert response.text == "ok"
