"""Message flashing, end to end: a message survives exactly one redirect."""

from __future__ import annotations

import pytest

from transom import App
from transom import Markup
from transom import Response
from transom import flash
from transom import get_flashed_messages
from transom import redirect
from transom import render_template_string
from transom import session
from transom import url_for
from transom.testing import TestClient
from transom.typing import JSONValue

PAGE = (
    "{% for category, message in get_flashed_messages(with_categories=True) %}"
    "<p class={{ category }}>{{ message }}</p>"
    "{% endfor %}"
)


@pytest.fixture
def flash_app(app: App) -> App:
    app.secret_key = "k"

    @app.route("/save/<text>")
    def save(text: str, category: str = "message") -> Response:
        flash(text, category)
        return redirect(url_for(page))

    @app.route("/page")
    def page() -> str:
        return render_template_string(PAGE)

    @app.route("/twice")
    def twice() -> dict[str, list[str]]:
        return {"first": get_flashed_messages(), "second": get_flashed_messages()}

    @app.route("/filtered/<wanted>")
    def filtered(wanted: str) -> dict[str, JSONValue]:
        return {
            "list": get_flashed_messages(category_filter=[wanted]),
            "string": get_flashed_messages(category_filter=wanted),
            "pairs": get_flashed_messages(True, [wanted]),
            "all": get_flashed_messages(),
        }

    @app.route("/nothing")
    def nothing() -> str:
        return "no flashes read"

    return app


@pytest.fixture
def flash_client(flash_app: App) -> TestClient:
    return flash_app.test_client()


def test_a_message_survives_exactly_one_redirect(flash_client: TestClient) -> None:
    response = flash_client.get("/save/Saved", follow_redirects=True)
    assert [r.status_code for r in response.history] == [302]
    assert response.text == "<p class=message>Saved</p>"
    assert flash_client.get("/page").text == ""


def test_reading_the_messages_deletes_the_emptied_session(
    flash_client: TestClient,
) -> None:
    flash_client.get("/save/Saved")
    assert flash_client.get_cookie("session") is not None
    response = flash_client.get("/page")
    (header,) = response.headers.getlist("Set-Cookie")
    assert "Max-Age=0" in header
    assert flash_client.get_cookie("session") is None


def test_messages_wait_for_a_page_that_reads_them(flash_client: TestClient) -> None:
    flash_client.get("/save/one")
    assert flash_client.get("/nothing").text == "no flashes read"
    flash_client.get("/save/two", query_string={"category": "error"})
    assert flash_client.get("/page").text == (
        "<p class=message>one</p><p class=error>two</p>"
    )


def test_other_session_values_stay(flash_app: App, flash_client: TestClient) -> None:
    @flash_app.route("/login")
    def login() -> Response:
        session["user"] = "ada"
        flash("Welcome")
        return redirect("/page")

    @flash_app.route("/user")
    def user() -> str:
        return str(session.get("user"))

    assert flash_client.get("/login", follow_redirects=True).text == (
        "<p class=message>Welcome</p>"
    )
    assert flash_client.get("/user").text == "ada"


def test_messages_are_escaped(flash_client: TestClient) -> None:
    flash_client.get("/save/<script>alert('x')")
    assert flash_client.get("/page").text == (
        "<p class=message>&lt;script&gt;alert(&#39;x&#39;)</p>"
    )


def test_markup_messages_stay_markup(flash_app: App, flash_client: TestClient) -> None:
    @flash_app.route("/rich")
    def rich() -> Response:
        flash(Markup("<b>{}</b>").format("<bold>"), "info")
        flash("<plain>", "info")
        return redirect("/page")

    assert flash_client.get("/rich", follow_redirects=True).text == (
        "<p class=info><b>&lt;bold&gt;</b></p><p class=info>&lt;plain&gt;</p>"
    )


def test_two_reads_in_one_request_see_the_same_messages(
    flash_client: TestClient,
) -> None:
    flash_client.get("/save/one")
    assert flash_client.get("/twice").json == {"first": ["one"], "second": ["one"]}
    assert flash_client.get("/twice").json == {"first": [], "second": []}


def test_filtering_by_category(flash_client: TestClient) -> None:
    flash_client.get("/save/a", query_string={"category": "error"})
    flash_client.get("/save/b", query_string={"category": "info"})
    flash_client.get("/save/c", query_string={"category": "error"})
    assert flash_client.get("/filtered/error").json == {
        "list": ["a", "c"],
        "string": ["a", "c"],
        "pairs": [["error", "a"], ["error", "c"]],
        "all": ["a", "b", "c"],
    }
    # Filtered-out messages were read too: they are gone.
    assert flash_client.get("/page").text == ""


def test_flash_then_read_in_the_same_request(flash_app: App) -> None:
    @flash_app.route("/now")
    def now() -> str:
        flash("immediate")
        return render_template_string(PAGE)

    client = flash_app.test_client()
    assert client.get("/now").text == "<p class=message>immediate</p>"
    assert client.get("/page").text == ""
    assert client.get_cookie("session") is None


def test_a_flash_after_reading_is_kept_for_the_next_page(flash_app: App) -> None:
    @flash_app.route("/late")
    def late() -> dict[str, list[str]]:
        before = get_flashed_messages()
        flash("later")
        return {"before": before, "after": get_flashed_messages()}

    client = flash_app.test_client()
    assert client.get("/late").json == {"before": [], "after": []}
    assert client.get("/page").text == "<p class=message>later</p>"


def test_flash_without_a_secret_key_names_the_fix(app: App) -> None:
    @app.route("/")
    def index() -> str:
        flash("x")
        return ""

    with pytest.raises(RuntimeError, match="secret_key"):
        app.test_client().get("/")


def test_reading_without_a_secret_key_is_empty(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return render_template_string(PAGE + "{{ get_flashed_messages()|length }}")

    response = app.test_client().get("/")
    assert response.status_code == 200
    assert response.text == "0"


def test_flashing_needs_a_request(app: App) -> None:
    with pytest.raises(RuntimeError, match="request context"):
        flash("x")
    with pytest.raises(RuntimeError, match="request context"):
        get_flashed_messages()
    with app.app_context():
        with pytest.raises(RuntimeError, match="request context"):
            render_template_string("{{ get_flashed_messages() }}")
