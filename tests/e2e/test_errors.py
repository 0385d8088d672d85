"""Error handlers, the plain 500 page and exception propagation."""

from __future__ import annotations

import logging

import pytest
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import NotFound

from transom import App
from transom import Response
from transom import View
from transom import abort
from transom import session
from transom.exceptions import RouteError
from transom.testing import TestClient
from transom.typing import JSONValue


class ShopError(Exception):
    pass


class OutOfStockError(ShopError):
    pass


class ProductMissing(NotFound):
    description = "No such product."


def test_handler_for_status_code(app: App, client: TestClient) -> None:
    @app.errorhandler(404)
    def not_found(e: NotFound) -> tuple[str, int]:
        return f"custom: {e.code}", 404

    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.text == "custom: 404"


def test_handler_for_werkzeug_class_equals_its_code(
    app: App, client: TestClient
) -> None:
    @app.errorhandler(Forbidden)
    def forbidden(e: Forbidden) -> tuple[str, int]:
        return "no entry", 403

    @app.route("/secret")
    def secret() -> str:
        abort(403)

    response = client.get("/secret")
    assert (response.status_code, response.text) == (403, "no entry")
    assert app.error_handlers[403] is forbidden


def test_handler_for_exception_hierarchy(app: App, client: TestClient) -> None:
    @app.errorhandler(ShopError)
    def shop_error(e: ShopError) -> tuple[dict[str, str], int]:
        return {"error": type(e).__name__}, 409

    @app.route("/buy")
    def buy() -> str:
        raise OutOfStockError()

    response = client.get("/buy")
    assert response.status_code == 409
    assert response.json == {"error": "OutOfStockError"}


def test_most_specific_class_handler_wins(app: App, client: TestClient) -> None:
    @app.errorhandler(ShopError)
    def general(e: ShopError) -> tuple[str, int]:
        return "general", 400

    @app.errorhandler(OutOfStockError)
    def specific(e: OutOfStockError) -> tuple[str, int]:
        return "specific", 409

    @app.route("/buy")
    def buy() -> str:
        raise OutOfStockError()

    @app.route("/other")
    def other() -> str:
        raise ShopError()

    assert client.get("/buy").text == "specific"
    assert client.get("/other").text == "general"


def test_subclass_of_http_error_handler_beats_code_handler(
    app: App, client: TestClient
) -> None:
    @app.errorhandler(404)
    def by_code(e: NotFound) -> tuple[str, int]:
        return "by code", 404

    @app.errorhandler(ProductMissing)
    def by_class(e: ProductMissing) -> tuple[str, int]:
        return "by class", 404

    @app.route("/product")
    def product() -> str:
        raise ProductMissing()

    assert client.get("/product").text == "by class"
    assert client.get("/elsewhere").text == "by code"


def test_code_handler_beats_http_exception_handler(
    app: App, client: TestClient
) -> None:
    @app.errorhandler(HTTPException)
    def any_http(e: HTTPException) -> tuple[str, int]:
        return f"generic {e.code}", e.code or 500

    @app.errorhandler(404)
    def not_found(e: NotFound) -> tuple[str, int]:
        return "not found", 404

    @app.route("/forbidden")
    def forbidden() -> str:
        abort(403)

    assert client.get("/missing").text == "not found"
    assert client.get("/forbidden").text == "generic 403"


def test_register_error_handler_without_decorator(app: App, client: TestClient) -> None:
    def handle(e: ShopError) -> tuple[str, int]:
        return "registered", 418

    app.register_error_handler(ShopError, handle)

    @app.route("/shop")
    def shop() -> str:
        raise ShopError()

    response = client.get("/shop")
    assert (response.status_code, response.text) == (418, "registered")


def test_abort_with_description(app: App, client: TestClient) -> None:
    @app.route("/gone")
    def gone() -> str:
        abort(410, description="Moved to the archive.")

    response = client.get("/gone")
    assert response.status_code == 410
    assert "Moved to the archive." in response.text


def test_handler_may_return_any_response_value(app: App, client: TestClient) -> None:
    @app.errorhandler(404)
    def not_found(e: NotFound) -> dict[str, JSONValue]:
        return {"error": "not found", "status": e.code}

    response = client.get("/missing")
    # A bare body keeps the default 200; return a tuple to set the status.
    assert response.status_code == 200
    assert response.json == {"error": "not found", "status": 404}


@pytest.fixture
def serving_app() -> App:
    """An app as in production: neither testing nor debug."""
    return App("serving_app", static_folder=None)


