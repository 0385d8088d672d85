"""transom.cli.testing: ``app.test_cli_runner()`` runs commands in-process,
against the app it was made for."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from transom import App
from transom import current_app
from transom import g
from transom.cli import Command
from transom.cli import CommandError
from transom.cli.testing import CliRunner
from transom.cli.testing import Result


@pytest.fixture
def app() -> App:
    app = App("cli_testing_app", static_folder=None)

    @app.route("/items/<item_id>")
    def item(item_id: int) -> str:
        return str(item_id)

    @app.command()
    def greet(name: str, times: int = 1) -> None:
        """Say hello."""
        for _ in range(times):
            print(f"Hello, {name}!")

    @app.command()
    def echo() -> None:
        """Print what comes in."""
        print(sys.stdin.read().upper(), end="")

    @app.command()
    def status(code: int) -> int:
        return code

    @app.command()
    def fail(message: str) -> None:
        raise CommandError(message, exit_code=3)

    @app.command()
    def crash() -> None:
        raise LookupError("no such thing")

    @app.command()
    def leave(code: str) -> None:
        sys.exit(int(code) if code.isdigit() else code)

    @app.command()
    def both() -> None:
        print("one")
        print("two", file=sys.stderr)
        print("three")

    @app.command()
    def where() -> None:
        g.seen = True  # an app context is current
        print(current_app.name, os.environ.get("TRANSOM_TEST_VALUE", "<unset>"))

    return app


@pytest.fixture
def runner(app: App) -> CliRunner:
    return app.test_cli_runner()


def test_an_app_command(runner: CliRunner) -> None:
    result = runner.invoke(["greet", "Ada", "--times", "2"])
    assert result.exit_code == 0
    assert result.exception is None and result.exc_info is None
    assert result.stdout == result.output == "Hello, Ada!\nHello, Ada!\n"
    assert result.stderr == ""
    assert result.return_value is None
    assert repr(result) == "<Result exit_code=0 okay>"


def test_args_as_a_string(runner: CliRunner) -> None:
    assert runner.invoke("greet 'Ada Lovelace'").output == "Hello, Ada Lovelace!\n"


@pytest.mark.parametrize(
    "given",
    ["some text", b"some text", io.StringIO("some text"), io.BytesIO(b"some text")],
)
def test_input(
    runner: CliRunner, given: str | bytes | io.StringIO | io.BytesIO
) -> None:
    assert runner.invoke(["echo"], input=given).output == "SOME TEXT"


def test_no_input_reads_nothing(runner: CliRunner) -> None:
    assert runner.invoke(["echo"]).output == ""


def test_the_returned_status(runner: CliRunner) -> None:
    result = runner.invoke(["status", "4"])
    assert (result.exit_code, result.return_value, result.exception) == (4, 4, None)


def test_a_command_error(runner: CliRunner) -> None:
    result = runner.invoke(["fail", "the disk is full"])
    assert result.exit_code == 3
    assert isinstance(result.exception, CommandError)
    assert result.stderr == result.output == "Error: the disk is full\n"


def test_an_unexpected_exception_is_kept(runner: CliRunner) -> None:
    result = runner.invoke(["crash"])
    assert result.exit_code == 1
    assert isinstance(result.exception, LookupError)
    assert result.exc_info is not None and result.exc_info[1] is result.exception
    assert "LookupError" in repr(result)


def test_catch_exceptions_false_raises(runner: CliRunner) -> None:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    with pytest.raises(LookupError, match="no such thing"):
        runner.invoke(["crash"], catch_exceptions=False)
    assert (sys.stdin, sys.stdout, sys.stderr) == streams


@pytest.mark.parametrize(
    ("code", "exit_code", "stderr", "kept"),
    [("0", 0, "", False), ("5", 5, "", True), ("bye", 1, "bye\n", True)],
)
def test_system_exit(
    runner: CliRunner, code: str, exit_code: int, stderr: str, kept: bool
) -> None:
    result = runner.invoke(["leave", code])
    assert (result.exit_code, result.stderr) == (exit_code, stderr)
    assert isinstance(result.exception, SystemExit) is kept


def test_output_interleaves_stdout_and_stderr(runner: CliRunner) -> None:
    result = runner.invoke(["both"])
    assert result.stdout == "one\nthree\n"
    assert result.stderr == "two\n"
    assert result.output == "one\ntwo\nthree\n"


def test_usage_errors(runner: CliRunner) -> None:
    result = runner.invoke(["greet"])
    assert result.exit_code == 2
    assert "the following arguments are required: NAME" in result.stderr


def test_help(runner: CliRunner) -> None:
    result = runner.invoke(["--help"])
    assert result.exit_code == 0 and result.exception is None
    assert "greet" in result.stdout and "Say hello." in result.stdout
    assert runner.invoke([]).stdout == result.stdout


def test_env_is_set_and_restored(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSOM_TEST_OTHER", "kept")
    result = runner.invoke(
        ["where"], env={"TRANSOM_TEST_VALUE": "set", "TRANSOM_TEST_OTHER": None}
    )
    assert result.output == "cli_testing_app set\n"
    assert "TRANSOM_TEST_VALUE" not in os.environ
    assert os.environ["TRANSOM_TEST_OTHER"] == "kept"
    assert runner.invoke(["where"]).output == "cli_testing_app <unset>\n"


def test_streams_are_restored(runner: CliRunner) -> None:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    runner.invoke(["both"])
    runner.invoke(["crash"])
    assert (sys.stdin, sys.stdout, sys.stderr) == streams


def test_builtin_commands(runner: CliRunner) -> None:
    routes = runner.invoke(["routes"])
    assert routes.exit_code == 0 and "/items/<item_id>" in routes.output
    docs = runner.invoke(["docs", "--format", "openapi"])
    assert docs.exit_code == 0
    assert "/items/{item_id}" in json.loads(docs.output)["paths"]


def test_extension_commands(app: App, runner: CliRunner) -> None:
    def ping() -> None:
        print("pong")

    app.commands.add(Command.from_function(ping))
    assert runner.invoke(["ping"]).output == "pong\n"


def test_the_app_is_never_looked_for(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app.py").write_text("raise SystemExit('this app must not load')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRANSOM_APP", "no_such_module")
    result = runner.invoke(["greet", "Ada"])
    assert (result.exit_code, result.output) == (0, "Hello, Ada!\n")
    assert runner.invoke(["--app", "no_such_module", "greet", "Bo"]).exit_code == 0


def test_result_is_typed_data(runner: CliRunner) -> None:
    result = runner.invoke(["status", "0"])
    assert isinstance(result, Result)
    with pytest.raises(AttributeError):
        result.exit_code = 1  # type: ignore[misc]
