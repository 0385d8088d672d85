"""File uploads, end to end: ``request.files``, ``FileStorage.save``,
``secure_filename`` and the limits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import werkzeug.datastructures
import werkzeug.utils

from transom import App
from transom import FileStorage
from transom import Response
from transom import request
from transom import secure_filename
from transom import send_from_directory
from transom import url_for
from transom.testing import TestClient
from transom.typing import JSONValue


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


@pytest.fixture
def upload_app(app: App, uploads: Path) -> App:
    app.config["UPLOAD_FOLDER"] = str(uploads)

    @app.route("/upload", methods=["POST"])
    def upload() -> tuple[dict[str, JSONValue], int]:
        file = request.files["file"]
        if not file.filename:
            return {"error": "no file chosen"}, 400
        name = secure_filename(file.filename)
        file.save(Path(app.config["UPLOAD_FOLDER"]) / name)
        return {
            "name": name,
            "mimetype": file.mimetype,
            "title": request.form.get("title", ""),
            "url": url_for("uploaded", name=name),
        }, 201

    @app.route("/uploads/<name>")
    def uploaded(name: str) -> Response:
        return send_from_directory(app.config["UPLOAD_FOLDER"], name)

    @app.route("/many", methods=["POST"])
    def many() -> dict[str, JSONValue]:
        files = request.files.getlist("files")
        return {"files": [[f.filename, len(f.read())] for f in files]}

    return app


@pytest.fixture
def upload_client(upload_app: App) -> TestClient:
    return upload_app.test_client()


def _file(data: bytes, name: str, content_type: str | None = None) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, content_type=content_type)


def test_upload_and_save(upload_client: TestClient, uploads: Path) -> None:
    response = upload_client.post(
        "/upload",
        data={"file": _file(b"hello", "hello.txt", "text/plain"), "title": "Hi"},
    )
    assert response.status_code == 201
    assert response.json == {
        "name": "hello.txt",
        "mimetype": "text/plain",
        "title": "Hi",
        "url": "/uploads/hello.txt",
    }
    assert (uploads / "hello.txt").read_bytes() == b"hello"
    served = upload_client.get("/uploads/hello.txt", buffered=True)
    assert served.data == b"hello"
    assert served.mimetype == "text/plain"


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("/absolute/name.png", "absolute_name.png"),
        ("..\\..\\windows.ini", "windows.ini"),
        ("my résumé.pdf", "my_resume.pdf"),
        ("a\x00b.txt", "ab.txt"),
    ],
)
def test_hostile_file_names_are_made_safe(
    upload_client: TestClient, uploads: Path, sent: str, saved: str
) -> None:
    response = upload_client.post("/upload", data={"file": _file(b"x", sent)})
    assert response.status_code == 201
    assert response.json is not None and response.json["name"] == saved
    assert [p.name for p in uploads.iterdir()] == [saved]


def test_upload_helpers_are_werkzeugs() -> None:
    assert FileStorage is werkzeug.datastructures.FileStorage
    assert secure_filename is werkzeug.utils.secure_filename


def test_secure_filename_may_return_nothing() -> None:
    assert secure_filename("../..") == ""
    assert secure_filename("...") == ""


def test_no_file_chosen(upload_client: TestClient) -> None:
    response = upload_client.post("/upload", data={"file": _file(b"", "")})
    assert response.status_code == 400
    assert response.json == {"error": "no file chosen"}


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "no file"},
        {"file": "a plain value, not a file"},
        {"other": (io.BytesIO(b"x"), "x.txt")},
    ],
)
def test_missing_file_is_a_400(
    upload_client: TestClient, data: dict[str, object]
) -> None:
    response = upload_client.post(
        "/upload", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 400


def test_several_files_under_one_name(upload_client: TestClient) -> None:
    response = upload_client.post(
        "/many",
        data={"files": [_file(b"one", "1.txt"), _file(b"three", "3.txt")]},
    )
    assert response.json == {"files": [["1.txt", 3], ["3.txt", 5]]}


def test_upload_over_max_content_length_is_a_413(
    upload_app: App, uploads: Path
) -> None:
    upload_app.config["MAX_CONTENT_LENGTH"] = 1024
    client = upload_app.test_client()
    response = client.post("/upload", data={"file": _file(b"x" * 2048, "big.bin")})
    assert response.status_code == 413
    assert list(uploads.iterdir()) == []
    small = client.post("/upload", data={"file": _file(b"x" * 100, "small.bin")})
    assert small.status_code == 201


def test_truncated_multipart_body_is_a_400(upload_client: TestClient) -> None:
    body = (
        b"--boundary\r\n"
        b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
        b"no closing boundary"
    )
    response = upload_client.post(
        "/upload", data=body, content_type="multipart/form-data; boundary=boundary"
    )
    assert response.status_code == 400


def test_uploaded_names_cannot_escape_the_folder(upload_client: TestClient) -> None:
    assert upload_client.get("/uploads/..%2Fsecret").status_code == 404
    assert upload_client.get("/uploads/%2E%2E").status_code == 404


def test_too_many_parts_after_a_file_is_a_413(upload_app: App) -> None:
    upload_app.config["MAX_FORM_PARTS"] = 2
    response = upload_app.test_client().post(
        "/upload",
        data={"file": _file(b"x" * 10, "a.txt"), "a": "1", "b": "2", "c": "3"},
    )
    assert response.status_code == 413