def test_unhandled_exception_is_a_plain_500(
    serving_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @serving_app.route("/boom")
    class Boom(View):
        def get(self) -> str:
            raise RuntimeError("database password is hunter2")

    with caplog.at_level(logging.ERROR):
        response = serving_app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Internal Server Error" in response.text
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
    assert "Traceback" not in response.text
    assert any("hunter2" in str(r.exc_info) for r in caplog.records)


def test_500_handler_receives_original_exception(serving_app: App) -> None:
    @serving_app.errorhandler(500)
    def server_error(e: InternalServerError) -> tuple[str, int]:
        original = e.original_exception
        return f"sorry ({type(original).__name__})", 500

    @serving_app.route("/boom")
    def boom() -> str:
        raise KeyError("x")

    response = serving_app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.text == "sorry (KeyError)"


def test_500_response_goes_out_even_if_after_request_fails(serving_app: App) -> None:
    @serving_app.errorhandler(500)
    def server_error(e: InternalServerError) -> tuple[str, int]:
        return "handled 500", 500

    @serving_app.after_request
    def broken(response: Response) -> Response:
        raise RuntimeError("hook fails")

    @serving_app.route("/")
    def index() -> str:
        return "fine"

    response = serving_app.test_client().get("/")
    assert response.status_code == 500
    assert response.text == "handled 500"


def test_error_in_error_handler_is_a_500(serving_app: App) -> None:
    @serving_app.errorhandler(404)
    def broken(e: NotFound) -> str:
        raise RuntimeError("handler bug")

    response = serving_app.test_client().get("/missing")
    assert response.status_code == 500


def test_exceptions_propagate_when_testing(app: App, client: TestClient) -> None:
    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("visible to the test")

    with pytest.raises(RuntimeError, match="visible to the test"):
        client.get("/boom")


def test_exceptions_propagate_in_debug(serving_app: App) -> None:
    serving_app.debug = True

    @serving_app.route("/boom")
    def boom() -> str:
        raise RuntimeError("to the debugger")

    with pytest.raises(RuntimeError, match="to the debugger"):
        serving_app.test_client().get("/boom")


def test_propagate_exceptions_setting_wins(
    serving_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @serving_app.route("/boom")
    def boom() -> str:
        raise RuntimeError("x")

    serving_app.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(RuntimeError):
        serving_app.test_client().get("/boom")

    testing_app = App("quiet", static_folder=None)
    testing_app.testing = True
    testing_app.config["PROPAGATE_EXCEPTIONS"] = False
    testing_app.add_route("/boom", boom)
    with caplog.at_level(logging.CRITICAL):
        assert testing_app.test_client().get("/boom").status_code == 500


def test_http_errors_never_propagate(app: App, client: TestClient) -> None:
    @app.route("/teapot")
    def teapot() -> str:
        abort(418)

    assert client.get("/teapot").status_code == 418


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (999, "999 is not an HTTP error status werkzeug knows"),
        (str, "neither a status code nor an Exception subclass"),
    ],
)
def test_bad_error_handler_key(app: App, key: object, message: str) -> None:
    def handler(e: Exception) -> str:
        return ""

    with pytest.raises(RouteError, match=message):
        app.register_error_handler(key, handler)  # type: ignore[call-overload]


def test_an_unhandled_error_still_runs_the_after_request_hooks(
    serving_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    # As Flask's handle_exception: the plain 500 is finalized like any
    # response, so headers set there reach error pages too.
    serving_app.secret_key = "key"
    seen: list[int] = []

    @serving_app.after_request
    def secure(response: Response) -> Response:
        seen.append(response.status_code)
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @serving_app.route("/boom")
    def boom() -> str:
        session["tried"] = True
        raise RuntimeError("boom")

    client = serving_app.test_client()
    with caplog.at_level(logging.CRITICAL):
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Internal Server Error" in response.text
    assert response.headers["X-Frame-Options"] == "DENY"
    assert seen == [500]
    # The session the view changed before failing is saved.
    assert "session=" in response.headers["Set-Cookie"]
    with serving_app.test_request_context(
        headers={"Cookie": response.headers["Set-Cookie"].split(";")[0]}
    ):
        assert session["tried"] is True


def test_a_failing_hook_on_the_plain_500_is_logged_and_the_500_sent(
    serving_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    @serving_app.after_request
    def broken(response: Response) -> Response:
        raise RuntimeError("hook fails")

    @serving_app.route("/boom")
    def boom() -> str:
        raise KeyError("view fails")

    with caplog.at_level(logging.ERROR):
        response = serving_app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Internal Server Error" in response.text
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "Exception on /boom [GET]",
        "Finalizing the 500 response failed; it is sent as it stands",
    ]
