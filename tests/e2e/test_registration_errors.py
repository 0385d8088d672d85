"""Every mistake a route can hold fails when it is registered, with a message
that names the class, the method, the parameter and the fix."""

from __future__ import annotations

import enum
import re
import typing as t

import pytest

from transom import App
from transom import Length
from transom import PathStr
from transom import Range
from transom import TransomError
from transom import View
from transom.exceptions import ConverterError
from transom.exceptions import DuplicateEndpointError
from transom.exceptions import RouteError


class Unconvertible:
    """A type no converter is registered for."""


class Mood(enum.Enum):
    HAPPY = "happy"


def _all(*parts: str) -> str:
    """A regex matching text that contains every part, in order."""
    return ".*".join(re.escape(part) for part in parts)


def test_rule_variable_missing_from_one_verb(app: App) -> None:
    class Article(View):
        def get(self, slug: str) -> str:
            return slug

        def delete(self) -> str:
            return ""

    with pytest.raises(
        RouteError,
        match=_all(
            "Article.delete()",
            "does not accept the rule variable 'slug' of '/a/<slug>'",
            "Fix: add a parameter 'slug: str'",
            "or remove <slug> from the rule",
        ),
    ):
        app.add_route("/a/<slug>", Article)


def test_rule_variable_missing_from_function(app: App) -> None:
    def show() -> str:
        return ""

    with pytest.raises(RouteError, match=_all("show()", "'item_id'", "Fix: add")):
        app.add_route("/items/<item_id>", show)


def test_path_type_without_converter(app: App) -> None:
    class Thing(View):
        def get(self, thing: Unconvertible) -> str:
            return ""

    with pytest.raises(
        ConverterError,
        match=_all(
            "parameter 'thing' of",
            "Thing.get()",
            "no converter for the annotation Unconvertible",
            "Fix:",
            "app.register_converter(Unconvertible, YourConverter)",
        ),
    ):
        app.add_route("/t/<thing>", Thing)


def test_query_type_without_converter(app: App) -> None:
    class Search(View):
        def get(self, filter: dict[str, int]) -> str:
            return ""

    with pytest.raises(
        ConverterError,
        match=_all("parameter 'filter' of", "Search.get()", "no converter", "Fix:"),
    ):
        app.add_route("/search", Search)


def test_explicit_converter_disagrees_with_annotation(app: App) -> None:
    class Post(View):
        def get(self, post_id: str) -> str:
            return post_id

    with pytest.raises(
        ConverterError,
        match=_all(
            "parameter 'post_id' of",
            "Post.get()",
            "the rule '/p/<int:post_id>' converts it with <int:...>, which gives int,",
            "but it is annotated str",
            "Fix: annotate it as int, or write <post_id>",
        ),
    ):
        app.add_route("/p/<int:post_id>", Post)


@pytest.mark.parametrize(
    ("rule", "annotation"),
    [
        ("/u/<uuid:v>", int),
        ("/f/<float:v>", int),
        ("/s/<path:v>", int),
        ("/a/<any(x,y):v>", int),
    ],
)
def test_other_explicit_converters_must_agree(
    app: App, rule: str, annotation: type
) -> None:
    def view(v: int) -> str:
        return ""

    view.__annotations__["v"] = annotation
    with pytest.raises(ConverterError, match=_all("parameter 'v' of", "Fix:")):
        app.add_route(rule, view)


@pytest.mark.parametrize(
    ("rule", "annotation"),
    [
        ("/i/<int:v>", int),
        ("/s/<string:v>", str),
        ("/p/<path:v>", PathStr),
        ("/p2/<path:v>", str),
        ("/a/<any(happy):v>", Mood),
        ("/l/<any(a,b):v>", t.Literal["a", "b"]),
    ],
)
def test_agreeing_explicit_converters_register(
    app: App, rule: str, annotation: object
) -> None:
    def view(v: t.Any) -> str:
        return ""

    view.__annotations__["v"] = annotation
    assert app.add_route(rule, view).rule == rule


def test_unknown_explicit_converter(app: App) -> None:
    def view(v: str) -> str:
        return v

    with pytest.raises(
        ConverterError,
        match=_all(
            "view() at route '/x/<slug:v>'",
            "the converter 'slug' does not exist",
            "Fix: use one of",
            "app.register_converter(..., name='slug')",
        ),
    ):
        app.add_route("/x/<slug:v>", view)


def test_explicit_arguments_and_annotated_constraints(app: App) -> None:
    def view(v: t.Annotated[int, Range(ge=1)]) -> str:
        return ""

    with pytest.raises(
        ConverterError,
        match=_all("parameter 'v' of", "view()", "min=5", "Fix: state the bounds once"),
    ):
        app.add_route("/x/<int(min=5):v>", view)


