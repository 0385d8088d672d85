"""transom.routing: the router without an app (no I/O, no globals)."""

from __future__ import annotations

import typing as t

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.routing import Map
from werkzeug.routing import RequestRedirect
from werkzeug.routing import Rule

from transom import PathStr
from transom.converters import BoolConverter
from transom.converters import ChoiceConverter
from transom.converters import Converter
from transom.converters import DateConverter
from transom.converters import FloatConverter
from transom.converters import IntConverter
from transom.converters import PathConverter
from transom.converters import StrConverter
from transom.converters import UUIDConverter
from transom.converters import ValidationError
from transom.exceptions import RouteError
from transom.params import ConverterRegistry
from transom.routing import Router
from transom.routing import _guard  # pyright: ignore[reportPrivateUsage]
from transom.routing import _Guarded  # pyright: ignore[reportPrivateUsage]
from transom.routing import endpoint_name
from transom.routing import order_methods
from transom.views import View


class Post(View):
    def get(self, post_id: int) -> str:
        return f"post {post_id}"

    def delete(self, post_id: int) -> str:
        return "deleted"


def listing(page: int = 1) -> str:
    return str(page)


@pytest.fixture
def router() -> Router:
    router = Router(ConverterRegistry())
    router.add("/post/<post_id>", Post)
    router.add("/posts/", listing, methods=["GET", "POST"])
    return router


@pytest.mark.parametrize(
    ("view", "name"),
    [
        (Post, "post"),
        (listing, "listing"),
        (type("BlogPost", (View,), {}), "blog_post"),
        (type("HTTPStatusPage", (View,), {}), "http_status_page"),
        (type("APIv2", (View,), {}), "ap_iv2"),
    ],
)
def test_endpoint_name(view: object, name: str) -> None:
    assert endpoint_name(view) == name


def test_order_methods() -> None:
    assert order_methods(["OPTIONS", "POST", "GET", "HEAD", "PATCH", "GET"]) == [
        "GET",
        "HEAD",
        "POST",
        "PATCH",
        "OPTIONS",
    ]
    assert order_methods(["PROPFIND", "BREW", "DELETE"]) == [
        "DELETE",
        "BREW",
        "PROPFIND",
    ]


def test_route_data(router: Router) -> None:
    route = router.route_for_endpoint("post")
    assert route is not None
    assert route.view is Post and route.is_class_view
    assert set(route.handlers) == {"GET", "DELETE"}
    assert route.methods == {"GET", "HEAD", "DELETE", "OPTIONS"}
    assert route.allow == "GET, HEAD, DELETE, OPTIONS"
    assert route.view_name.endswith("test_routing.Post")
    assert route.werkzeug_rule.rule.startswith("/post/<_transom")
    handler = route.handlers["GET"]
    assert handler.function is Post.get
    assert handler.signature.qualname == "Post.get"
    assert handler.call(post_id=2) == "post 2"


def test_function_route_data(router: Router) -> None:
    route = router.route_for_endpoint("posts") or router.route_for_target(listing)
    assert route.is_class_view is False
    assert set(route.handlers) == {"GET", "POST"}
    assert route.handlers["POST"].query_params[0].name == "page"


def test_match(router: Router) -> None:
    route, values = router.match(router.map.bind("example.com", path_info="/post/5"))
    assert route.endpoint == "post"
    assert values == {"post_id": 5}


def test_match_errors(router: Router) -> None:
    with pytest.raises(NotFound):
        router.match(router.map.bind("example.com", path_info="/post/x"))
    with pytest.raises(MethodNotAllowed) as info:
        router.match(
            router.map.bind("example.com", path_info="/post/1", default_method="PUT")
        )
    assert info.value.valid_methods == ["GET", "HEAD", "DELETE", "OPTIONS"]
    with pytest.raises(RequestRedirect):
        router.match(router.map.bind("example.com", path_info="/posts"))


def test_allowed_methods(router: Router) -> None:
    adapter = router.map.bind("example.com", path_info="/posts/")
    assert router.allowed_methods(adapter) == ["GET", "HEAD", "POST", "OPTIONS"]


