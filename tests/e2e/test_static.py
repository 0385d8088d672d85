"""Static files and the send functions, end to end: the ``static`` route,
conditional and range requests, mimetypes and path traversal."""

from __future__ import annotations

import datetime
import io
import os
import typing as t
from pathlib import Path

import pytest

from transom import App
from transom import Response
from transom import send_file
from transom import send_from_directory
from transom import send_upload
from transom import url_for
from transom.static import UPLOAD_POLICY
from transom.testing import TestClient
from transom.testing import TestResponse

CSS = b"body { color: red; }\n"


class BufferedClient(TestClient):
    """Reads each response whole and closes it, so the file a response
    streams is closed before the test looks at it."""

    def open(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


def _client(app: App) -> BufferedClient:
    return BufferedClient(app)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.css").write_bytes(CSS)
    (static / "app.js").write_text("console.log(1);\n")
    (static / "data.json").write_text("{}\n")
    (static / "logo.svg").write_text("<svg/>\n")
    (static / "notes.txt").write_text("notes\n")
    (static / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (static / "with space.txt").write_text("spaced\n")
    (tmp_path / "secret.txt").write_text("do not serve\n")
    return tmp_path


@pytest.fixture
def static_app(site: Path) -> App:
    app = App("static_app", root_path=site)
    app.testing = True
    return app


@pytest.fixture
def static_client(static_app: App) -> TestClient:
    return _client(static_app)


def test_static_files_are_served(static_client: TestClient) -> None:
    response = static_client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response.data == CSS
    assert response.headers["Content-Length"] == str(len(CSS))


@pytest.mark.parametrize(
    ("name", "mimetype"),
    [
        ("css/site.css", "text/css"),
        ("app.js", "text/javascript"),
        ("data.json", "application/json"),
        ("logo.svg", "image/svg+xml"),
        ("notes.txt", "text/plain"),
        ("image.png", "image/png"),
    ],
)
def test_mimetypes(static_client: TestClient, name: str, mimetype: str) -> None:
    assert static_client.get(f"/static/{name}").mimetype == mimetype


def test_quoted_names(static_client: TestClient) -> None:
    assert static_client.get("/static/with%20space.txt").text == "spaced\n"


def test_url_for_static(static_app: App) -> None:
    with static_app.test_request_context():
        assert url_for("static", filename="css/site.css") == "/static/css/site.css"
        assert (
            url_for("static", filename="with space.txt", _external=True)
            == "http://localhost/static/with%20space.txt"
        )


def test_head_has_no_body(static_client: TestClient) -> None:
    response = static_client.head("/static/css/site.css")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["Content-Length"] == str(len(CSS))


def test_etag_gives_304(static_client: TestClient) -> None:
    first = static_client.get("/static/css/site.css")
    etag = first.headers["ETag"]
    again = static_client.get("/static/css/site.css", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = static_client.get(
        "/static/css/site.css", headers={"If-None-Match": '"something-else"'}
    )
    assert other.status_code == 200


def test_last_modified_gives_304(static_client: TestClient) -> None:
    first = static_client.get("/static/css/site.css")
    modified = first.headers["Last-Modified"]
    again = static_client.get(
        "/static/css/site.css", headers={"If-Modified-Since": modified}
    )
    assert again.status_code == 304


def test_range_gives_206(static_client: TestClient) -> None:
    response = static_client.get("/static/css/site.css", headers={"Range": "bytes=0-3"})
    assert response.status_code == 206
    assert response.data == CSS[:4]
    assert response.headers["Content-Range"] == f"bytes 0-3/{len(CSS)}"
    suffix = static_client.get("/static/css/site.css", headers={"Range": "bytes=-2"})
    assert suffix.status_code == 206
    assert suffix.data == CSS[-2:]


def test_unsatisfiable_range_gives_416(static_client: TestClient) -> None:
    response = static_client.get(
        "/static/css/site.css", headers={"Range": "bytes=1000-2000"}
    )
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{len(CSS)}"


@pytest.mark.parametrize("value", ["bytes=abc", "bytes=5-1", "bytes"])
def test_malformed_range_gives_416(static_client: TestClient, value: str) -> None:
    response = static_client.get("/static/css/site.css", headers={"Range": value})
    assert response.status_code == 416


@pytest.mark.parametrize(
    "path",
    [
        "/static/missing.css",
        "/static/css",
        "/static/css/",
        "/static/",
        "/static/../secret.txt",
        "/static/css/../../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E/secret.txt",
        "/static/.%2e/secret.txt",
        "/static/css/%2e%2e/%2e%2e/secret.txt",
        "/static/..%2fsecret.txt",
        "/static/%2e%2e%2fsecret.txt",
        "/static/notes.txt%00.png",
        "/static/%00",
        "/static/..%5csecret.txt",
    ],
)
def test_missing_and_traversal_are_404(static_client: TestClient, path: str) -> None:
    response = static_client.get(path, follow_redirects=True)
    assert response.status_code == 404
    assert b"do not serve" not in response.data


@pytest.mark.parametrize(
    "path", ["/static//etc/passwd", "/static/%2fetc/passwd", "/static//secret.txt"]
)
def test_absolute_paths_never_leave_the_folder(
    static_client: TestClient, site: Path, path: str
) -> None:
    # werkzeug merges the double slash with a redirect that stays in /static.
    response = static_client.get(path, follow_redirects=True)
    assert response.status_code == 404
    assert all(r.request.path.startswith("/static/") for r in response.history)


def test_send_from_directory_refuses_escapes(static_app: App, site: Path) -> None:
    @static_app.route("/files/<name>")
    def files(name: str) -> Response:
        return send_from_directory("static", name)

    client = _client(static_app)
    assert client.get("/files/notes.txt").text == "notes\n"
    for name in (
        "..%2Fsecret.txt",
        str(site / "secret.txt").replace("/", "%2F"),
        "%2Fetc%2Fpasswd",
        "notes.txt%00",
    ):
        assert client.get(f"/files/{name}").status_code == 404, name


def test_send_upload_keeps_a_browser_from_running_the_file(
    static_app: App, site: Path
) -> None:
    (site / "uploads").mkdir()
    (site / "uploads" / "page.html").write_text("<script>alert(1)</script>")
    (site / "uploads" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    @static_app.route("/uploads/<name>")
    def uploads(name: str, download: bool = False) -> Response:
        return send_upload("uploads", name, as_attachment=download)

    client = _client(static_app)
    for name, mimetype in (("page.html", "text/html"), ("photo.png", "image/png")):
        response = client.get(f"/uploads/{name}")
        assert response.mimetype == mimetype
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == UPLOAD_POLICY
        assert response.headers["Content-Disposition"] == f"inline; filename={name}"
        # A cached copy is revalidated with the same headers.
        etag = response.headers["ETag"]
        cached = client.get(f"/uploads/{name}", headers={"If-None-Match": etag})
        assert cached.status_code == 304
        assert cached.headers["Content-Security-Policy"] == UPLOAD_POLICY
    saved = client.get("/uploads/page.html?download=true")
    assert saved.headers["Content-Disposition"] == "attachment; filename=page.html"
    assert saved.headers["Content-Security-Policy"] == UPLOAD_POLICY
    for name in ("..%2Fsecret.txt", "missing.png", "page.html%00"):
        assert client.get(f"/uploads/{name}").status_code == 404, name


def test_send_from_directory_with_an_absolute_directory(
    static_app: App, site: Path
) -> None:
    @static_app.route("/abs/<name>")
    def absolute(name: str) -> Response:
        return send_from_directory(site / "static" / "css", name)

    assert _client(static_app).get("/abs/site.css").data == CSS


def test_send_file_relative_to_the_root_path(static_app: App) -> None:
    @static_app.route("/report")
    def report() -> Response:
        return send_file("static/notes.txt", as_attachment=True)

    response = _client(static_app).get("/report")
    assert response.text == "notes\n"
    assert response.headers["Content-Disposition"] == "attachment; filename=notes.txt"


def test_send_file_from_memory(static_app: App) -> None:
    @static_app.route("/export")
    def export() -> Response:
        data = io.BytesIO(b"a,b\n1,2\n")
        return send_file(data, mimetype="text/csv", download_name="export.csv")

    response = _client(static_app).get("/export")
    assert response.data == b"a,b\n1,2\n"
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == "inline; filename=export.csv"


def test_send_file_guesses_the_mimetype_from_download_name(static_app: App) -> None:
    @static_app.route("/export")
    def export() -> Response:
        return send_file(io.BytesIO(b"{}"), download_name="data.json")

    assert _client(static_app).get("/export").mimetype == "application/json"


def test_send_file_response_is_the_apps_class(static_app: App) -> None:
    class MyResponse(Response):
        pass

    static_app.response_class = MyResponse
    with static_app.test_request_context():
        response = send_file(io.BytesIO(b"x"), mimetype="text/plain")
        assert isinstance(response, MyResponse)
        response.close()


def test_send_functions_need_a_request(static_app: App) -> None:
    with pytest.raises(RuntimeError, match="request context"):
        send_file(io.BytesIO(b"x"), mimetype="text/plain")
    with static_app.app_context():
        with pytest.raises(RuntimeError, match="request context"):
            send_from_directory("static", "notes.txt")


def test_cache_max_age_setting(static_app: App) -> None:
    client = _client(static_app)
    assert client.get("/static/notes.txt").cache_control.max_age is None
    static_app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    response = client.get("/static/notes.txt")
    assert response.cache_control.max_age == 3600
    assert response.cache_control.public
    static_app.config["SEND_FILE_MAX_AGE_DEFAULT"] = datetime.timedelta(minutes=2)
    assert client.get("/static/notes.txt").cache_control.max_age == 120


def test_get_send_file_max_age_chooses_by_file(site: Path) -> None:
    # Flask's TestSendfile.test_static_file: an app that overrides
    # get_send_file_max_age decides for send_file and the static route.
    # (Unsupported, the test failed before closing the file it had opened:
    # the ResourceWarning seen when running Flask's tests.)
    class StaticFileApp(App):
        def get_send_file_max_age(self, filename: str | None) -> int | None:
            assert filename is not None and filename.endswith("notes.txt")
            return 10

    app = StaticFileApp("static_app", root_path=site)

    @app.route("/sent")
    def sent() -> Response:
        return send_file("static/notes.txt")

    client = _client(app)
    for path in ("/static/notes.txt", "/sent"):
        assert client.get(path).cache_control.max_age == 10
    with app.test_request_context():
        response = send_file("static/notes.txt")
        try:
            assert response.cache_control.max_age == 10
        finally:
            response.close()


def test_explicit_max_age_wins(static_app: App) -> None:
    static_app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600

    @static_app.route("/fresh")
    def fresh() -> Response:
        return send_file("static/notes.txt", max_age=0)

    assert _client(static_app).get("/fresh").cache_control.max_age == 0


def test_custom_folder_and_url_path(site: Path) -> None:
    (site / "assets").mkdir()
    (site / "assets" / "a.txt").write_text("asset\n")
    app = App("static_app", root_path=site, static_folder="assets")
    client = _client(app)
    assert client.get("/assets/a.txt").text == "asset\n"
    assert client.get("/static/notes.txt").status_code == 404
    moved = App(
        "static_app", root_path=site, static_folder="assets", static_url_path="/files/"
    )
    with moved.test_request_context():
        assert url_for("static", filename="a.txt") == "/files/a.txt"
    assert _client(moved).get("/files/a.txt").text == "asset\n"


def test_static_at_the_site_root(site: Path) -> None:
    app = App("static_app", root_path=site, static_url_path="")
    assert _client(app).get("/notes.txt").text == "notes\n"


def test_no_static_folder(site: Path) -> None:
    app = App("static_app", root_path=site, static_folder=None)
    assert app.static_folder is None
    assert _client(app).get("/static/notes.txt").status_code == 404
    with app.test_request_context():
        with pytest.raises(LookupError, match="'static'"):
            url_for("static", filename="notes.txt")


def test_an_empty_static_folder_is_the_root_path(site: Path) -> None:
    # Flask's meaning: the app's own folder, served at the site's root.
    app = App("static_app", root_path=site, static_folder="")
    assert app.static_folder is not None
    assert os.path.samefile(app.static_folder, site)
    client = _client(app)
    assert client.get("/static/notes.txt").text == "notes\n"
    with app.test_request_context():
        assert url_for("static", filename="static/app.js") == "/static/app.js"
        response = app.send_static_file("static/notes.txt")
        response.close()
        assert response.status_code == 200
    # With its own URL path.
    app = App("static_app", root_path=site, static_folder="", static_url_path="/s")
    assert _client(app).get("/s/static/notes.txt").text == "notes\n"
    assert _client(app).get("/static/notes.txt").status_code == 404


def test_a_missing_folder_adds_no_route(tmp_path: Path) -> None:
    app = App("static_app", root_path=tmp_path)

    @app.route("/static/<name>")
    def own(name: str) -> str:
        return f"own {name}"

    assert _client(app).get("/static/x").text == "own x"


def test_the_static_endpoint_is_taken(static_app: App) -> None:
    from transom.exceptions import DuplicateEndpointError

    with pytest.raises(DuplicateEndpointError, match="'static'"):

        @static_app.route("/mine")
        def static() -> str:
            return ""
