"""Flask's tests of user error handlers (tests/test_user_error_handler.py),
ported to transom with Flask's names renamed to transom's.

Every test passes as Flask wrote it. Changes: registering a handler for a
class that is not an ``Exception`` raises transom's ``RouteError``, a
``ValueError`` as Flask's error is, with transom's message; the exception
classes end in ``Error``, as the project's lint asks.
"""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import NotFound

import transom
from transom import App
from transom import Blueprint
from transom.testing import TestClient


@pytest.fixture
def app() -> App:
    app = App("flask_test", static_folder=None)
    app.config.update(TESTING=True, SECRET_KEY="test key")
    return app


def _original_name(e: Exception) -> str | None:
    """The class name of the error a 500 wraps, if it wraps one."""
    original = getattr(e, "original_exception", None)
    return None if original is None else type(original).__name__


def test_error_handler_no_match(app: App, client: TestClient) -> None:
    class CustomError(Exception):
        pass

    class UnacceptableCustomError(BaseException):
        pass

    @app.errorhandler(CustomError)
    def custom_exception_handler(e: CustomError) -> str:
        assert isinstance(e, CustomError)
        return "custom"

    with pytest.raises(ValueError, match="nor an Exception subclass"):
        app.register_error_handler(UnacceptableCustomError, t.cast(t.Any, None))

    @app.errorhandler(500)
    def handle_500(e: Exception) -> str:
        assert isinstance(e, InternalServerError)
        original = _original_name(e)
        return "direct" if original is None else f"wrapped {original}"

    @app.route("/custom")
    def custom_test() -> str:
        raise CustomError()

    @app.route("/keyerror")
    def key_error() -> str:
        raise KeyError()

    @app.route("/abort")
    def do_abort() -> str:
        transom.abort(500)

    app.testing = False
    assert client.get("/custom").data == b"custom"
    assert client.get("/keyerror").data == b"wrapped KeyError"
    assert client.get("/abort").data == b"direct"


def test_error_handler_subclass(app: App) -> None:
    class ParentError(Exception):
        pass

    class UnregisteredChildError(ParentError):
        pass

    class RegisteredChildError(ParentError):
        pass

    @app.errorhandler(ParentError)
    def parent_exception_handler(e: ParentError) -> str:
        assert isinstance(e, ParentError)
        return "parent"

    @app.errorhandler(RegisteredChildError)
    def child_exception_handler(e: RegisteredChildError) -> str:
        assert isinstance(e, RegisteredChildError)
        return "child-registered"

    @app.route("/parent")
    def parent_test() -> str:
        raise ParentError()

    @app.route("/child-unregistered")
    def unregistered_test() -> str:
        raise UnregisteredChildError()

    @app.route("/child-registered")
    def registered_test() -> str:
        raise RegisteredChildError()

    c = app.test_client()
    assert c.get("/parent").data == b"parent"
    assert c.get("/child-unregistered").data == b"parent"
    assert c.get("/child-registered").data == b"child-registered"


def test_error_handler_http_subclass(app: App) -> None:
    class ForbiddenSubclassRegistered(Forbidden):
        pass

    class ForbiddenSubclassUnregistered(Forbidden):
        pass

    @app.errorhandler(403)
    def code_exception_handler(e: Exception) -> str:
        assert isinstance(e, Forbidden)
        return "forbidden"

    @app.errorhandler(ForbiddenSubclassRegistered)
    def subclass_exception_handler(e: ForbiddenSubclassRegistered) -> str:
        assert isinstance(e, ForbiddenSubclassRegistered)
        return "forbidden-registered"

    @app.route("/forbidden")
    def forbidden_test() -> str:
        raise Forbidden()

    @app.route("/forbidden-registered")
    def registered_test() -> str:
        raise ForbiddenSubclassRegistered()

    @app.route("/forbidden-unregistered")
    def unregistered_test() -> str:
        raise ForbiddenSubclassUnregistered()

    c = app.test_client()
    assert c.get("/forbidden").data == b"forbidden"
    assert c.get("/forbidden-unregistered").data == b"forbidden"
    assert c.get("/forbidden-registered").data == b"forbidden-registered"


