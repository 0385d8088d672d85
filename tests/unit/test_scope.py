"""transom.scope: error-handler lookup order, hook chains, error keys."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound

from transom import Blueprint
from transom import Response
from transom.exceptions import RouteError
from transom.scope import ErrorHandler
from transom.scope import ErrorKey
from transom.scope import ScopeChain
from transom.scope import error_key
from transom.scope import find_error_handler


def _handler(name: str) -> ErrorHandler:
    def handler(e: object) -> str:
        return name

    return handler


def _scope(key: ErrorKey, name: str) -> dict[ErrorKey, ErrorHandler]:
    return {key: _handler(name)}


def _found(scopes: list[dict[ErrorKey, ErrorHandler]], e: BaseException) -> object:
    handler = find_error_handler(scopes, e)
    return None if handler is None else handler(e)


class MyNotFound(NotFound):
    pass


class Teapot(HTTPException):
    code = 404


def test_the_innermost_scope_wins_for_the_same_key() -> None:
    inner = _scope(404, "inner")
    outer = _scope(404, "outer")
    assert _found([inner, outer], NotFound()) == "inner"
    assert _found([{}, outer], NotFound()) == "outer"


def test_a_status_in_any_scope_wins_over_a_class_in_an_inner_one() -> None:
    inner = _scope(HTTPException, "inner HTTPException")
    app = _scope(404, "app 404")
    assert _found([inner, app], NotFound()) == "app 404"
    assert _found([inner, app], Forbidden()) == "inner HTTPException"


def test_a_subclass_wins_over_its_status_in_the_same_scope() -> None:
    scope = {**_scope(404, "404"), **_scope(MyNotFound, "mine")}
    assert _found([scope], MyNotFound()) == "mine"
    assert _found([scope], NotFound()) == "404"


def test_a_class_of_its_own_with_a_status_finds_the_status() -> None:
    assert _found([_scope(404, "404")], Teapot()) == "404"


def test_plain_exceptions_follow_the_mro_scope_by_scope() -> None:
    inner = _scope(Exception, "inner Exception")
    app = _scope(KeyError, "app KeyError")
    assert _found([inner, app], KeyError()) == "inner Exception"
    assert _found([{}, app], KeyError()) == "app KeyError"
    assert _found([inner, app], ValueError()) == "inner Exception"
    assert _found([{}, {}], ValueError()) is None


@pytest.mark.parametrize(
    ("given", "key"),
    [(404, 404), (NotFound, 404), (MyNotFound, MyNotFound), (KeyError, KeyError)],
)
def test_error_key(given: int | type[BaseException], key: ErrorKey) -> None:
    assert error_key(given) == key


@pytest.mark.parametrize("given", [999, KeyboardInterrupt])
def test_error_key_refuses(given: int | type[BaseException]) -> None:
    with pytest.raises(RouteError, match="Fix:|use a|pass a"):
        error_key(given)


def test_chain_orders_hooks_as_flask() -> None:
    parent, child = Blueprint("parent", __name__), Blueprint("child", __name__)
    calls: list[str] = []

    def hooks(scope: Blueprint, name: str) -> None:
        for n in (1, 2):

            def before(n: int = n) -> None:
                calls.append(f"before {name} {n}")

            def after(response: Response, n: int = n) -> Response:
                calls.append(f"after {name} {n}")
                return response

            scope.before_request(before)
            scope.after_request(after)

    hooks(parent, "parent")
    hooks(child, "child")
    chain = ScopeChain.from_scopes([("parent", parent), ("parent.child", child)], "/p")
    for before in chain.before_request:
        before()
    for after in chain.after_request:
        after(Response())
    assert calls == [
        "before parent 1",
        "before parent 2",
        "before child 1",
        "before child 2",
        "after child 2",
        "after child 1",
        "after parent 2",
        "after parent 1",
    ]
    assert chain.name == "parent.child"
    assert chain.names == ("parent.child", "parent")
    assert chain.error_handlers == ()
