"""transom.app: registration, the error-handler registry and dispatch."""

from __future__ import annotations

import os
import typing as t

import pytest
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import NotFound

from transom import App
from transom import Converter
from transom import Response
from transom import TransomError
from transom import View
from transom.routing import Route


class Item(View):
    def get(self, n: int) -> str:
        return str(n)


def test_repr_name_and_root_path() -> None:
    app = App(__name__, static_folder=None)
    assert repr(app) == f"<App {__name__!r}>"
    assert app.name == __name__
    assert app.root_path == os.path.dirname(os.path.abspath(__file__))


def test_root_path_of_an_unknown_module_is_the_cwd() -> None:
    assert App("no_such_module_anywhere", static_folder=None).root_path == os.getcwd()


def test_add_route_returns_the_route(app: App) -> None:
    route = app.add_route("/items/<n>", Item)
    assert isinstance(route, Route)
    assert route.endpoint == "item"
    assert app.router.route_for_endpoint("item") is route


def test_route_decorator_options(app: App) -> None:
    @app.route("/f", methods=["POST"], endpoint="submit")
    def f() -> str:
        return ""

    route = app.router.route_for_endpoint("submit")
    assert route is not None and set(route.handlers) == {"POST"}


def test_register_converter(app: App) -> None:
    class Slug(str):
        pass

    class SlugConverter(Converter[Slug]):
        regex = "[a-z-]+"

        def to_python(self, value: str) -> Slug:
            return Slug(value)

        def to_url(self, value: Slug) -> str:
            return str(value)

    app.register_converter(Slug, SlugConverter, name="slug")

    def by_slug(s: Slug) -> str:
        return type(s).__name__

    app.add_route("/a/<s>", by_slug)
    app.add_route("/b/<slug:s>", by_slug, endpoint="explicit")
    client = app.test_client()
    assert client.get("/a/my-post").text == "Slug"
    assert client.get("/b/my-post").text == "Slug"
    assert client.get("/b/My_Post").status_code == 404


def test_error_handler_registry(app: App) -> None:
    def handler(e: Exception) -> str:
        return ""

    app.register_error_handler(404, handler)
    app.register_error_handler(Forbidden, handler)
    app.register_error_handler(KeyError, handler)
    assert set(app.error_handlers) == {404, 403, KeyError}


def test_custom_http_exception_class_keeps_its_class(app: App) -> None:
    class Gone(HTTPException):
        code = 404

    def handler(e: Exception) -> str:
        return ""

    app.register_error_handler(Gone, handler)
    assert Gone in app.error_handlers


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (NotFound(), "code 404"),
        (Forbidden(), "http"),
        (KeyError("k"), "lookup"),
        (IndexError(), "lookup"),
        (ValueError(), "exception"),
        (InternalServerError(), "http"),
    ],
)
def test_find_error_handler_precedence(
    app: App, error: BaseException, expected: str
) -> None:
    app.register_error_handler(Exception, lambda e: "exception")
    app.register_error_handler(HTTPException, lambda e: "http")
    app.register_error_handler(LookupError, lambda e: "lookup")
    app.register_error_handler(404, lambda e: "code 404")
    handler = app._find_error_handler(error)  # pyright: ignore[reportPrivateUsage]
    assert handler is not None and handler(error) == expected


def test_no_handlers(app: App) -> None:
    assert app._find_error_handler(KeyError()) is None  # pyright: ignore[reportPrivateUsage]


@pytest.mark.parametrize(
    "method_name",
    [
        "add_route",
        "register_converter",
        "register_error_handler",
        "before_request",
        "after_request",
        "teardown_request",
        "teardown_appcontext",
    ],
)
def test_setup_methods_are_closed_after_the_first_request(
    app: App, method_name: str
) -> None:
    app.test_client().get("/")
    method = t.cast(t.Callable[..., object], getattr(app, method_name))

    def anything(*args: object) -> None:
        return None

    with pytest.raises(TransomError, match=f"App.{method_name}\\(\\) was called after"):
        method(anything)


def test_make_response_outside_a_request(app: App) -> None:
    response = app.make_response(("x", 201))
    assert isinstance(response, Response)
    assert response.status_code == 201


def test_make_request_applies_limits(app: App) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10
    with app.test_request_context() as ctx:
        request = app.make_request(ctx.environ)
        assert request.max_content_length == 10


def test_debug_and_testing_default_off() -> None:
    app = App("fresh", static_folder=None)
    assert (app.debug, app.testing) == (False, False)
