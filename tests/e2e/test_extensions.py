"""Extensions: the ``init_app`` pattern and the hooks an extension uses,
and the SQLite extension of examples/extension with the notes app built on
it (including that its templates escape what users type)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from examples.extension.app import create_app
from examples.extension.app import db
from examples.extension.sqlite import SQLite

from transom import App
from transom import Response
from transom import g
from transom import render_template_string
from transom import request
from transom.exceptions import TransomError
from transom.testing import TestClient

# -- a hook-using extension -------------------------------------------------


class RequestIds:
    """Numbers requests: ``g.request_id``, an ``X-Request-Id`` header, a
    template global and a context value, and a log of finished requests."""

    def __init__(self, app: App | None = None) -> None:
        self.finished: list[tuple[int, str | None]] = []
        self._next = 0
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        app.extensions["request_ids"] = self
        app.before_request(self._before)
        app.after_request(self._after)
        app.teardown_request(self._teardown)
        app.template_global("request_id")(self.current)
        app.context_processor(lambda: {"requests_served": len(self.finished)})

    def current(self) -> int:
        return int(g.request_id)

    def _before(self) -> None:
        self._next += 1
        g.request_id = self._next

    def _after(self, response: Response) -> Response:
        response.headers["X-Request-Id"] = str(g.request_id)
        return response

    def _teardown(self, error: BaseException | None) -> None:
        self.finished.append(
            (g.request_id, type(error).__name__ if error is not None else None)
        )


def test_an_extension_hooks_into_every_stage(app: App) -> None:
    ids = RequestIds(app)
    assert app.extensions["request_ids"] is ids

    @app.route("/")
    def index() -> str:
        return render_template_string(
            "{{ request_id() }} {{ requests_served }} {{ request.path }}"
        )

    client = app.test_client()
    first = client.get("/")
    assert first.text == "1 0 /"
    assert first.headers["X-Request-Id"] == "1"
    second = client.get("/")
    assert second.text == "2 1 /"
    assert ids.finished == [(1, None), (2, None)]


def test_teardown_sees_the_error(app: App) -> None:
    ids = RequestIds()
    ids.init_app(app)

    @app.route("/boom")
    def boom() -> str:
        raise ZeroDivisionError

    app.testing = False
    app.logger.disabled = True
    try:
        assert app.test_client().get("/boom").status_code == 500
    finally:
        app.logger.disabled = False
    assert ids.finished == [(1, "ZeroDivisionError")]


def test_one_extension_object_serves_several_apps() -> None:
    ids = RequestIds()
    apps = [App(f"ext_app_{i}", static_folder=None) for i in range(2)]
    for each in apps:
        ids.init_app(each)

        @each.route("/")
        def index() -> str:
            return str(g.request_id)

    assert [a.test_client().get("/").text for a in apps] == ["1", "2"]
    assert all(a.extensions["request_ids"] is ids for a in apps)


def test_init_app_after_the_first_request_names_the_fix(app: App) -> None:
    app.test_client().get("/")
    with pytest.raises(TransomError, match="before the app starts serving"):
        RequestIds(app)


# -- the SQLite extension ---------------------------------------------------


@pytest.fixture
def database(tmp_path: Path) -> str:
    return str(tmp_path / "notes.db")


@pytest.fixture
def notes_app(database: str) -> App:
    app = create_app(database, secret_key="test-key")
    app.testing = True
    return app


@pytest.fixture
def notes(notes_app: App) -> TestClient:
    return notes_app.test_client()


def _texts(database: str) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT text FROM note ORDER BY id").fetchall()
    connection.close()
    return [row[0] for row in rows]


def test_the_extension_is_registered(notes_app: App) -> None:
    assert notes_app.extensions["sqlite"] is db
    assert notes_app.extensions["sqlite"] is not SQLite()


def test_empty_list(notes: TestClient) -> None:
    response = notes.get("/")
    assert response.status_code == 200
    assert "<li>No notes yet.</li>" in response.text


def test_add_a_note_then_see_it_once_flashed(notes: TestClient, database: str) -> None:
    response = notes.post("/", data={"text": "  buy milk  "})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    page = notes.get("/").text
    assert '<p class="flash message">Note 1 added.</p>' in page
    assert '<a href="/notes/1">buy milk</a>' in page
    assert "flash" not in notes.get("/").text
    assert _texts(database) == ["buy milk"]
    assert "<p>buy milk</p>" in notes.get("/notes/1").text


def test_templates_escape_what_users_type(notes: TestClient, database: str) -> None:
    attack = "<script>alert('x')</script> & \"quotes\""
    notes.post("/", data={"text": attack})
    escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quotes&#34;"
    listing = notes.get("/").text
    assert escaped in listing
    assert "<script>" not in listing
    note = notes.get("/notes/1").text
    assert f"<p>{escaped}</p>" in note
    assert "<title>Note 1 - Notes</title>" in note
    assert _texts(database) == [attack]


@pytest.mark.parametrize(
    ("text", "error"),
    [("   ", "A note needs some text."), ("x" * 501, "at most 500 characters")],
)
def test_bad_notes_are_refused_with_a_flash(
    notes: TestClient, database: str, text: str, error: str
) -> None:
    response = notes.post("/", data={"text": text}, follow_redirects=True)
    assert response.status_code == 200
    assert '<p class="flash error">' in response.text
    assert error in response.text
    assert _texts(database) == []


def test_a_missing_field_is_a_400(notes: TestClient, database: str) -> None:
    assert notes.post("/", data={"txt": "typo"}).status_code == 400
    assert _texts(database) == []


@pytest.mark.parametrize("path", ["/notes/99", "/notes/abc", "/notes/-1"])
def test_missing_notes_are_404(notes: TestClient, path: str) -> None:
    assert notes.get(path).status_code == 404


def test_notes_outlive_the_app(database: str) -> None:
    create_app(database, secret_key="k").test_client().post("/", data={"text": "a"})
    again = create_app(database, secret_key="k").test_client()
    assert '<a href="/notes/1">a</a>' in again.get("/").text


def test_apps_with_different_databases_are_isolated(tmp_path: Path) -> None:
    one = create_app(str(tmp_path / "one.db"), secret_key="k").test_client()
    two = create_app(str(tmp_path / "two.db"), secret_key="k").test_client()
    one.post("/", data={"text": "only in one"})
    assert "only in one" in one.get("/").text
    assert "only in one" not in two.get("/").text


def test_one_connection_per_request_closed_after(notes_app: App) -> None:
    seen: list[sqlite3.Connection] = []

    @notes_app.route("/probe")
    def probe() -> str:
        seen.append(db.connection)
        seen.append(db.connection)
        return ""

    client = notes_app.test_client()
    client.get("/probe")
    client.get("/probe")
    assert seen[0] is seen[1]
    assert seen[2] is seen[3]
    assert seen[0] is not seen[2]
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        seen[0].execute("SELECT 1")


def test_a_failed_request_is_rolled_back(notes_app: App, database: str) -> None:
    @notes_app.route("/half", methods=["POST"])
    def half() -> str:
        db.connection.execute("INSERT INTO note (text) VALUES (?)", ("half",))
        raise RuntimeError(request.path)

    notes_app.testing = False
    notes_app.logger.disabled = True
    try:
        assert notes_app.test_client().post("/half").status_code == 500
    finally:
        notes_app.logger.disabled = False
    assert _texts(database) == []


def test_an_app_context_gets_its_own_connection(notes_app: App) -> None:
    with notes_app.app_context():
        db.connection.execute("INSERT INTO note (text) VALUES ('from a script')")
    with notes_app.app_context():
        row = db.connection.execute("SELECT text FROM note").fetchone()
        assert row["text"] == "from a script"


def test_the_connection_needs_an_app_context() -> None:
    with pytest.raises(RuntimeError, match="app_context"):
        db.connection  # noqa: B018


def test_init_app_twice_names_the_problem(notes_app: App) -> None:
    with pytest.raises(RuntimeError, match="once per app"):
        SQLite(notes_app)


def test_memory_database_by_default() -> None:
    app = App("ext_memory", static_folder=None)
    SQLite(app)
    assert app.config["SQLITE_DATABASE"] == ":memory:"
