"""transom.check: each check on templates held in memory, the loaders an
app may have, and 500 templates in one run."""

from __future__ import annotations

import time
import typing as t
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from transom import App
from transom import Header
from transom import Template
from transom import View
from transom.check import Problem
from transom.check import check_app
from transom.check import template_names


@pytest.fixture
def app(app: App) -> App:
    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return "index"

    @app.route("/posts/")
    @app.route("/posts/<post_id>", endpoint="post")
    class Post(View):
        def get(self, post_id: int = 0, page: int = 1) -> str:
            return "post"

        def post(self, title: str, post_id: int = 0) -> str:
            return "created"

    @app.route("/users/<user_id>")
    def user(user_id: t.Annotated[int, "not a constraint"], tab: bool = False) -> str:
        return "user"

    return app


def check(app: App, **templates: str) -> list[str]:
    """The problems of ``templates`` (name=source, ``__`` for ``/``) as
    ``name:line: message``."""
    app.jinja_env.loader = jinja2.DictLoader(
        {name.replace("__", "/") + ".html": text for name, text in templates.items()}
    )
    return [str(problem) for problem in check_app(app)]


def test_a_correct_template_has_no_problem(app: App) -> None:
    assert check(app, page="{{ url_for('index') }} {{ x|upper }}") == []


def test_no_template_folder_means_nothing_to_check(app: App) -> None:
    app.jinja_env.loader = None
    assert check_app(app) == []
    assert template_names(app.jinja_env) == []


def test_a_loader_that_cannot_list_is_named() -> None:
    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: None))
    with pytest.raises(TypeError, match="FunctionLoader cannot list its templates"):
        template_names(env)


def test_syntax_error_on_its_line(app: App) -> None:
    assert check(app, a="ok\n{{ x }}\n{{ x + }}\n") == [
        "a.html:3: unexpected 'end of print statement'"
    ]


def test_a_template_that_is_not_utf8(app: App, tmp_path: Path) -> None:
    (tmp_path / "latin1.html").write_bytes(b"caf\xe9 au lait")
    app.jinja_env.loader = jinja2.FileSystemLoader(tmp_path)
    (problem,) = check_app(app)
    # The loader fails before it says where the file is: the name stands in.
    assert problem == Problem(
        "latin1.html",
        "latin1.html",
        1,
        "the file is not UTF-8 text (invalid continuation byte)",
    )


def test_templates_of_several_loaders(app: App) -> None:
    # Blueprints add loaders to the app's one environment.
    app.jinja_env.loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({"layout.html": "{{ url_for('nope') }}"}),
            jinja2.PrefixLoader(
                {
                    "admin": jinja2.DictLoader(
                        {"page.html": "{% extends 'layout.html' %}"}
                    )
                }
            ),
        ]
    )
    assert template_names(app.jinja_env) == ["admin/page.html", "layout.html"]
    assert [str(p) for p in check_app(app)] == [
        "layout.html:1: url_for('nope'): no route has the endpoint 'nope'"
    ]


# -- url_for ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "url_for('indx')",
            "url_for('indx'): no route has the endpoint 'indx'; did you mean 'index'?",
        ),
        ("url_for('zzz')", "url_for('zzz'): no route has the endpoint 'zzz'"),
        (
            "url_for('post', 3)",
            "url_for('post') takes the route's values by keyword, not by position",
        ),
        (
            "url_for('user', user_id=1, tabs=True)",
            "url_for('user'): user() has no parameter 'tabs', so it would only go"
            " into the query string; did you mean 'tab'?",
        ),
        (
            "url_for('user', tab=True)",
            "url_for('user'): the rule '/users/<user_id>' needs a value for 'user_id'",
        ),
        (
            "url_for('user', user_id='me')",
            "url_for('user'): 'me' for 'user_id' is not a non-negative integer",
        ),
        (
            "url_for('user', user_id=-3)",
            "url_for('user'): -3 for 'user_id' is not a non-negative integer",
        ),
        (
            "url_for('user', user_id=1, tab='maybe')",
            "url_for('user'): 'maybe' for 'tab' is not true or false",
        ),
        (
            "url_for('post', page=-1)",
            "url_for('post'): -1 for 'page' is not a non-negative integer",
        ),
        (
            # Only POST takes a title; GET is the default.
            "url_for('post', post_id=1, title='x')",
            "url_for('post'): Post.get() has no parameter 'title', so it would only"
            " go into the query string",
        ),
    ],
)
def test_url_for_mistakes(app: App, source: str, message: str) -> None:
    assert check(app, a="{{ " + source + " }}") == [f"a.html:1: {message}"]


