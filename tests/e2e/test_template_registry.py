"""Template filters, tests and globals registered on the app, the three
spellings of their decorators and their ``add_*`` forms; macros called from
Python; streamed templates; and when templates are reloaded. Flask's
``tests/test_templating.py`` is the spec of the names they share."""

from __future__ import annotations

import collections.abc as cabc
import os
import textwrap
import time
from pathlib import Path

import jinja2
import pytest
import werkzeug.serving

from transom import App
from transom import g
from transom import get_template_attribute
from transom import render_template
from transom import render_template_string
from transom import request
from transom import stream_template
from transom import stream_template_string
from transom import url_for


def _app(tmp_path: Path, files: dict[str, str] | None = None) -> App:
    for name, text in (files or {}).items():
        path = tmp_path / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    app = App("registry_app", root_path=tmp_path, static_folder=None)
    app.testing = True
    return app


def _render(app: App, source: str, **context: object) -> str:
    with app.app_context():
        return render_template_string(source, **context)


def test_filter_bare_with_parentheses_and_named(app: App) -> None:
    @app.template_filter
    def reverse(s: str) -> str:
        return s[::-1]

    @app.template_filter()
    def shout(s: str) -> str:
        return s.upper()

    @app.template_filter("strrev")
    def my_reverse(s: str) -> str:
        return s[::-1]

    # The decorators return the functions unchanged.
    assert reverse("ab") == "ba"
    assert app.jinja_env.filters["reverse"] is reverse
    assert app.jinja_env.filters["shout"] is shout
    assert app.jinja_env.filters["strrev"] is my_reverse
    assert "my_reverse" not in app.jinja_env.filters
    assert _render(app, "{{ 'abcd'|reverse }} {{ 'a'|shout }} {{ 'xy'|strrev }}") == (
        "dcba A yx"
    )


def test_add_template_filter(app: App) -> None:
    def my_reverse(s: str) -> str:
        return s[::-1]

    app.add_template_filter(my_reverse)
    app.add_template_filter(my_reverse, "strrev")
    assert app.jinja_env.filters["my_reverse"] is my_reverse
    assert _render(app, "{{ 'abcd'|my_reverse }} {{ 'ab'|strrev }}") == "dcba ba"


def test_test_bare_with_parentheses_and_named(app: App) -> None:
    @app.template_test
    def boolean(value: object) -> bool:
        return isinstance(value, bool)

    @app.template_test()
    def even(n: int) -> bool:
        return n % 2 == 0

    @app.template_test("prime")
    def is_prime(n: int) -> bool:
        return n > 1 and all(n % d for d in range(2, n))

    def positive(n: int) -> bool:
        return n > 0

    app.add_template_test(positive)
    app.add_template_test(positive, "plus")
    assert app.jinja_env.tests["boolean"] is boolean
    assert app.jinja_env.tests["prime"] is is_prime
    source = (
        "{{ false is boolean }} {{ 4 is even }} {{ 7 is prime }}"
        " {{ 3 is positive }} {{ -3 is plus }}"
    )
    assert _render(app, source) == "True True True True False"


def test_global_bare_with_parentheses_named_and_added(app: App) -> None:
    @app.template_global
    def get_stuff() -> int:
        return 42

    @app.template_global()
    def double(n: int) -> int:
        return n * 2

    @app.template_global("triple")
    def three_times(n: int) -> int:
        return n * 3

    app.add_template_global(len, "size")
    app.add_template_global(sorted)
    assert app.jinja_env.globals["get_stuff"] is get_stuff
    assert get_stuff() == 42
    source = "{{ get_stuff() }} {{ double(2) }} {{ triple(2) }} {{ size('ab') }}"
    assert _render(app, source + " {{ sorted([2, 1]) }}") == "42 4 6 2 [1, 2]"


@pytest.mark.parametrize(
    ("kind", "source", "expected"),
    [
        ("filter", "{{ 2|twice }}", "4"),
        ("test", "{{ 3 is odd }} {{ 2 is odd }}", "True False"),
        ("global", "{{ twice(2) }}", "4"),
    ],
)
def test_registered_after_the_environment_exists(
    app: App, kind: str, source: str, expected: str
) -> None:
    env = app.jinja_env

    def twice(n: int) -> int:
        return n * 2

    def odd(n: int) -> bool:
        return n % 2 == 1

    if kind == "filter":
        app.template_filter(twice)
    elif kind == "test":
        app.template_test(odd)
    else:
        app.template_global(twice)
    assert app.jinja_env is env
    assert _render(app, source) == expected


def test_registered_before_the_environment_exists(app: App) -> None:
    app.add_template_filter(str.upper, "upper_")
    app.add_template_test(str.isdigit, "digits")
    assert "jinja_env" not in vars(app)
    assert _render(app, "{{ 'a'|upper_ }} {{ '12' is digits }}") == "A True"