def test_verbs_disagree_on_a_path_type(app: App) -> None:
    class Doc(View):
        def get(self, key: int) -> str:
            return ""

        def put(self, key: str) -> str:
            return ""

    with pytest.raises(
        RouteError,
        match=_all(
            "Doc.get() takes 'key' as int but",
            "Doc.put() as str",
            "Fix: annotate the path parameter with the same type in every verb",
        ),
    ):
        app.add_route("/doc/<key>", Doc)


def test_duplicate_endpoint_bound_to_another_view(app: App) -> None:
    class Users(View):
        def get(self) -> str:
            return ""

    class Accounts(View):
        def get(self) -> str:
            return ""

    app.add_route("/users", Users)
    with pytest.raises(
        DuplicateEndpointError,
        match=_all(
            "Accounts at route '/accounts'",
            "the endpoint 'users' is already bound to",
            "Users at '/users'",
            "Fix: pass a different endpoint=",
        ),
    ):
        app.add_route("/accounts", Accounts, endpoint="users")


def test_same_view_at_two_rules_is_allowed(app: App) -> None:
    class Listing(View):
        def get(self, page: int = 1) -> str:
            return str(page)

    app.add_route("/list", Listing)
    app.add_route("/list/all", Listing)
    client = app.test_client()
    assert client.get("/list").text == "1"
    assert client.get("/list/all?page=2").text == "2"


def test_duplicate_rule_and_method(app: App) -> None:
    def first() -> str:
        return ""

    def second() -> str:
        return ""

    app.add_route("/same", first)
    with pytest.raises(
        RouteError,
        match=_all(
            "second at route '/same'",
            "GET /same is already handled by",
            "first",
            "Fix: remove one of the two routes",
        ),
    ):
        app.add_route("/same", second)


def test_same_rule_different_methods_is_allowed(app: App) -> None:
    def read() -> str:
        return "r"

    def write() -> str:
        return "w"

    app.add_route("/rw", read)
    app.add_route("/rw", write, methods=["POST"])
    assert app.test_client().post("/rw").text == "w"


@pytest.mark.parametrize(
    ("annotation", "problem"),
    [
        (list[int], "a path parameter cannot be list[int]"),
        (t.Optional[int], "a path parameter cannot be"),  # noqa: UP045
        (int | str, "is a union transom cannot convert to"),
        (t.Annotated[str, Range(ge=1)], "applies to int and float, not str"),
        (t.Annotated[int, Length(max=3)], "applies to str, not int"),
        (t.Annotated[int, Range(le=-1)], "allows only negative numbers"),
        (t.Literal[1.5, 2.5], "has values that are not str, int or Enum"),
        (t.Any, "no converter for the annotation Any"),
        (object, "no converter for the annotation object"),
    ],
)
def test_unusable_path_annotations(app: App, annotation: object, problem: str) -> None:
    def view(v: t.Any) -> str:
        return ""

    view.__annotations__["v"] = annotation
    with pytest.raises(
        ConverterError, match=_all("parameter 'v' of", "view()", problem, "Fix:")
    ):
        app.add_route("/v/<v>", view)


def test_quoted_name_that_cannot_be_resolved(app: App) -> None:
    def view(v: str) -> str:
        return ""

    view.__annotations__["v"] = "NoSuchType"
    with pytest.raises(
        RouteError,
        match=_all(
            "view()",
            "the annotation of 'v' cannot be evaluated",
            "NameError",
            "Fix: define or import every name",
        ),
    ):
        app.add_route("/v/<v>", view)


def test_local_types_resolve_from_the_registering_function(app: App) -> None:
    # Annotations are strings here (from __future__ import annotations); the
    # class exists only in this function, as it would in create_app().
    class Shade(enum.Enum):
        LIGHT = "light"

    @app.route("/shade/<s>")
    def shade(s: Shade) -> str:
        return s.name

    assert app.test_client().get("/shade/light").text == "LIGHT"


@pytest.mark.parametrize(
    ("signature", "problem"),
    [
        ("*args: int", "cannot fill *args"),
        ("**kwargs: int", "cannot fill **kwargs"),
        ("v: int, /", "it is positional-only"),
    ],
)
def test_unfillable_parameter_kinds(app: App, signature: str, problem: str) -> None:
    namespace: dict[str, t.Any] = {}
    exec(f"def view({signature}) -> str:\n    return ''", namespace)
    with pytest.raises(RouteError, match=_all("of view()", problem, "Fix:")):
        app.add_route("/k", namespace["view"])


def test_keyword_only_parameters_are_fine(app: App) -> None:
    def view(*, v: int) -> str:
        return str(v + 1)

    app.add_route("/kw/<v>", view)
    assert app.test_client().get("/kw/1").text == "2"


