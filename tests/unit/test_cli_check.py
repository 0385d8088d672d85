"""``transom check`` in-process: the summary, the exit status and a loader
that cannot be checked."""

from __future__ import annotations

import collections.abc as cabc
import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from transom.cli import main

APP = """
import jinja2
from transom import App

app = App(__name__, static_folder=None)
{setup}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> cabc.Iterator[Path]:
    """A current folder whose modules are forgotten after the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv("TRANSOM_APP", raising=False)
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        del sys.modules[name]


def write(folder: Path, name: str, source: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    importlib.invalidate_caches()


def test_no_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "app.py", APP.format(setup=""))
    write(project, "templates/one.html", "{{ x|upper }}")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "No problems found in 1 template\n"


def test_one_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "app.py", APP.format(setup=""))
    write(project, "templates/one.html", "{{ x|upper }}")
    write(project, "templates/two.html", "\n{% include 'three.html' %}")
    assert main(["check"]) == 1
    assert capsys.readouterr().out == (
        "templates/two.html:2: the template 'three.html' does not exist\n"
        "Found 1 problem in 1 template (checked 2 templates)\n"
    )


def test_app_without_templates(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", APP.format(setup="app.template_folder = None"))
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "No problems found in 0 templates\n"


def test_loader_that_cannot_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = "app.jinja_env.loader = jinja2.FunctionLoader(lambda name: None)"
    write(project, "app.py", APP.format(setup=setup))
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "Error: cannot check the templates: the template loader FunctionLoader"
        " cannot list its templates, so they cannot be checked; use a"
        " FileSystemLoader, PackageLoader, ChoiceLoader or PrefixLoader\n"
    )


def test_help_describes_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: transom check [-h]")
    assert "path:line: message" in out


def test_listed_among_transom_s_commands(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "\n  check   check the templates: syntax, url_for, names, filters" in out


WARNED = """
import typing as t
from transom import App, Template

app = App(__name__, static_folder=None)


class Context(t.TypedDict):
    shown: str
    hidden: str


page = Template("page.html", Context)


@app.route("/")
def index() -> str:
    return page.render({"shown": "a", "hidden": "b"})
"""


def test_warnings_do_not_fail(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", WARNED)
    write(project, "templates/page.html", "{{ shown }}")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == (
        "templates/page.html:1: warning: 'hidden' of Context is never read by"
        " 'page.html' nor by the templates it extends or includes\n"
        "No problems found in 1 template, and 1 warning\n"
    )


def test_warnings_after_problems(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", WARNED)
    write(project, "templates/page.html", "{{ shown }}{{ url_for('x') }}")
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Found 1 problem in 1 template (checked 1 template), and 1 warning"
    )
