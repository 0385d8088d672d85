"""Unit tests of transom.templating: the autoescape rule and the environment."""

from __future__ import annotations

import collections
import typing as t
from pathlib import Path

import jinja2
import pytest

from transom import App
from transom.templating import AUTOESCAPE_EXTENSIONS
from transom.templating import autoescape
from transom.templating import create_environment


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        (None, True),
        ("a.html", True),
        ("dir/a.HTM", True),
        ("a.xml", True),
        ("a.xhtml", True),
        ("icon.svg", True),
        ("a.txt", False),
        ("a.html.txt", False),
        ("html", False),
        ("a.css", False),
        ("a.js", False),
        ("a.", False),
        (".html", True),
    ],
)
def test_autoescape_by_extension(name: str | None, escaped: bool) -> None:
    assert autoescape(name) is escaped


def test_autoescape_extensions() -> None:
    assert set(AUTOESCAPE_EXTENSIONS) == {"html", "htm", "xml", "xhtml", "svg"}


def test_environment_escapes_by_the_autoescape_rule(tmp_path: Path) -> None:
    app = App("unit_templating", root_path=tmp_path)
    (tmp_path / "templates").mkdir()
    for name in ("a.html", "a.txt", "b.SVG"):
        (tmp_path / "templates" / name).write_text("{{ v }}")
    env = create_environment(app)
    for _ in range(2):  # the rule's answers are kept: the same each time
        assert env.get_template("a.html").render(v="<b>") == "&lt;b&gt;"
        assert env.get_template("a.txt").render(v="<b>") == "<b>"
        assert env.get_template("b.SVG").render(v="<b>") == "&lt;b&gt;"
        assert env.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"


def test_template_globals_overlay_the_environments_and_follow_it(
    tmp_path: Path,
) -> None:
    app = App("unit_templating", root_path=tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "g.txt").write_text("{{ a }} {{ b }} {{ c }}")
    env = create_environment(app)
    names = t.cast("dict[str, t.Any]", env.globals)
    names.update(a="env-a", b="env-b")
    template = env.get_template("g.txt", globals={"a": "own-a"})
    assert template.render() == "own-a env-b "
    names["c"] = "later"  # a global added after the template loaded
    assert template.render() == "own-a env-b later"
    assert isinstance(template.globals, collections.ChainMap)
    assert dict(template.globals)["a"] == "own-a"
    with pytest.raises(KeyError):
        template.globals["missing"]
    assert env.get_template("g.txt").globals.get("missing") is None


@pytest.mark.parametrize(
    ("own", "variables", "shared", "locals_"),
    [
        (None, None, False, None),
        (None, {"b": "var-b", "x": 1}, False, None),
        ({"a": "own-a", "z": "own-z"}, {"a": "var-a"}, False, None),
        ({"a": "own-a"}, {"x": 1}, True, None),
        ({"a": "own-a"}, {"x": 1}, False, {"l_1_y": 2}),
    ],
)
def test_a_render_context_is_the_one_jinja_makes(
    tmp_path: Path,
    own: dict[str, t.Any] | None,
    variables: dict[str, t.Any] | None,
    shared: bool,
    locals_: dict[str, t.Any] | None,
) -> None:
    app = App("unit_templating", root_path=tmp_path)
    env = create_environment(app)
    t.cast("dict[str, t.Any]", env.globals).update(a="env-a", b="env-b")
    template = env.from_string("{{ a }}", globals=own)
    context = template.new_context(
        None if variables is None else dict(variables), shared, locals_
    )
    expected = jinja2.runtime.new_context(
        env,
        template.name,
        template.blocks,
        None if variables is None else dict(variables),
        shared,
        template.globals,
        locals_,
    )
    assert type(context) is type(expected)
    # The same names, values and order, for the same template.
    assert list(context.parent.items()) == list(expected.parent.items())
    assert context.name == expected.name
    assert context.blocks == expected.blocks
    assert context.environment is env


def test_environment_loads_from_the_template_folder(tmp_path: Path) -> None:
    app = App("unit_templating", root_path=tmp_path, template_folder="tpl")
    env = create_environment(app)
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    assert env.loader.searchpath == [str(tmp_path / "tpl")]


def test_environment_without_a_folder_has_no_loader(tmp_path: Path) -> None:
    app = App("unit_templating", root_path=tmp_path, template_folder=None)
    assert create_environment(app).loader is None


def test_environment_globals(tmp_path: Path) -> None:
    app = App("unit_templating", root_path=tmp_path)

    @app.template_global()
    def shout(s: str) -> str:
        return s.upper()

    env = create_environment(app)
    assert env.globals["config"] is app.config
    assert env.globals["shout"] is shout
    assert {"url_for", "get_flashed_messages"} <= set(env.globals)
    assert env.policies["json.dumps_function"] == app.json.dumps


def test_jinja_env_is_created_once(tmp_path: Path) -> None:
    app = App("unit_templating", root_path=tmp_path)
    assert app.jinja_env is app.jinja_env
