"""Jinja templates, end to end: folders, autoescaping, the names every
template sees, inheritance and customisation."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import jinja2
import markupsafe
import pytest

import transom
from transom import App
from transom import Markup
from transom import View
from transom import escape
from transom import flash
from transom import g
from transom import render_template
from transom import render_template_string
from transom import session


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _app(
    tmp_path: Path, files: dict[str, str], template_folder: str | None = "templates"
) -> App:
    _write(tmp_path / "templates", files)
    app = App(
        "templates_app",
        root_path=tmp_path,
        static_folder=None,
        template_folder=template_folder,
    )
    app.testing = True
    return app


def test_render_template_from_the_templates_folder(tmp_path: Path) -> None:
    app = _app(tmp_path, {"hello.html": "<p>Hello {{ name }}!</p>"})

    @app.route("/hello/<name>")
    class Hello(View):
        def get(self, name: str) -> str:
            return render_template("hello.html", name=name)

    response = app.test_client().get("/hello/ada")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.text == "<p>Hello ada!</p>"


@pytest.mark.parametrize("extension", ["html", "htm", "xml", "xhtml", "svg", "HTML"])
def test_markup_templates_are_autoescaped(tmp_path: Path, extension: str) -> None:
    app = _app(tmp_path, {f"page.{extension}": "{{ value }}"})

    @app.route("/")
    def index() -> str:
        return render_template(f"page.{extension}", value="<script>&'\"")

    assert app.test_client().get("/").text == "&lt;script&gt;&amp;&#39;&#34;"


@pytest.mark.parametrize("name", ["page.txt", "page.md", "page.j2", "page"])
def test_other_templates_are_not_autoescaped(tmp_path: Path, name: str) -> None:
    app = _app(tmp_path, {name: "{{ value }}"})

    @app.route("/")
    def index() -> tuple[str, dict[str, str]]:
        return render_template(name, value="<b>"), {"Content-Type": "text/plain"}

    assert app.test_client().get("/").text == "<b>"


def test_render_template_string_autoescapes(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return render_template_string("<p>{{ value }}</p>", value="<script>x</script>")

    assert app.test_client().get("/").text == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_markup_and_safe_are_not_escaped(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return render_template_string(
            "{{ trusted }} {{ raw|safe }} {{ untrusted }}",
            trusted=Markup("<b>bold</b>"),
            raw="<i>it</i>",
            untrusted=escape("<u>") + "<u>",
        )

    assert app.test_client().get("/").text == "<b>bold</b> <i>it</i> &lt;u&gt;&lt;u&gt;"


def test_markup_and_escape_are_markupsafes() -> None:
    assert transom.Markup is markupsafe.Markup
    assert transom.escape is markupsafe.escape
    assert escape("<a>") == Markup("&lt;a&gt;")


def test_template_inheritance(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "base.html": """\
                <title>{% block title %}Site{% endblock %}</title>
                <main>{% block body %}{% endblock %}</main>""",
            "layout/page.html": """\
                {% extends "base.html" %}
                {% block title %}{{ title }} - {{ super() }}{% endblock %}
                {% block body %}{% include "parts/item.html" %}{% endblock %}""",
            "parts/item.html": "<p>{{ item }}</p>",
        },
    )

    @app.route("/")
    def index() -> str:
        return render_template("layout/page.html", title="<Home>", item="one & two")

    assert app.test_client().get("/").text == (
        "<title>&lt;Home&gt; - Site</title>\n<main><p>one &amp; two</p></main>"
    )


def test_macros_see_the_globals(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "macros.html": """\
                {% macro link(name) %}<a href="{{ url_for(name) }}">{{ config.SITE }}</a>{% endmacro %}""",
            "page.html": """\
                {% from "macros.html" import link %}{{ link("index") }}""",
        },
    )
    app.config["SITE"] = "<Shop>"

    @app.route("/")
    def index() -> str:
        return render_template("page.html")

    assert app.test_client().get("/").text == '<a href="/">&lt;Shop&gt;</a>'


def test_a_list_renders_the_first_template_that_exists(tmp_path: Path) -> None:
    app = _app(tmp_path, {"fallback.html": "fallback"})

    @app.route("/")
    def index() -> str:
        return render_template(["missing.html", "fallback.html"])

    assert app.test_client().get("/").text == "fallback"


def test_names_every_template_sees_in_a_request(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "names.html": (
                "{{ config.GREETING }}|{{ request.path }}|{{ request.args.q }}|"
                "{{ session.get('user') }}|{{ g.colour }}|"
                "{{ url_for('show', item=3) }}|{{ get_flashed_messages()|join(',') }}"
            )
        },
    )
    app.secret_key = "k"
    app.config["GREETING"] = "hi"

    @app.route("/login")
    def login() -> str:
        session["user"] = "ada"
        flash("welcome")
        flash("<again>")
        return ""

    @app.route("/items/<item>")
    def show(item: int) -> str:
        g.colour = "blue"
        return render_template("names.html")

    client = app.test_client()
    client.get("/login")
    response = client.get("/items/3?q=<x>")
    assert (
        response.text == "hi|/items/3|&lt;x&gt;|ada|blue|/items/3|welcome,&lt;again&gt;"
    )


def test_context_values_override_the_defaults(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return render_template_string("{{ config }} {{ g }}", config="c", g="g")

    assert app.test_client().get("/").text == "c g"


def test_outside_a_request_there_is_no_request_or_session(app: App) -> None:
    app.config["SERVER_NAME"] = "example.com"
    g_source = "{{ request is defined }} {{ session is defined }} {{ g.x }}"

    @app.route("/")
    def index() -> str:
        return ""

    with app.app_context():
        g.x = "gx"
        rendered = render_template_string(g_source + " {{ url_for('index') }}")
    assert rendered == "False False gx http://example.com/"
    with app.test_request_context("/", base_url="http://example.com"):
        assert render_template_string(g_source) == "True True "


def test_rendering_needs_an_app_context() -> None:
    with pytest.raises(RuntimeError, match="app_context"):
        render_template_string("x")
    with pytest.raises(RuntimeError, match="app_context"):
        render_template("x.html")


def test_a_template_that_ignores_the_session_does_not_vary(app: App) -> None:
    app.secret_key = "k"

    @app.route("/plain")
    def plain() -> str:
        return render_template_string("{{ request.path }}")

    @app.route("/user")
    def user() -> str:
        return render_template_string("{{ session.get('user') }}")

    client = app.test_client()
    plain_response = client.get("/plain")
    assert plain_response.text == "/plain"
    assert "Cookie" not in plain_response.vary
    user_response = client.get("/user")
    assert user_response.text == "None"
    assert "Cookie" in user_response.vary


def test_context_processor_adds_to_every_template(tmp_path: Path) -> None:
    app = _app(tmp_path, {"page.html": "{{ site }} {{ user }}"})

    @app.context_processor
    def site_info() -> dict[str, object]:
        return {"site": "<Shop>", "user": "nobody"}

    @app.route("/")
    def index() -> str:
        return render_template("page.html", user="ada")

    assert app.test_client().get("/").text == "&lt;Shop&gt; ada"


def test_template_global_before_and_after_the_environment_exists(app: App) -> None:
    @app.template_global()
    def double(n: int) -> int:
        return n * 2

    env = app.jinja_env

    @app.template_global("triple")
    def three_times(n: int) -> int:
        return n * 3

    assert env is app.jinja_env

    @app.route("/")
    def index() -> str:
        return render_template_string("{{ double(2) }} {{ triple(2) }}")

    assert app.test_client().get("/").text == "4 6"


def test_jinja_env_can_be_customised(app: App) -> None:
    app.jinja_env.filters["shout"] = lambda s: f"{s}!".upper()
    app.jinja_env.trim_blocks = True

    @app.route("/")
    def index() -> str:
        return render_template_string("{% if true %}\n{{ 'hi'|shout }}{% endif %}")

    assert app.test_client().get("/").text == "HI!"


def test_tojson_uses_the_app_json_and_is_html_safe(app: App) -> None:
    @app.route("/")
    def index() -> str:
        return render_template_string(
            "<script>var data = {{ data|tojson }};</script>",
            data={"html": "</script><b>", "n": 1},
        )

    text = app.test_client().get("/").text
    assert text == (
        '<script>var data = {"html":"\\u003c/script\\u003e\\u003cb\\u003e","n":1};'
        "</script>"
    )


def test_missing_template_names_the_folder(tmp_path: Path) -> None:
    app = _app(tmp_path, {"present.html": ""})

    @app.route("/")
    def index() -> str:
        return render_template("absent.html")

    with pytest.raises(jinja2.TemplateNotFound, match="absent.html") as info:
        app.test_client().get("/")
    assert str(tmp_path / "templates") in str(info.value)


def test_missing_template_is_a_500_in_production(tmp_path: Path) -> None:
    app = _app(tmp_path, {})
    app.testing = False
    app.logger.disabled = True

    @app.route("/")
    def index() -> str:
        return render_template("absent.html")

    try:
        assert app.test_client().get("/").status_code == 500
    finally:
        app.logger.disabled = False


def test_no_template_folder_names_the_fix(tmp_path: Path) -> None:
    app = App("templates_app", root_path=tmp_path, template_folder=None)
    with app.app_context():
        with pytest.raises(jinja2.TemplateNotFound, match="template_folder="):
            render_template("page.html")
        assert render_template_string("{{ 1 + 1 }}") == "2"


def test_a_custom_template_folder(tmp_path: Path) -> None:
    _write(tmp_path / "views", {"page.html": "from views"})
    app = App("templates_app", root_path=tmp_path, template_folder="views")
    with app.app_context():
        assert render_template("page.html") == "from views"


def _import_fresh(tmp_path: Path, module: str) -> dict[str, object]:
    sys.path.insert(0, str(tmp_path))
    try:
        return vars(importlib.import_module(module))
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.split(".")[0] == module.split(".")[0]]:
            del sys.modules[name]


_APP_SOURCE = """\
from transom import App, render_template

app = App(__name__)
with app.app_context():
    RENDERED = render_template("where.html")
"""


def test_templates_next_to_a_module(tmp_path: Path) -> None:
    _write(tmp_path, {"tpl_module_app.py": _APP_SOURCE})
    _write(tmp_path / "templates", {"where.html": "next to the module"})
    module = _import_fresh(tmp_path, "tpl_module_app")
    assert module["RENDERED"] == "next to the module"


def test_templates_inside_a_package(tmp_path: Path) -> None:
    _write(tmp_path / "tpl_package_app", {"__init__.py": _APP_SOURCE})
    _write(tmp_path / "tpl_package_app" / "templates", {"where.html": "in the package"})
    _write(tmp_path / "templates", {"where.html": "beside the package"})
    module = _import_fresh(tmp_path, "tpl_package_app")
    assert module["RENDERED"] == "in the package"


def test_templates_reload_in_debug_mode(tmp_path: Path) -> None:
    app = _app(tmp_path, {"page.html": "one"})
    app.debug = True
    assert app.jinja_env.auto_reload
    other = _app(tmp_path, {})
    other.config["TEMPLATES_AUTO_RELOAD"] = False
    other.debug = True
    assert not other.jinja_env.auto_reload