def test_error_handler_blueprint(app: App) -> None:
    bp = Blueprint("bp", __name__)

    @bp.errorhandler(500)
    def bp_exception_handler(e: Exception) -> str:
        return "bp-error"

    @bp.route("/error")
    def bp_test() -> str:
        raise InternalServerError()

    @app.errorhandler(500)
    def app_exception_handler(e: Exception) -> str:
        return "app-error"

    @app.route("/error")
    def app_test() -> str:
        raise InternalServerError()

    app.register_blueprint(bp, url_prefix="/bp")

    c = app.test_client()
    assert c.get("/error").data == b"app-error"
    assert c.get("/bp/error").data == b"bp-error"


def test_default_error_handler() -> None:
    bp = Blueprint("bp", __name__)

    @bp.errorhandler(HTTPException)
    def bp_exception_handler(e: HTTPException) -> str:
        assert isinstance(e, NotFound)
        return "bp-default"

    @bp.errorhandler(Forbidden)
    def bp_forbidden_handler(e: Forbidden) -> str:
        return "bp-forbidden"

    @bp.route("/undefined")
    def bp_registered_test() -> str:
        raise NotFound()

    @bp.route("/forbidden")
    def bp_forbidden_test() -> str:
        raise Forbidden()

    app = App("flask_test", static_folder=None)

    @app.errorhandler(HTTPException)
    def catchall_exception_handler(e: HTTPException) -> str:
        assert isinstance(e, NotFound)
        return "default"

    @app.errorhandler(Forbidden)
    def catchall_forbidden_handler(e: Forbidden) -> str:
        return "forbidden"

    @app.route("/forbidden")
    def forbidden() -> str:
        raise Forbidden()

    @app.route("/slash/")
    def slash() -> str:
        return "slash"

    app.register_blueprint(bp, url_prefix="/bp")

    c = app.test_client()
    assert c.get("/bp/undefined").data == b"bp-default"
    assert c.get("/bp/forbidden").data == b"bp-forbidden"
    assert c.get("/undefined").data == b"default"
    assert c.get("/forbidden").data == b"forbidden"
    # The redirect that adds a slash is not given to the HTTPException handler.
    assert c.get("/slash", follow_redirects=True).data == b"slash"


class _CustomError(Exception):
    pass


class TestGenericHandlers:
    """Which errors the most generic handlers receive."""

    @pytest.fixture
    def app(self, app: App) -> App:
        @app.route("/custom")
        def do_custom() -> str:
            raise _CustomError()

        @app.route("/error")
        def do_error() -> str:
            raise KeyError()

        @app.route("/abort")
        def do_abort() -> str:
            transom.abort(500)

        @app.route("/raise")
        def do_raise() -> str:
            raise InternalServerError()

        app.config["PROPAGATE_EXCEPTIONS"] = False
        return app

    @staticmethod
    def report_error(e: Exception) -> str:
        original = _original_name(e)
        return (
            f"direct {type(e).__name__}" if original is None else f"wrapped {original}"
        )

    @pytest.mark.parametrize("to_handle", [InternalServerError, 500])
    def test_handle_class_or_code(
        self, app: App, client: TestClient, to_handle: type[Exception] | int
    ) -> None:
        # The class and the code are the same: the handler gets an
        # InternalServerError, which may wrap the original error.
        @app.errorhandler(to_handle)
        def handle_500(e: Exception) -> str:
            assert isinstance(e, InternalServerError)
            return self.report_error(e)

        assert client.get("/custom").data == b"wrapped _CustomError"
        assert client.get("/error").data == b"wrapped KeyError"
        assert client.get("/abort").data == b"direct InternalServerError"
        assert client.get("/raise").data == b"direct InternalServerError"

    def test_handle_generic_http(self, app: App, client: TestClient) -> None:
        # Only HTTP errors, routing's 404 included.
        @app.errorhandler(HTTPException)
        def handle_http(e: HTTPException) -> str:
            return str(e.code)

        assert client.get("/error").data == b"500"
        assert client.get("/abort").data == b"500"
        assert client.get("/not-found").data == b"404"

    def test_handle_generic(self, app: App, client: TestClient) -> None:
        # Every error, HTTP errors included, as it was raised.
        @app.errorhandler(Exception)
        def handle_exception(e: Exception) -> str:
            return self.report_error(e)

        assert client.get("/custom").data == b"direct _CustomError"
        assert client.get("/error").data == b"direct KeyError"
        assert client.get("/abort").data == b"direct InternalServerError"
        assert client.get("/not-found").data == b"direct NotFound"
