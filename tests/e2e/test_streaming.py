"""Streamed bodies: what a generator may read while the server reads it."""

from __future__ import annotations

import collections.abc as cabc
import io
import typing as t

import pytest

from transom import App
from transom import View
from transom import g
from transom import request
from transom import session
from transom import stream_with_context
from transom.exceptions import ContextError
from transom.testing import TestClient

KEY = "streaming-secret"


@pytest.fixture
def events() -> list[str]:
    return []


@pytest.fixture
def stream_app(app: App, events: list[str]) -> App:
    app.secret_key = KEY

    @app.teardown_request
    def teardown(error: BaseException | None) -> None:
        events.append(f"teardown {type(error).__name__ if error else None}")

    @app.route("/words")
    class Words(View):
        def get(self) -> cabc.Iterator[str]:
            g.prefix = "-"

            @stream_with_context
            def words() -> cabc.Iterator[str]:
                for word in request.args.getlist("w"):
                    events.append(f"yield {word}")
                    yield f"{g.prefix}{word}\n"

            events.append("view returned")
            return words()

    @app.route("/visits")
    def visits() -> cabc.Iterator[str]:
        def body() -> cabc.Iterator[str]:
            yield f"visit {session.get('n', 0)}"

        session["n"] = session.get("n", 0) + 1
        return stream_with_context(body())

    @app.route("/plain")
    def plain() -> cabc.Iterator[str]:
        def body() -> cabc.Iterator[str]:
            yield request.method

        return body()

    @app.route("/fails")
    def fails() -> cabc.Iterator[str]:
        @stream_with_context
        def body() -> cabc.Iterator[str]:
            yield "start\n"
            raise LookupError("the body failed")

        return body()

    @app.route("/upload", methods=["POST"])
    def upload() -> cabc.Iterator[bytes]:
        @stream_with_context
        def body() -> cabc.Iterator[bytes]:
            yield request.files["file"].read()

        return body()

    return app


@pytest.fixture
def stream_client(stream_app: App) -> TestClient:
    return stream_app.test_client()


def test_the_generator_reads_request_and_g(
    stream_client: TestClient, events: list[str]
) -> None:
    response = stream_client.get("/words?w=a&w=b")
    assert response.text == "-a\n-b\n"
    # The body is produced after the view returned, and the teardown hooks
    # wait for it.
    assert events == ["view returned", "yield a", "yield b", "teardown None"]


def test_the_generator_reads_the_session(stream_client: TestClient) -> None:
    assert stream_client.get("/visits").text == "visit 1"
    assert stream_client.get("/visits").text == "visit 2"


def test_without_it_the_generator_is_told_what_to_use(stream_app: App) -> None:
    client = stream_app.test_client()
    with pytest.raises(
        RuntimeError, match=r"wrap the generator in stream_with_context"
    ):
        client.get("/plain")


def test_a_body_left_unread_still_tears_down(
    stream_client: TestClient, events: list[str]
) -> None:
    response = stream_client.get("/words?w=a&w=b", buffered=False)
    # The test client reads the first piece, as a server would.
    assert events == ["view returned", "yield a"]
    response.close()
    assert events == ["view returned", "yield a", "teardown None"]


def test_an_error_in_the_body_reaches_the_teardown_hooks(
    stream_client: TestClient, events: list[str]
) -> None:
    response = stream_client.get("/fails", buffered=False)
    with pytest.raises(LookupError):
        response.get_data()
    response.close()
    assert events == ["teardown LookupError"]


def test_uploaded_files_stay_open_until_the_body_is_done(
    stream_client: TestClient,
) -> None:
    response = stream_client.post(
        "/upload", data={"file": (io.BytesIO(b"file contents"), "a.txt")}
    )
    assert response.data == b"file contents"


def test_the_context_is_gone_after_the_body(stream_app: App) -> None:
    from transom._ctxvars import current_request_ctx

    assert stream_app.test_client().get("/words?w=x").text == "-x\n"
    assert current_request_ctx() is None


def test_outside_a_request_it_names_the_fix() -> None:
    def body() -> cabc.Iterator[str]:
        yield "x"

    with pytest.raises(
        ContextError, match=r"needs an active request: call it in the view"
    ):
        stream_with_context(body())


@pytest.mark.parametrize(
    ("body", "expected"),
    [(["a", "b"], "ab"), ("text", "text"), (("x", "y"), "xy")],
    ids=["list", "str", "tuple"],
)
def test_any_iterable_is_a_body(app: App, body: object, expected: str) -> None:
    # As in Flask: whatever iter() accepts is the body, not a function to
    # decorate (a list or a string was a 500).
    @app.route("/")
    def index() -> cabc.Iterator[str]:
        return stream_with_context(t.cast("cabc.Iterable[str]", body))

    response = app.test_client().get("/")
    assert (response.status_code, response.text) == (200, expected)


def test_a_function_returning_a_list_is_decorated(app: App) -> None:
    @app.route("/")
    def index() -> cabc.Iterator[str]:
        @stream_with_context
        def body() -> list[str]:
            return [request.path, "!"]

        return body()

    assert app.test_client().get("/").text == "/!"
