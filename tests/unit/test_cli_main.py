"""``transom`` run in-process through :func:`transom.cli.main`: help,
discovery, errors, ``routes``, ``shell -c``, ``docs`` and custom commands."""

from __future__ import annotations

import collections.abc as cabc
import importlib
import os
import sys
import textwrap
import types
from pathlib import Path

import pytest

from transom import App
from transom.cli import main

HELLO = """
from transom import App, View

app = App(__name__)


@app.route("/hello/<name>")
class Hello(View):
    def get(self, name: str, shout: bool = False) -> str:
        return name
"""

COMMANDS = '''
from transom import App, g

app = App(__name__)


@app.command()
def greet(name: str, *, times: int = 1) -> None:
    """Greet someone.

    :param name: who to greet.
    :param times: how many times.
    """
    print(" ".join([f"hello {name}"] * times))


@app.command("check-file")
def check_file(path: str) -> None:
    """Check that a file exists."""


@app.command()
def crash() -> None:
    """Fail with a bug."""
    g.state = "crashing"
    raise RuntimeError("a bug in the command")
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> cabc.Iterator[Path]:
    """An empty current folder and a clean environment; modules imported
    from it are forgotten after the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    for name in list(os.environ):
        if name.startswith(("TRANSOM_", "WERKZEUG_")):
            monkeypatch.delenv(name)
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        del sys.modules[name]


def write(folder: Path, name: str, source: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    importlib.invalidate_caches()


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The one line a clean failure prints on stderr."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith("Error: ")
    return line


# -- help ---------------------------------------------------------------------


def test_no_command_prints_the_help(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: transom [--app APP] COMMAND [OPTIONS]")
    for name in ("run", "routes", "shell", "docs"):
        assert f"\n  {name.ljust(8)}" in out


def test_help_lists_the_app_s_commands(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", COMMANDS)
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "the app's commands:\n  greet       Greet someone.\n" in out
    assert "  check-file  Check that a file exists.\n" in out


def test_help_notes_an_app_that_does_not_load(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "The app's own commands are not listed: no app to load" in out


def test_custom_command_help(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "app.py", COMMANDS)
    assert main(["greet", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("usage: transom greet [-h] [--times TIMES] NAME")
    assert "NAME who to greet." in out
    assert "--times TIMES how many times. (default: 1)" in out


@pytest.mark.parametrize("args", [["--help", "routes"], ["routes", "--help"]])
def test_help_of_builtin_commands_does_not_import_the_app(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    write(project, "app.py", "raise SystemExit('imported')\n")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: transom")
    assert ("--sort {definition,rule,endpoint}" in out) is (args[0] == "routes")


def test_prog_name_appears_in_usage_and_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["routes", "--sort", "x"], prog="python -m transom") == 2
    assert error_line(capsys) == (
        "Error: python -m transom routes: argument --sort: invalid choice: 'x'"
        " (choose from 'definition', 'rule', 'endpoint') (see 'python -m transom"
        " routes --help')"
    )


# -- discovery ----------------------------------------------------------------


SHOW = ["shell", "-c", "print(app.import_name)"]


def test_app_py_in_the_current_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", HELLO)
    write(project, "wsgi.py", "raise SystemExit('not this one')\n")
    assert main(SHOW) == 0
    assert capsys.readouterr().out == "app\n"


def test_wsgi_py_in_the_current_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "wsgi.py", "from transom import App\napplication = App('w')\n")
    assert main(SHOW) == 0
    assert capsys.readouterr().out == "w\n"


@pytest.mark.parametrize(
    "spec",
    ["shop", "shop:made", "shop:create_app('given')", "shop.py:made", "./shop.py"],
)
def test_app_option_forms(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    spec: str,
) -> None:
    write(
        project,
        "shop.py",
        """
        from transom import App
        made = App("made")
        def create_app(name):
            return App(name)
        """,
    )
    assert main(["--app", spec, *SHOW]) == 0
    expected = "given" if "given" in spec else "made"
    assert capsys.readouterr().out == expected + "\n"


def test_environment_variable_and_the_option_over_it(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(project, "pkg/__init__.py", "")
    write(project, "pkg/site.py", "from transom import App\napp = App('pkg')\n")
    write(project, "other.py", "from transom import App\napp = App('other')\n")
    monkeypatch.setenv("TRANSOM_APP", "pkg.site")
    assert main(SHOW) == 0
    assert main(["--app=other", *SHOW]) == 0
    assert capsys.readouterr().out == "pkg\nother\n"


def test_path_to_a_nested_package_module(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "demos/__init__.py", "")
    write(project, "demos/hello/__init__.py", "")
    write(project, "demos/hello/app.py", HELLO)
    assert main(["--app", "demos/hello/app.py", "routes"]) == 0
    assert "demos.hello.app" in capsys.readouterr().out


# -- errors -------------------------------------------------------------------


def test_no_app_anywhere(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routes"]) == 1
    assert error_line(capsys).startswith("Error: no app to load: pass --app MODULE")


def test_module_with_no_app(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "plain.py", "VALUE = 1\n")
    assert main(["--app", "plain", "routes"]) == 1
    assert error_line(capsys).startswith(
        "Error: 'plain' (--app 'plain') has no transom App"
    )


def test_file_that_does_not_exist(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--app", "src/app.py", "routes"]) == 1
    assert error_line(capsys).startswith("Error: --app 'src/app.py': no such file")


def test_error_in_the_module_prints_its_traceback_then_one_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", "import transom\n\nundefined_name\n")
    assert main(["routes"]) == 1
    err = capsys.readouterr().err
    assert 'app.py", line 3, in <module>' in err
    assert err.splitlines()[-1] == (
        "Error: importing 'app' (app.py in the current folder) raised NameError:"
        " name 'undefined_name' is not defined"
    )


@pytest.mark.parametrize(
    ("args", "environ", "message"),
    [
        (["run", "--port", "x"], {}, "argument --port: 'x' is not a port number"),
        (["run", "--host"], {}, "argument --host: expected one argument"),
        (["run"], {"TRANSOM_RUN_PORT": "eighty"}, "TRANSOM_RUN_PORT='eighty'"),
        (["run"], {"TRANSOM_DEBUG": "sure"}, "TRANSOM_DEBUG: 'sure' is not a boolean"),
        (["routes", "--sort", "size"], {}, "argument --sort: invalid choice: 'size'"),
        (["docs", "--format", "pdf"], {}, "argument --format: invalid choice: 'pdf'"),
        (["serve"], {}, "argument COMMAND: invalid choice: 'serve'"),
        (["routes", "--app", "x"], {}, "unrecognized arguments: --app x"),
        (["greet"], {}, "the following arguments are required: NAME"),
        (["greet", "x", "--times", "2.5"], {}, "'2.5' is not an integer"),
    ],
)
def test_bad_option_values_exit_2(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    environ: dict[str, str],
    message: str,
) -> None:
    write(project, "app.py", COMMANDS)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert main(args) == 2
    assert message in error_line(capsys)


def test_unknown_command_when_the_app_does_not_load(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve"]) == 1
    assert error_line(capsys).startswith(
        "Error: 'serve' is not one of transom's commands, and the app that may define"
        " it did not load: no app to load"
    )


def test_bad_command_definition_is_reported_at_import(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        "app.py",
        """
        from transom import App
        app = App(__name__)
        @app.command()
        def routes() -> None:
            pass
        """,
    )
    assert main(["other"]) == 1
    err = capsys.readouterr().err
    assert "@app.command()" in err  # the user's line, in their traceback
    assert err.splitlines()[-1].endswith(
        "raised CommandDefinitionError: command 'routes': 'routes' is one of"
        " transom's own commands. Fix: pass another name to command(name=...)."
    )


# -- routes, shell, custom commands -------------------------------------------


def test_routes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "app.py", HELLO)
    assert main(["routes", "--all-methods"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Rule",
        "Methods",
        "Endpoint",
        "View",
        "Module",
        "Parameters",
    ]
    assert lines[2].split() == [
        "/hello/<name>",
        "GET,",
        "HEAD,",
        "OPTIONS",
        "hello",
        "Hello",
        "app",
        "name:",
        "str",
        "(path)",
    ]
    assert lines[3].split() == ["shout:", "bool", "=", "False", "(query)"]


def test_shell_command_error_shows_the_user_s_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", HELLO)
    assert main(["shell", "-c", "x = 1\n1 / 0"]) == 1
    err = capsys.readouterr().err
    assert 'File "<shell -c>", line 2' in err
    assert err.splitlines()[-1] == "ZeroDivisionError: division by zero"
    assert f"transom{os.sep}cli" not in err


def test_custom_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "app.py", COMMANDS)
    assert main(["greet", "ada", "--times", "2"]) == 0
    assert capsys.readouterr().out == "hello ada hello ada\n"


def test_bug_in_a_custom_command_is_raised_with_its_context_popped(
    project: Path,
) -> None:
    write(project, "app.py", COMMANDS)
    with pytest.raises(RuntimeError, match="a bug in the command"):
        main(["crash"])


# -- docs ---------------------------------------------------------------------


class _FakeDocs:
    def __init__(self) -> None:
        self.calls: list[tuple[App, str]] = []

    def render_docs(self, app: App, format: str) -> str:
        self.calls.append((app, format))
        return f"{format} docs of {app.import_name}"


@pytest.fixture
def fake_docs(monkeypatch: pytest.MonkeyPatch) -> _FakeDocs:
    fake = _FakeDocs()
    module = types.ModuleType("transom.apidocs")
    module.__dict__["render_docs"] = fake.render_docs
    monkeypatch.setitem(sys.modules, "transom.apidocs", module)
    return fake


@pytest.mark.parametrize("fmt", ["markdown", "html", "openapi"])
def test_docs_calls_render_docs(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    fake_docs: _FakeDocs,
    fmt: str,
) -> None:
    write(project, "app.py", HELLO)
    assert main(["docs", "--format", fmt]) == 0
    assert capsys.readouterr().out == f"{fmt} docs of app\n"
    ((app, given),) = fake_docs.calls
    assert (app.import_name, given) == ("app", fmt)


def test_docs_default_format_and_output_file(
    project: Path, fake_docs: _FakeDocs, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", HELLO)
    assert main(["docs", "--output", "api.md"]) == 0
    assert (project / "api.md").read_text() == "markdown docs of app\n"
    assert capsys.readouterr().out == ""


def test_docs_output_that_cannot_be_written(
    project: Path, fake_docs: _FakeDocs, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "app.py", HELLO)
    assert main(["docs", "-o", "missing/api.md"]) == 1
    assert error_line(capsys) == (
        "Error: cannot write --output missing/api.md: No such file or directory"
    )


def test_docs_without_the_generator(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(project, "app.py", HELLO)
    # None in sys.modules makes the import fail as if the module did not exist.
    monkeypatch.setitem(sys.modules, "transom.apidocs", None)
    assert main(["docs"]) == 1
    assert error_line(capsys).startswith(
        "Error: transom docs needs the module transom.apidocs, which this"
        " installation of transom does not have"
    )


def test_docs_generator_without_render_docs(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(project, "app.py", HELLO)
    monkeypatch.setitem(sys.modules, "transom.apidocs", types.ModuleType("x"))
    assert main(["docs"]) == 1
    assert "transom.apidocs has no render_docs() function" in error_line(capsys)