def test_route_for_target(router: Router) -> None:
    assert router.route_for_target(Post).endpoint == "post"
    assert router.route_for_target(Post.get).endpoint == "post"
    assert router.route_for_target(Post().delete).endpoint == "post"
    assert router.route_for_target(listing).endpoint == "listing"
    with pytest.raises(LookupError, match="is not a routed view"):
        router.route_for_target(endpoint_name)
    with pytest.raises(LookupError, match="is not a routed view"):
        router.route_for_target([])


def test_shared_verb_is_ambiguous() -> None:
    class Base(View):
        def get(self) -> str:
            return ""

    router = Router(ConverterRegistry())
    router.add("/a", type("A", (Base,), {}))
    router.add("/b", type("B", (Base,), {}))
    with pytest.raises(LookupError, match="inherited by several routed views"):
        router.route_for_target(Base.get)


def test_build(router: Router) -> None:
    adapter = router.map.bind("example.com")
    assert router.build(adapter, Post.get, (3,), {}) == "/post/3"
    assert router.build(adapter, "post", (), {"post_id": 3, "x": "y"}) == "/post/3?x=y"
    assert (
        router.build(adapter, listing, (), {"page": 2}, external=True, anchor="a b")
        == "http://example.com/posts/?page=2#a%20b"
    )


def test_strict_slashes_off() -> None:
    router = Router(ConverterRegistry(), strict_slashes=False)
    router.add("/dir/", listing)
    route, _ = router.match(router.map.bind("example.com", path_info="/dir"))
    assert route.endpoint == "listing"


def test_registration_is_all_or_nothing() -> None:
    class Bad(View):
        def get(self, n: int) -> str:
            return ""

        def put(self) -> str:
            return ""

    router = Router(ConverterRegistry())
    with pytest.raises(RouteError):
        router.add("/bad/<n>", Bad)
    assert router.routes == []
    assert router.route_for_endpoint("bad") is None
    assert list(router.map.iter_rules()) == []


def test_explicit_converter_uses_transom_converters() -> None:
    router = Router(ConverterRegistry())
    router.add("/x/<int(min=1):n>", listing_with_n, endpoint="x")
    route, values = router.match(router.map.bind("example.com", path_info="/x/7"))
    assert (route.endpoint, values) == ("x", {"n": 7})
    for path in ("/x/0", "/x/\u0663"):  # below min; ARABIC-INDIC DIGIT THREE
        with pytest.raises(NotFound):
            router.match(router.map.bind("example.com", path_info=path))


def listing_with_n(n: int) -> str:
    return str(n)


def _directory() -> str:
    return ""


def _match_path_router() -> Router:
    router = Router(ConverterRegistry())
    router.add("/post/<post_id>", Post)
    router.add("/dir/", _directory)
    # Rules a transom route never makes, added to the map directly: defaults
    # that redirect, and a redirect_to (past the router's refusal of
    # url_map.add, as only the router itself may).
    Map.add(router.map, Rule("/page/", defaults={"n": 1}, endpoint="page"))
    Map.add(router.map, Rule("/page/<int:n>", endpoint="page"))
    Map.add(router.map, Rule("/old/<int:n>", redirect_to="/page/<n>", endpoint="old"))
    return router


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/post/3", "GET"),
        ("/post/3", "HEAD"),
        ("/post/3", "PUT"),
        ("/post/x", "GET"),
        ("/dir/", "GET"),
        ("/dir", "GET"),
        ("//post//3", "GET"),
        ("/page/1", "GET"),
        ("/page/2", "GET"),
        ("/page/", "GET"),
        ("/old/2", "GET"),
        ("/nowhere", "GET"),
    ],
)
def test_match_path_answers_as_the_adapter_or_defers(path: str, method: str) -> None:
    router = _match_path_router()
    adapter = router.map.bind("localhost", path_info=path, default_method=method)
    # A rule added to the map directly has no route: both ways fail alike.
    try:
        expected: object = router.match(adapter)
    except (HTTPException, KeyError) as e:
        expected = (type(e), getattr(e, "valid_methods", None))
    for _ in range(2):  # the second answer may be remembered
        try:
            got: object = router.match_path(path, method)
        except KeyError as e:
            got = (type(e), None)
        if isinstance(got, HTTPException):  # returned, not raised
            # The router's own 405 class only marks its Allow as known-good.
            kind = MethodNotAllowed if isinstance(got, MethodNotAllowed) else type(got)
            got = (kind, getattr(got, "valid_methods", None))
        if got is None:
            # Deferred to the adapter: only redirects are.
            assert isinstance(expected, tuple) and expected[0] is RequestRedirect
        else:
            assert got == expected


