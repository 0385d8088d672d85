"""transom.views: which methods of a View class handle which verbs."""

from __future__ import annotations

import pytest

from transom.exceptions import RouteError
from transom.views import VERBS
from transom.views import View
from transom.views import is_view_class
from transom.views import verb_methods


class Reader:
    def get(self) -> str:
        return "read"


class Item(Reader, View):
    def post(self) -> str:
        return "post"

    def delete(self) -> str:
        return "delete"

    def helper(self) -> str:
        return "not a verb"


def test_verb_methods_include_inherited_ones() -> None:
    found = verb_methods(Item)
    assert set(found) == {"GET", "POST", "DELETE"}
    assert found["GET"] is Reader.get
    assert found["POST"] is Item.post


def test_base_view_has_no_verbs() -> None:
    assert verb_methods(View) == {}
    assert View.decorators == ()


def test_none_or_data_switches_verbs_off() -> None:
    class ReadOnly(Item):
        post = None  # type: ignore[assignment]
        delete = "no"  # type: ignore[assignment]

    assert set(verb_methods(ReadOnly)) == {"GET"}


@pytest.mark.parametrize("kind", ["staticmethod", "classmethod", "object"])
def test_callable_non_methods_are_refused(kind: str) -> None:
    class Callable:
        def __call__(self) -> str:
            return ""

    def plain() -> str:
        return ""

    def with_class(cls: type[object]) -> str:
        return ""

    attributes: dict[str, object] = {
        "staticmethod": staticmethod(plain),
        "classmethod": classmethod(with_class),
        "object": Callable(),
    }
    attribute = attributes[kind]
    odd = type("Odd", (View,), {"get": attribute})
    with pytest.raises(
        RouteError, match=f"Odd.get: it is a {type(attribute).__name__}"
    ):
        verb_methods(odd)


def test_async_verbs_are_refused() -> None:
    class Slow(View):
        async def post(self) -> str:  # type: ignore[override]
            return ""

    with pytest.raises(RouteError, match="'async def'"):
        verb_methods(Slow)


def test_is_view_class() -> None:
    assert is_view_class(Item)
    assert not is_view_class(Item())
    assert not is_view_class(Reader)
    assert not is_view_class(View.__init__)


def test_verbs_are_lower_case_http_methods() -> None:
    assert VERBS == ("get", "post", "put", "patch", "delete", "options", "head")