@pytest.mark.parametrize(
    "source",
    [
        "url_for('post')",  # /posts/ needs no value
        "url_for('post', post_id=3, page=2, _anchor='c', _external=True)",
        "url_for('post', post_id='3')",  # text the int converter reads
        "url_for('post', post_id=post.id, page=n)",  # not literals: not guessed
        "url_for('user', **values)",  # the missing value may be in there
        "url_for('user', *values)",
        "url_for('user', user_id=1, tab=None)",  # None leaves the query out
        "url_for('post', title='x', post_id=1, _method='post')",
        "url_for('.index')",  # relative to any blueprint, or the app
        "url_for(endpoint)",
        "url_for(3)",
        "other('nope', x=1)",
        "obj.url_for('nope')",
    ],
)
def test_url_for_accepted(app: App, source: str) -> None:
    assert check(app, a="{{ " + source + " }}") == []


def test_relative_endpoint_that_no_scope_has(app: App) -> None:
    assert check(app, a="{{ url_for('.nope') }}") == [
        "a.html:1: url_for('.nope'): no route has the endpoint '.nope'"
    ]


def test_relative_endpoint_of_a_blueprint(app: App) -> None:
    # Blueprint endpoints are dotted ("admin.page"); ".page" names one.
    @app.route("/admin/page", endpoint="admin.page")
    def page(n: int) -> str:
        return "page"

    assert check(app, a="{{ url_for('.page', n=1) }}") == []
    assert check(app, a="{{ url_for('.page', n='x') }}") == [
        "a.html:1: url_for('.page'): 'x' for 'n' is not a non-negative integer"
    ]


def test_url_for_inside_blocks_macros_and_filters(app: App) -> None:
    source = """\
{% macro link() %}{{ url_for('nope1') }}{% endmacro %}
{% block b %}{% for i in x %}{{ url_for('nope2')|e }}{% endfor %}{% endblock %}
{% set u = url_for('nope3') %}
"""
    assert check(app, a=source) == [
        f"a.html:{n}: url_for('nope{n}'): no route has the endpoint 'nope{n}'"
        for n in (1, 2, 3)
    ]


# -- templates, filters and tests ---------------------------------------------


def test_template_references(app: App) -> None:
    source = """\
{% extends "base.html" %}
{% include "nope.html" %}
{% include "nope.html" ignore missing %}
{% include ["nope.html", "other.html"] %}
{% include ["nope.html", "nope2.html"] %}
{% import "forms/macros.html" as m %}
{% from "macros.html" import field %}
{% include name %}
{% include ["nope.html", name] %}
"""
    assert check(
        app,
        a=source,
        base="{% block b %}{% endblock %}",
        other="",
        forms__macros="{% macro field() %}{% endmacro %}",
    ) == [
        "a.html:2: the template 'nope.html' does not exist",
        "a.html:5: none of the templates 'nope.html', 'nope2.html' exists",
        "a.html:7: the template 'macros.html' does not exist; did you mean"
        " 'forms/macros.html'?",
    ]


def test_extends_a_missing_template(app: App) -> None:
    assert check(app, a="{% extends 'bsae.html' %}", base="") == [
        "a.html:1: the template 'bsae.html' does not exist; did you mean 'base.html'?"
    ]


def test_unknown_filters_and_tests(app: App) -> None:
    source = """\
{{ x|uppr }}
{% filter lowr %}text{% endfilter %}
{% if x is odd or x is zork %}{% endif %}
{{ x|upper|custom }}
"""
    app.jinja_env.filters["custom"] = str
    assert check(app, a=source) == [
        "a.html:1: no filter named 'uppr'; did you mean 'upper'? (register one with"
        " @app.template_filter())",
        "a.html:2: no filter named 'lowr'; did you mean 'lower'? (register one with"
        " @app.template_filter())",
        "a.html:3: no test named 'zork' (register one with @app.template_test())",
    ]


def test_nothing_runs(app: App) -> None:
    # Checking reads the templates; no view, filter or global is called.
    calls: list[str] = []

    def record(value: object) -> str:
        calls.append("called")
        return str(value)

    app.jinja_env.filters["record"] = record
    t.cast("dict[str, t.Any]", app.jinja_env.globals)["record"] = record
    assert check(app, a="{{ 1|record }}{{ record(2) }}{{ url_for('index') }}") == []
    assert calls == []


def test_problems_are_sorted_by_template_then_line(app: App) -> None:
    assert check(app, b="\n{{ x|zork }}", a="{{ x|zork }}\n{{ x is zork }}") == [
        "a.html:1: no filter named 'zork' (register one with @app.template_filter())",
        "a.html:2: no test named 'zork' (register one with @app.template_test())",
        "b.html:2: no filter named 'zork' (register one with @app.template_filter())",
    ]


# -- scale --------------------------------------------------------------------


