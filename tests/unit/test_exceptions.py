"""transom.exceptions: structured errors whose text names the fix."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import BadRequest

from transom import TransomError
from transom.exceptions import ContextError
from transom.exceptions import ConverterError
from transom.exceptions import DuplicateEndpointError
from transom.exceptions import QueryParameterError
from transom.exceptions import ResponseTypeError
from transom.exceptions import RouteError


@pytest.mark.parametrize("cls", [RouteError, DuplicateEndpointError, ConverterError])
def test_registration_errors_keep_their_parts(cls: type[RouteError]) -> None:
    error = cls("Post.get()", "it is wrong", "do it right")
    assert (error.where, error.problem, error.fix) == (
        "Post.get()",
        "it is wrong",
        "do it right",
    )
    assert str(error) == "Post.get(): it is wrong. Fix: do it right."
    assert isinstance(error, TransomError)


def test_hierarchy() -> None:
    assert issubclass(RouteError, ValueError)
    assert issubclass(DuplicateEndpointError, RouteError)
    assert issubclass(ConverterError, TypeError)
    assert issubclass(ResponseTypeError, TypeError)
    assert issubclass(ContextError, RuntimeError)
    assert issubclass(QueryParameterError, BadRequest)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "returned None (is a 'return' statement missing?), which"),
        (5, "returned int 5, which"),
        ("x" * 100, "returned str '" + "x" * 56 + "..., which"),
    ],
)
def test_response_type_error(value: object, shown: str) -> None:
    error = ResponseTypeError("Post.get", value)
    assert (error.source, error.value) == ("Post.get", value)
    assert str(error).startswith(f"Post.get {shown}")
    assert "Return a str (HTML)" in str(error)


def test_query_parameter_error() -> None:
    error = QueryParameterError("page", "is required")
    assert error.code == 400
    assert error.parameter == "page"
    assert error.description == "Query parameter 'page' is required."