def test_view_without_verbs(app: App) -> None:
    class Empty(View):
        get = None  # type: ignore[assignment]

    with pytest.raises(
        RouteError,
        match=_all("Empty", "it defines no verb methods", "Fix: add a method such as"),
    ):
        app.add_route("/empty", Empty)


def test_async_verb(app: App) -> None:
    class Slow(View):
        async def get(self) -> str:  # type: ignore[override]
            return ""

    with pytest.raises(
        RouteError,
        match=_all("Slow.get", "'async def'", "Fix: define it with 'def get"),
    ):
        app.add_route("/slow", Slow)


def test_async_function_route(app: App) -> None:
    async def slow() -> str:
        return ""

    with pytest.raises(RouteError, match=_all("slow", "'async def'", "Fix:")):
        app.add_route("/slow", slow)  # type: ignore[arg-type]


def test_staticmethod_verb(app: App) -> None:
    class Static(View):
        @staticmethod
        def get() -> str:
            return ""

    with pytest.raises(
        RouteError,
        match=_all("Static.get", "it is a staticmethod", "Fix: define it as 'def get"),
    ):
        app.add_route("/static-verb", Static)


def test_callable_object_verb(app: App) -> None:
    class Handler:
        def __call__(self) -> str:
            return ""

    class Odd(View):
        post = Handler()

    with pytest.raises(RouteError, match=_all("Odd.post", "it is a Handler", "Fix:")):
        app.add_route("/odd", Odd)


def test_view_that_needs_constructor_arguments(app: App) -> None:
    class Configured(View):
        def __init__(self, db: object) -> None:
            self.db = db

        def get(self) -> str:
            return ""

    with pytest.raises(
        RouteError,
        match=_all(
            "Configured",
            "its __init__ requires arguments",
            "Fix: give every __init__ parameter a default",
        ),
    ):
        app.add_route("/configured", Configured)  # type: ignore[arg-type]


def test_methods_on_a_view_class(app: App) -> None:
    class Page(View):
        def get(self) -> str:
            return ""

    with pytest.raises(
        RouteError,
        match=_all("Page", "methods= applies to function routes", "drop methods="),
    ):
        app.add_route("/page", Page, methods=["GET"])


def test_methods_as_a_string(app: App) -> None:
    def view() -> str:
        return ""

    with pytest.raises(
        RouteError, match=_all("methods='POST' is a string", "methods=['POST']")
    ):
        app.add_route("/m", view, methods="POST")


def test_empty_methods(app: App) -> None:
    def view() -> str:
        return ""

    with pytest.raises(RouteError, match=_all("methods=[] names no HTTP method")):
        app.add_route("/m", view, methods=[])


def test_lambda_needs_an_endpoint(app: App) -> None:
    with pytest.raises(RouteError, match=_all("cannot name its endpoint", "endpoint=")):
        app.add_route("/l", lambda: "")
    app.add_route("/l", lambda: "named", endpoint="named")
    assert app.test_client().get("/l").text == "named"


@pytest.mark.parametrize(
    ("view", "problem"),
    [(object(), "needs a transom.View subclass"), (int, "needs a transom.View")],
)
def test_not_a_view(app: App, view: object, problem: str) -> None:
    with pytest.raises(RouteError, match=_all(problem, "Fix:")):
        app.add_route("/x", view)  # type: ignore[arg-type]


def test_class_not_subclassing_view(app: App) -> None:
    class Lookalike:
        def get(self) -> str:
            return ""

    with pytest.raises(RouteError, match=_all("Lookalike", "subclass transom.View")):
        app.add_route("/x", Lookalike)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("no-slash", "must start with '/'"),
        ("/x/<1bad>", "needs a Python identifier"),
        ("/x/<a>/<a>", "the variable 'a' appears twice"),
    ],
)
def test_malformed_rules(app: App, rule: str, problem: str) -> None:
    def view(a: str = "") -> str:
        return ""

    with pytest.raises(RouteError, match=_all(problem, "Fix:")):
        app.add_route(rule, view, endpoint="v")


def test_register_converter_needs_a_converter_class(app: App) -> None:
    class NotAConverter:
        pass

    with pytest.raises(
        ConverterError,
        match=_all(
            "not a transom.Converter subclass", "Fix: subclass transom.Converter"
        ),
    ):
        app.register_converter(Unconvertible, NotAConverter)  # type: ignore[arg-type]


def test_registration_after_first_request(app: App) -> None:
    class Early(View):
        def get(self) -> str:
            return ""

    app.add_route("/early", Early)
    app.test_client().get("/early")

    class Late(View):
        def get(self) -> str:
            return ""

    with pytest.raises(
        TransomError, match=_all("add_route()", "after the app handled")
    ):
        app.add_route("/late", Late)


def test_registration_errors_are_value_or_type_errors() -> None:
    assert issubclass(RouteError, ValueError)
    assert issubclass(ConverterError, TypeError)
    assert issubclass(DuplicateEndpointError, RouteError)