def test_500_templates_each_parsed_once(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = {"layout.html": "{% block body %}{% endblock %}"}
    for i in range(500):
        templates[f"pages/{i}.html"] = f"""\
{{% extends "layout.html" %}}
{{% block body %}}
  {{% for post in posts %}}
    <a href="{{{{ url_for('post', post_id=post.id, page={i}) }}}}">
      {{{{ post.title|title }}}}</a>
    {{% if loop.index is divisibleby 3 %}}{{{{ loop.index }}}}{{% endif %}}
  {{% endfor %}}
  {{% include "pages/{(i + 1) % 500}.html" %}}
  {{{{ url_for('user', user_id={i}, tab=True) }}}} {{{{ url_for('nope') }}}}
{{% endblock %}}
"""
    app.jinja_env.loader = jinja2.DictLoader(templates)
    parsed: list[str | None] = []
    parse = app.jinja_env.parse

    def counting_parse(
        source: str, name: str | None = None, filename: str | None = None
    ) -> nodes.Template:
        parsed.append(name)
        return parse(source, name, filename)

    monkeypatch.setattr(app.jinja_env, "parse", counting_parse)
    began = time.perf_counter()
    problems = check_app(app)
    elapsed = time.perf_counter() - began
    assert sorted(parsed, key=str) == sorted(templates)
    assert {(p.line, p.message) for p in problems} == {
        (9, "url_for('nope'): no route has the endpoint 'nope'")
    }
    assert len(problems) == 500
    # A couple of seconds on a slow machine; the bound only catches a
    # check that has become quadratic or renders.
    assert elapsed < 20


# -- declared contexts --------------------------------------------------------


class Profile(t.TypedDict):
    user: str


class Shown(t.TypedDict):
    theme: str


profile = Template("profile.html", Profile)
"""Found by the check: it is declared in the module of the views."""

PROFILE = "{{ user }} {{ theme }} {{ g }} {{ request }} {{ config }} {{ url_for }}"


def views_here(app: App) -> None:
    # The declarations are found in the modules of the app's views.
    @app.route("/profile")
    def show_profile() -> str:
        return profile.render({"user": "ada"})


def test_declared_context_reads_only_its_fields(app: App) -> None:
    views_here(app)
    assert check(app, profile=PROFILE, other="{{ anything }}") == [
        "profile.html:1: 'theme' is not a field of Profile, the context declared"
        " for 'profile.html'"
    ]


def test_context_processor_s_typeddict_gives_names(app: App) -> None:
    views_here(app)

    @app.context_processor
    def inject() -> Shown:
        return {"theme": "dark"}

    assert check(app, profile=PROFILE) == []


def test_context_processor_without_a_typeddict_turns_the_check_off(
    app: App,
) -> None:
    # Its names cannot be known without calling it, which the check never does.
    views_here(app)
    calls: list[str] = []

    @app.context_processor
    def inject() -> dict[str, t.Any]:
        calls.append("called")
        return {"theme": "dark"}

    assert check(app, profile=PROFILE) == []
    assert calls == []


class Article(t.TypedDict):
    title: str
    body: str
    footer: str


article = Template("article.html", Article)


def article_view(app: App) -> None:
    @app.route("/article")
    def show_article() -> str:
        return article.render({"title": "t", "body": "b", "footer": "f"})


def test_fields_read_by_the_templates_it_extends_and_includes(app: App) -> None:
    article_view(app)
    assert (
        check(
            app,
            article="{% extends 'base.html' %}{% block b %}{{ body }}{% endblock %}",
            base="<title>{{ title }}</title>{% block b %}{% endblock %}"
            "{% include 'footer.html' %}",
            footer="{{ footer }}",
        )
        == []
    )


def test_a_field_never_read_is_a_warning(app: App) -> None:
    article_view(app)
    problems = check_app_with(app, article="{{ title }} {{ body }}")
    assert [str(p) for p in problems] == [
        "article.html:1: warning: 'footer' of Article is never read by"
        " 'article.html' nor by the templates it extends or includes"
    ]
    assert [p.warning for p in problems] == [True]


def test_no_warning_when_an_included_name_is_chosen_at_run_time(app: App) -> None:
    article_view(app)
    assert check(app, article="{{ body }}{% include title %}") == []


def check_app_with(app: App, **templates: str) -> list[Problem]:
    app.jinja_env.loader = jinja2.DictLoader(
        {name + ".html": text for name, text in templates.items()}
    )
    return check_app(app)


def test_url_for_given_request_data(app: App) -> None:
    @app.route("/lang")
    def lang(q: str = "", accept_language: str = Header()) -> str:
        return "lang"

    assert check(app, a="{{ url_for('lang', q='x', accept_language='fr') }}") == [
        "a.html:1: url_for('lang'): lang() reads 'accept_language' from the request"
        " (Header()), not from the URL; leave it out"
    ]
