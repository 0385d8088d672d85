"""``transom check`` over whole apps: a fixture app with one mistake of each
kind gets exactly one line each, the examples get none, and the command
line prints the lines with a summary and the exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.checked import app as checked_app
from tests.e2e.test_cli import ROOT
from tests.e2e.test_cli import transom
from transom.check import check_app

TEMPLATES = "tests/e2e/checked/templates"

EXPECTED = [
    f"{TEMPLATES}/broken.html:1: Unexpected end of template. Jinja was looking for"
    " the following tags: 'endfor' or 'else'. The innermost block that needs to be"
    " closed is 'for'.",
    f"{TEMPLATES}/mistakes.html:1: the template 'layuot.html' does not exist; did"
    " you mean 'layout.html'?",
    f"{TEMPLATES}/mistakes.html:2: the template 'parts/macro.html' does not exist;"
    " did you mean 'parts/macros.html'?",
    f"{TEMPLATES}/mistakes.html:3: the template 'macros.html' does not exist; did"
    " you mean 'parts/macros.html'?",
    f"{TEMPLATES}/mistakes.html:5: the template 'parts/header.html' does not exist",
    f"{TEMPLATES}/mistakes.html:6: url_for('post_pgae'): no route has the endpoint"
    " 'post_pgae'; did you mean 'post_page'?",
    f"{TEMPLATES}/mistakes.html:6: no filter named 'shuot'; did you mean 'shout'?"
    " (register one with @app.template_filter())",
    f"{TEMPLATES}/mistakes.html:7: url_for('post_page'): PostPage.get() has no"
    " parameter 'pgae', so it would only go into the query string; did you mean"
    " 'page'?",
    f"{TEMPLATES}/mistakes.html:8: url_for('post_page'): the rule"
    " '/posts/<post_id>' needs a value for 'post_id'",
    f"{TEMPLATES}/mistakes.html:9: url_for('post_page'): 'latest' for 'post_id' is"
    " not a non-negative integer",
    f"{TEMPLATES}/mistakes.html:10: no test named 'emtpy' (register one with"
    " @app.template_test())",
    f"{TEMPLATES}/page.html:1: warning: 'subtitle' of PageContext is never read by"
    " 'page.html' nor by the templates it extends or includes",
    f"{TEMPLATES}/page.html:2: 'titel' is not a field of PageContext, the context"
    " declared for 'page.html'; did you mean 'title'?",
]


def test_one_line_for_each_mistake() -> None:
    lines = [problem.show(str(ROOT)) for problem in check_app(checked_app)]
    assert lines == EXPECTED


def test_the_good_template_renders_as_checked() -> None:
    # What the check accepts really works: the accepted template renders.
    with checked_app.test_request_context("/"):
        from transom import render_template

        html = render_template(
            "good.html",
            post={"id": 3, "title": "Hi"},
            posts=["a", "b"],
            values={"post_id": 4},
            name_from_the_view="layout.html",
            endpoint_from_the_view="index",
        )
    assert 'href="/posts/3?page=2#top">HI</a>' in html
    assert "/posts/4" in html
    assert "http://localhost/files/a/b.txt?mode=save" in html
    assert "a, b" in html


def test_command_prints_each_line_and_a_summary() -> None:
    result = transom("--app", "tests.e2e.checked", "check", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    *lines, summary = result.stdout.splitlines()
    assert lines == EXPECTED
    assert summary == (
        "Found 12 problems in 3 templates (checked 6 templates), and 1 warning"
    )


@pytest.mark.parametrize(
    ("spec", "templates"),
    [
        ("examples/hello/app.py", 0),
        ("examples/api/app.py", 0),
        ("examples/blog/app.py", 7),
        ("examples.extension.app:create_app(':memory:')", 3),
    ],
)
def test_examples_pass(spec: str, templates: int) -> None:
    result = transom("--app", spec, "check", cwd=ROOT)
    assert (result.returncode, result.stderr) == (0, "")
    s = "" if templates == 1 else "s"
    assert result.stdout == f"No problems found in {templates} template{s}\n"


def test_command_from_inside_the_app_s_folder() -> None:
    # Paths are relative to the current folder, as editors expect.
    folder = ROOT / "tests" / "e2e" / "checked"
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "transom", "--app", "tests.e2e.checked", "check"],
        cwd=folder,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("templates/broken.html:1: Unexpected end of template.")


def test_path_outside_the_current_folder_stays_absolute(tmp_path: Path) -> None:
    (problem, *_) = check_app(checked_app)
    assert problem.show(str(tmp_path)) == str(problem)
    assert os.path.isabs(problem.path)