def test_a_failed_registration_leaves_no_trace(app: App) -> None:
    class Half(View):
        def get(self, n: int) -> str:
            return ""

        def post(self, n: Unconvertible) -> str:
            return ""

    with pytest.raises(ConverterError):
        app.add_route("/half/<n>", Half)

    class Whole(View):
        def get(self, n: int) -> str:
            return str(n)

    app.add_route("/half/<n>", Whole, endpoint="half")
    assert app.test_client().get("/half/3").text == "3"


def test_decorator_without_wraps_is_explained(app: App) -> None:
    def logged(f: t.Callable[..., str]) -> t.Callable[..., str]:
        def wrapper(*args: t.Any, **kwargs: t.Any) -> str:
            return f(*args, **kwargs)

        return wrapper

    class Logged(View):
        @logged
        def get(self, n: int) -> str:
            return str(n)

    with pytest.raises(
        RouteError,
        match=_all("Logged.wrapper()", "cannot fill **kwargs", "functools.wraps"),
    ):
        app.add_route("/logged/<n>", Logged)


def test_decorator_with_wraps_keeps_the_signature(app: App) -> None:
    import functools

    calls: list[str] = []

    def logged(f: t.Callable[..., str]) -> t.Callable[..., str]:
        @functools.wraps(f)
        def wrapper(*args: t.Any, **kwargs: t.Any) -> str:
            calls.append(f.__name__)
            return f(*args, **kwargs)

        return wrapper

    @app.route("/logged/<n>")
    class Logged(View):
        @logged
        def get(self, n: int, extra: int = 0) -> str:
            return str(n + extra)

    assert app.test_client().get("/logged/2?extra=3").text == "5"
    assert calls == ["get"]


def test_positional_only_names_the_signature_to_change(app: App) -> None:
    class Post(View):
        def get(self, post_id: int, /) -> str:
            return str(post_id)

    with pytest.raises(RouteError) as raised:
        app.add_route("/post/<post_id>", Post)
    assert str(raised.value).endswith(
        "<locals>.Post.get(): it is positional-only, but transom passes values by"
        " name. Fix: remove the '/' from the signature of"
        " test_positional_only_names_the_signature_to_change.<locals>.Post.get."
    )


def test_positional_only_builtin_is_refused_with_its_own_fix(app: App) -> None:
    with pytest.raises(RouteError, match=_all("positional-only", "route a Python")):
        builtin: t.Any = abs  # no Python signature; not a response either
        app.add_route("/abs/<x>", builtin, endpoint="abs")


def test_unbound_method_is_refused(app: App) -> None:
    """A method taken from its class would make ``self`` a required query
    parameter: every request a 400. Refused; a bound method is fine."""

    class Things:
        def show(self, x: int) -> str:
            return str(x * 2)

    with pytest.raises(RouteError) as raised:
        app.add_route("/things/<x>", Things.show)
    assert str(raised.value).endswith(
        "Things.show: it is a method taken from its class, so transom would have"
        " to fill 'self'. Fix: route a bound method, as in app.add_route(rule,"
        " Things().show), or make Things a transom.View subclass."
    )
    app.add_route("/things/<x>", Things().show)
    assert app.test_client().get("/things/4").text == "8"


def test_new_type_needs_a_converter(app: App) -> None:
    user_id = t.NewType("user_id", int)

    def view(u: t.Any) -> str:
        return str(u)

    view.__annotations__["u"] = user_id
    with pytest.raises(
        ConverterError, match=_all("no converter for the annotation user_id", "Fix:")
    ):
        app.add_route("/u/<u>", view)


_T = t.TypeVar("_T")
_U = t.TypeVar("_U")


class _Items(View, t.Generic[_T]):
    def get(self, item_id: _T, also: list[_T] | None = None) -> str:
        return repr((item_id, also))


class _Between(_Items[_U], t.Generic[_U]):
    pass


class _Posts(_Between[int]):
    pass


def test_generic_base_view_takes_the_subclass_type(app: App) -> None:
    """A verb of a generic base converts what the subclass binds its type
    variable to, through a generic class in between."""
    app.add_route("/posts/<item_id>", _Posts)
    client = app.test_client()
    assert client.get("/posts/3?also=4&also=5").text == "(3, [4, 5])"
    assert client.get("/posts/x").status_code == 404


def test_generic_view_routed_unbound_is_refused(app: App) -> None:
    with pytest.raises(ConverterError) as raised:
        app.add_route("/items/<item_id>", _Items)
    assert str(raised.value) == (
        "parameter 'item_id' of _Items.get(): no converter for the annotation _T,"
        " a type variable that the routed view does not bind. Fix: route a"
        " subclass that gives the generic base a type, as in"
        " 'class Posts(Items[int])'."
    )
