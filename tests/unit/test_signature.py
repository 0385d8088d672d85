"""transom.signature: a handler's signature parsed once into frozen data."""

from __future__ import annotations

import inspect
import typing as t

import pytest

from transom.exceptions import QueryParameterError
from transom.exceptions import RouteError
from transom.params import ConverterRegistry
from transom.signature import REQUIRED
from transom.signature import HandlerSignature
from transom.signature import Param
from transom.signature import Source


def _parse(
    fn: t.Callable[..., t.Any],
    variables: tuple[str, ...] = (),
    *,
    is_method: bool = False,
    localns: dict[str, t.Any] | None = None,
) -> HandlerSignature:
    return HandlerSignature.from_callable(
        fn,
        rule="/r",
        variables=variables,
        registry=ConverterRegistry(),
        is_method=is_method,
        localns=localns,
    )


def show(post_id: int, page: int = 2, q: str | None = None) -> str:
    """Show a post.

    More text.
    """
    return ""


def test_parse_function() -> None:
    signature = _parse(show, ("post_id",))
    assert signature.qualname == "show"
    assert [p.name for p in signature.params] == ["post_id", "page", "q"]
    assert [p.name for p in signature.path_params] == ["post_id"]
    assert [p.name for p in signature.query_params] == ["page", "q"]
    assert signature.params[0].source is Source.PATH
    assert signature.params[0].default is REQUIRED
    assert signature.params[1].default == 2
    assert signature.return_annotation is str
    assert signature.doc == "Show a post.\n\nMore text."


def test_required() -> None:
    signature = _parse(show, ("post_id",))
    assert [p.required for p in signature.params] == [True, False, False]


def test_method_skips_self() -> None:
    class V:
        def get(self, x: int) -> str:
            return ""

    signature = _parse(V.get, is_method=True, localns={"V": V})
    assert [p.name for p in signature.params] == ["x"]


def test_unannotated_parameter_is_str() -> None:
    def f(x, y: int = 1):  # type: ignore[no-untyped-def]
        return ""

    signature = _parse(t.cast(t.Callable[..., t.Any], f))
    assert signature.params[0].annotation is str
    assert signature.return_annotation is inspect.Parameter.empty


def test_signature_is_frozen() -> None:
    signature = _parse(show, ("post_id",))
    with pytest.raises(AttributeError):
        signature.qualname = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        signature.params[0].name = "other"  # type: ignore[misc]


def test_unresolvable_return_annotation_is_kept_as_text() -> None:
    def f() -> NotDefinedAnywhere:  # type: ignore[name-defined]  # noqa: F821
        return ""

    assert (
        _parse(t.cast(t.Callable[..., t.Any], f)).return_annotation
        == "NotDefinedAnywhere"
    )


def test_local_namespace_is_used_after_globals() -> None:
    class Local:
        pass

    def f(x: int) -> Local:
        return Local()

    assert _parse(f, localns={"Local": Local}).return_annotation is Local


def test_missing_variable() -> None:
    with pytest.raises(RouteError, match="does not accept the rule variable 'slug'"):
        _parse(show, ("post_id", "slug"))


def test_unreadable_signature() -> None:
    with pytest.raises(RouteError, match="its signature cannot be read"):
        _parse(t.cast(t.Callable[..., t.Any], object()))


def _param(fn: t.Callable[..., t.Any]) -> Param:
    return _parse(fn).params[0]


def one(n: int) -> str:
    return ""


def many(n: list[int]) -> str:
    return ""


def many_default(n: list[int] = [7]) -> str:  # noqa: B006 - a test value
    return ""


def optional(n: int | None) -> str:
    return ""


def optional_list(n: list[int] | None) -> str:
    return ""


def test_from_query_single() -> None:
    param = _param(one)
    assert param.from_query({"n": ["3"]}) == 3
    with pytest.raises(QueryParameterError, match="'n' is required"):
        param.from_query({})
    with pytest.raises(QueryParameterError, match="'n' must be a non-negative"):
        param.from_query({"n": ["x"]})


def test_from_query_names_the_value_of_a_list_it_refuses() -> None:
    with pytest.raises(QueryParameterError, match="not 'x'"):
        _param(many).from_query({"n": ["1", "x", "3"]})


def test_from_query_reads_the_first_of_repeated_values() -> None:
    assert _param(one).from_query({"n": ["5", "x"]}) == 5


def test_from_query_list() -> None:
    assert _param(many).from_query({"n": ["1", "2"]}) == [1, 2]
    with pytest.raises(QueryParameterError, match="is required"):
        _param(many).from_query({})
    assert _param(many_default).from_query({}) == [7]
    assert _param(optional_list).from_query({}) is None


def test_from_query_optional() -> None:
    param = _param(optional)
    assert param.from_query({}) is None
    assert param.from_query({"n": [""]}) is None
    assert param.from_query({"n": ["4"]}) == 4


def test_query_error_is_400_with_the_parameter() -> None:
    with pytest.raises(QueryParameterError) as info:
        _param(one).from_query({"n": ["9" * 100]})
    assert info.value.code == 400
    assert info.value.parameter == "n"
    assert "..." in str(info.value.description)