_UNGUARDED: list[Converter[t.Any]] = [
    StrConverter(),
    StrConverter(length=3),
    PathConverter(),
    IntConverter(),
    IntConverter(signed=True, min=-5, max=5),
    FloatConverter(signed=True, max=1.5),
    UUIDConverter(),
    BoolConverter(),
    ChoiceConverter(None, "a", "b"),
]


@pytest.mark.parametrize("converter", _UNGUARDED, ids=lambda c: type(c).__name__)
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_converters_left_unguarded_refuse_text_only_with_validation_error(
    converter: Converter[t.Any], data: st.DataObject
) -> None:
    # The matcher calls them directly: any other error would be a 500.
    assert _guard(converter) is converter
    text = data.draw(st.from_regex(converter.regex, fullmatch=True))
    try:
        converter.to_python(text)
    except ValidationError:
        pass


def test_more_digits_than_int_takes_are_refused_by_the_int_converter() -> None:
    converter = IntConverter(fixed_digits=5000)
    assert _guard(converter) is converter
    with pytest.raises(ValidationError):
        converter.to_python("1" * 5000)


def test_other_converters_are_guarded() -> None:
    class Own(IntConverter):
        pass

    assert isinstance(_guard(DateConverter()), _Guarded)
    assert isinstance(_guard(Own()), _Guarded)  # a subclass may raise anything


class _Trail(str):
    """Text that may hold slashes, with a converter of the user's own."""


class _Slashed(Converter[_Trail]):
    regex = "[a-z/]+"

    def to_python(self, value: str) -> _Trail:
        return _Trail(value)

    def to_url(self, value: _Trail) -> str:
        return str(value)


def _two_paths(first: PathStr, second: PathStr) -> str:
    return first + second


def _path_and_text(first: PathStr, second: str) -> str:
    return first + second


def _custom_and_path(first: _Trail, second: PathStr) -> str:
    return first + second


@pytest.mark.parametrize(
    "rule",
    [
        "/two/<first>/<second>/end",
        "/repo/<first>/blob/<second>",
        "/<path:first>/<path:second>",
    ],
)
def test_two_variables_that_hold_slashes_are_refused(rule: str) -> None:
    router = Router(ConverterRegistry())
    with pytest.raises(
        RouteError,
        match=r"the variables 'first' and 'second' may both hold slashes.*square"
        r".*Fix: take the rest of the path in one PathStr",
    ):
        router.add(rule, _two_paths)
    assert list(router.map.iter_rules()) == []


def test_a_user_converter_that_holds_slashes_counts() -> None:
    registry = ConverterRegistry()
    registry.register(_Trail, _Slashed, "slashed")
    router = Router(registry)
    with pytest.raises(RouteError, match="'first' and 'second' may both hold"):
        router.add("/c/<first>/<second>", _custom_and_path)
    with pytest.raises(RouteError, match="'first' and 'second' may both hold"):
        router.add("/e/<slashed:first>/<second>", _custom_and_path)


def test_one_variable_that_holds_slashes_is_fine() -> None:
    router = Router(ConverterRegistry())
    router.add("/one/<first>/<second>/end", _path_and_text)
    route, values = router.match(
        router.map.bind("example.com", path_info="/one/a/b/c/end")
    )
    assert route.rule == "/one/<first>/<second>/end"
    assert values == {"first": "a/b", "second": "c"}


@pytest.mark.parametrize("method", ["GET\r\nX-Injected: 1", "GET POST", "", "G:ET"])
def test_a_method_that_is_not_a_token_is_refused(method: str) -> None:
    router = Router(ConverterRegistry())
    with pytest.raises(RouteError, match="is not an HTTP method name"):
        router.add("/m", listing, methods=[method])


def test_a_token_method_is_fine() -> None:
    router = Router(ConverterRegistry())
    router.add("/m", listing, methods=["purge", "M-SEARCH"])
    adapter = router.map.bind("example.com", path_info="/m", default_method="PURGE")
    assert router.match(adapter)[0].rule == "/m"