def test_a_callable_without_a_name_needs_one(app: App) -> None:
    class Reverse:
        def __call__(self, s: str) -> str:
            return s[::-1]

    with pytest.raises(TypeError, match=r"has no __name__; pass name='...'"):
        app.add_template_filter(Reverse())
    app.add_template_filter(Reverse(), "reverse")
    assert _render(app, "{{ 'ab'|reverse }}") == "ba"


def test_get_template_attribute_calls_a_macro(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "_macros.html": """\
                {% macro hello(name) %}Hello {{ name }}!{% endmacro %}
                {% set greeting = "Hi" %}
            """
        },
    )
    with app.test_request_context():
        hello = get_template_attribute("_macros.html", "hello")
        assert hello("World") == "Hello World!"
        assert get_template_attribute("_macros.html", "greeting") == "Hi"
        with pytest.raises(AttributeError):
            get_template_attribute("_macros.html", "missing")
        with pytest.raises(jinja2.TemplateNotFound):
            get_template_attribute("missing.html", "hello")


def test_stream_template_keeps_the_request(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "stream.html": "{% for i in items %}{{ i }} {{ request.args.q }} {% endfor %}"
        },
    )
    torn_down: list[bool] = []

    @app.teardown_request
    def teardown(error: BaseException | None) -> None:
        torn_down.append(True)

    @app.route("/")
    def index() -> cabc.Iterator[str]:
        g.who = "g"
        return stream_template("stream.html", items=[1, 2])

    @app.route("/string")
    def string() -> cabc.Iterator[str]:
        g.who = "g"
        return stream_template_string(
            "{{ g.who }} {{ url_for('index') }} {{ request.path }} {{ value }}",
            value="<b>",
        )

    client = app.test_client()
    response = client.get("/?q=x", buffered=False)
    assert torn_down == []  # the body is not produced yet
    assert response.get_data() == b"1 x 2 x "
    response.close()
    assert torn_down == [True]
    assert client.get("/string").text == "g / /string &lt;b&gt;"


def test_stream_template_pieces_come_one_by_one(app: App) -> None:
    with app.test_request_context():
        body = stream_template_string("{% for i in range(3) %}{{ i }}{% endfor %}")
        assert isinstance(body, cabc.Iterator)
        assert list(body) == ["0", "1", "2"]


def test_stream_template_in_an_app_context(tmp_path: Path) -> None:
    app = _app(tmp_path, {"page.txt": "{{ config.NAME }} {{ url_for }}"})
    app.config["NAME"] = "blog"
    with app.app_context():
        text = "".join(stream_template("page.txt"))
    assert text.startswith("blog <function url_for")
    with app.app_context():
        with pytest.raises(jinja2.TemplateNotFound):
            stream_template("missing.html")


@pytest.mark.parametrize(
    ("debug", "setting", "reloads"),
    [
        (False, None, False),
        (False, False, False),
        (False, True, True),
        (True, None, True),
        (True, False, False),
        (True, True, True),
    ],
)
def test_templates_auto_reload(
    app: App, debug: bool, setting: bool | None, reloads: bool
) -> None:
    app.config["DEBUG"] = debug
    app.config["TEMPLATES_AUTO_RELOAD"] = setting
    assert app.jinja_env.auto_reload is reloads


def _reloads(app: App) -> bool:
    return app.jinja_env.auto_reload


def test_settings_changed_after_the_environment_was_made_apply(app: App) -> None:
    # An extension (or the app module) touched app.jinja_env at import...
    assert _reloads(app) is False
    # ...then `transom run --debug` or a settings file turned reloading on.
    app.debug = True
    assert _reloads(app) is True
    app.config["DEBUG"] = False
    assert _reloads(app) is False
    app.config["TEMPLATES_AUTO_RELOAD"] = True
    assert _reloads(app) is True
    # Set on the environment itself, it stays as set.
    app.jinja_env.auto_reload = False
    app.debug = True
    assert _reloads(app) is False


def test_run_in_debug_mode_reloads_templates(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run_simple(*args: object, **kwargs: object) -> None:
        pass

    monkeypatch.setattr(werkzeug.serving, "run_simple", run_simple)
    assert _reloads(app) is False
    app.run()
    assert _reloads(app) is False
    app.run(debug=True)
    assert _reloads(app) is True


def test_a_changed_template_is_read_again_in_debug_mode(tmp_path: Path) -> None:
    app = _app(tmp_path, {"page.html": "one"})
    page = tmp_path / "templates" / "page.html"
    with app.app_context():
        assert render_template("page.html") == "one"
        app.debug = True  # after the environment exists and cached the page
        page.write_text("two", encoding="utf-8")
        later = time.time() + 5  # Jinja compares modification times
        os.utime(page, (later, later))
        assert render_template("page.html") == "two"


def test_url_for_and_request_in_a_streamed_string(app: App) -> None:
    @app.route("/<name>")
    def greet(name: str) -> cabc.Iterator[str]:
        return stream_template_string(
            "{{ url_for('greet', name=name) }} {{ request.method }}", name=name
        )

    assert app.test_client().get("/bob").text == "/bob GET"
    with app.test_request_context():
        assert url_for(greet, name="x") == "/x"
        assert request.path == "/"
