"""Custom commands: how a typed function becomes a subcommand."""

from __future__ import annotations

import argparse
import datetime
import decimal
import enum
import pathlib
import typing as t
import uuid

import pytest

from transom import App
from transom import g
from transom.cli import Arg
from transom.cli import Command
from transom.cli import CommandDefinitionError
from transom.cli import CommandRegistry
from transom.cli import UsageError
from transom.cli.commands import ArgumentKind


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> t.NoReturn:
        raise UsageError(message)


def _parse(command: Command, *argv: str) -> argparse.Namespace:
    parser = _Parser(prog=command.name)
    command.configure(parser)
    return parser.parse_args(argv)


def _call(command: Command, *argv: str, app: App | None = None) -> int:
    app = app or App("cli_test", static_folder=None)
    return command.invoke(_parse(command, *argv), app)


def test_positional_and_option_values_are_converted() -> None:
    seen: dict[str, object] = {}

    def seed(source: pathlib.Path, count: int = 10, *, ratio: float = 0.5) -> None:
        seen.update(source=source, count=count, ratio=ratio)

    command = Command.from_function(seed)
    assert _call(command, "rows.csv", "--count", "3", "--ratio", "0.25") == 0
    assert seen == {"source": pathlib.Path("rows.csv"), "count": 3, "ratio": 0.25}
    _call(command, "other.csv")
    assert seen == {"source": pathlib.Path("other.csv"), "count": 10, "ratio": 0.5}


def test_kinds_follow_the_signature() -> None:
    def f(a: str, b: int = 1, *rest: str, c: str, d: bool = False) -> None: ...

    kinds = {a.name: a.kind for a in Command.from_function(f).arguments}
    assert kinds == {
        "a": ArgumentKind.POSITIONAL,
        "b": ArgumentKind.OPTION,
        "rest": ArgumentKind.POSITIONAL,
        "c": ArgumentKind.OPTION,
        "d": ArgumentKind.FLAG,
    }


def test_keyword_only_without_default_is_a_required_option() -> None:
    def f(*, name: str) -> None: ...

    command = Command.from_function(f)
    with pytest.raises(UsageError, match="--name"):
        _parse(command)
    assert _parse(command, "--name", "x").__dict__["arg:name"] == "x"


def test_bool_flags_pair() -> None:
    seen: list[bool] = []

    def f(*, dry_run: bool = False) -> None:
        seen.append(dry_run)

    command = Command.from_function(f)
    _call(command)
    _call(command, "--dry-run")
    _call(command, "--no-dry-run")
    assert seen == [False, True, False]


def test_name_defaults_to_the_function_name_with_dashes() -> None:
    def load_fixtures() -> None: ...

    assert Command.from_function(load_fixtures).name == "load-fixtures"
    assert Command.from_function(load_fixtures, name="fixtures").name == "fixtures"


def test_returned_int_is_the_exit_status() -> None:
    def fail() -> int:
        return 3

    def succeed() -> None:
        return None

    assert _call(Command.from_function(fail)) == 3
    assert _call(Command.from_function(succeed)) == 0


@pytest.mark.parametrize(
    ("annotation", "text", "expected"),
    [
        (str, "x", "x"),
        (int, "-4", -4),
        (float, "2.5", 2.5),
        (decimal.Decimal, "1.10", decimal.Decimal("1.10")),
        (
            uuid.UUID,
            "12345678-1234-5678-1234-567812345678",
            uuid.UUID("12345678-1234-5678-1234-567812345678"),
        ),
        (datetime.date, "2024-02-29", datetime.date(2024, 2, 29)),
        (
            datetime.datetime,
            "2024-02-29T10:30:00",
            datetime.datetime(2024, 2, 29, 10, 30),
        ),
        (t.Literal["fast", "slow"], "slow", "slow"),
        (t.Literal[1, 2], "2", 2),
        (Color, "green", Color.GREEN),
    ],
)
def test_types(annotation: object, text: str, expected: object) -> None:
    seen: list[object] = []

    def f(value: t.Any) -> None:
        seen.append(value)

    f.__annotations__ = {"value": annotation, "return": None}
    _call(Command.from_function(f), text)
    assert seen == [expected]


@pytest.mark.parametrize(
    ("annotation", "text", "message"),
    [
        (int, "x", "'x' is not an integer"),
        (float, "1,5", "'1,5' is not a number"),
        (decimal.Decimal, "one", "'one' is not a decimal number"),
        (uuid.UUID, "nope", "'nope' is not a UUID"),
        (datetime.date, "2024-02-30", r"'2024-02-30' is not a date \(YYYY-MM-DD\)"),
        (t.Literal["fast", "slow"], "medium", "'medium' is not one of fast, slow"),
        (Color, "RED", "'RED' is not one of red, green"),
    ],
)
def test_bad_values_are_usage_errors(
    annotation: object, text: str, message: str
) -> None:
    def f(value: t.Any) -> None: ...

    f.__annotations__ = {"value": annotation, "return": None}
    with pytest.raises(UsageError, match=message):
        _parse(Command.from_function(f), text)


def test_lists_take_several_values() -> None:
    seen: list[object] = []

    def f(names: list[str], *, ids: list[int] | None = None) -> None:
        seen.append((names, ids))

    command = Command.from_function(f)
    _call(command, "a", "b", "--ids", "1", "2", "--ids", "3")
    _call(command, "c")
    assert seen == [(["a", "b"], [1, 2, 3]), (["c"], None)]
    with pytest.raises(UsageError, match="NAMES"):
        _parse(command)


def test_list_option_default_is_not_shared() -> None:
    seen: list[list[str]] = []

    def f(*, tags: list[str] = ["x"]) -> None:  # noqa: B006 - what is tested
        seen.append(tags)

    command = Command.from_function(f)
    _call(command, "--tags", "a")
    _call(command)
    assert seen == [["a"], ["x"]]


def test_var_positional() -> None:
    seen: list[tuple[object, ...]] = []

    def f(first: str, *rest: int) -> None:
        seen.append((first, *rest))

    command = Command.from_function(f)
    _call(command, "a", "1", "2")
    _call(command, "b")
    assert seen == [("a", 1, 2), ("b",)]


def test_optional_positional_may_be_left_out() -> None:
    seen: list[object] = []

    def f(name: str | None) -> None:
        seen.append(name)

    command = Command.from_function(f)
    _call(command)
    _call(command, "x")
    assert seen == [None, "x"]


def test_app_parameter_receives_the_app() -> None:
    seen: list[App] = []

    def f(the_app: App, count: int = 1) -> None:
        seen.append(the_app)

    command = Command.from_function(f)
    app = App("cli_test", static_folder=None)
    _call(command, "--count", "2", app=app)
    assert seen == [app]
    assert [a.name for a in command.arguments if a.kind is ArgumentKind.APP] == [
        "the_app"
    ]


def test_parameter_named_like_a_global_option_does_not_clash() -> None:
    seen: list[str] = []

    def f(app: str, *, command: str = "c") -> None:
        seen.append(app + command)

    command = Command.from_function(f)
    parser = _Parser(prog="transom")
    parser.add_argument("--app")
    sub = parser.add_subparsers(dest="command")
    command.configure(sub.add_parser("f"))
    namespace = parser.parse_args(["--app", "mod", "f", "value", "--command", "d"])
    assert namespace.app == "mod"
    assert namespace.command == "f"
    command.invoke(namespace, App("cli_test", static_folder=None))
    assert seen == ["valued"]


def test_docstring_gives_summary_description_and_argument_help() -> None:
    def f(path: str, *, count: int = 2) -> None:
        """Load rows.

        Reads the whole file first.

        :param path: the file to
            read from.
        :param int count: how many rows.
        :returns: nothing.
        """

    command = Command.from_function(f)
    assert command.summary == "Load rows."
    assert command.description == "Load rows.\n\nReads the whole file first."
    helps = {a.name: a.help for a in command.arguments}
    assert helps == {"path": "the file to read from.", "count": "how many rows."}
    parser = argparse.ArgumentParser()
    command.configure(parser)
    assert "how many rows. (default: 2)" in " ".join(parser.format_help().split())


def test_arg_metadata() -> None:
    def f(
        name: t.Annotated[str, Arg(help="who", metavar="WHO")],
        *,
        times: t.Annotated[int, Arg("-n")] = 1,
    ) -> None: ...

    command = Command.from_function(f)
    parser = argparse.ArgumentParser()
    command.configure(parser)
    text = " ".join(parser.format_help().split())
    assert "WHO who" in text
    assert "-n TIMES, --times TIMES" in text
    assert parser.parse_args(["x", "-n", "3"]).__dict__["arg:times"] == 3


def _no_kwargs(**kwargs: str) -> None: ...


def _positional_bool(flag: bool) -> None: ...


def _bad_type(value: object = None) -> None: ...


def _bad_union(value: int | str = 1) -> None: ...


def _positional_flags(value: t.Annotated[str, Arg("-v")]) -> None: ...


def _list_args(*values: list[str]) -> None: ...


def _taken_flag(
    *, a: t.Annotated[int, Arg("-x")] = 1, b: t.Annotated[int, Arg("-x")] = 2
) -> None: ...


def _help_flag(*, a: t.Annotated[int, Arg("-h")] = 1) -> None: ...


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (_no_kwargs, r"\*\*kwargs cannot be given"),
        (_positional_bool, "a bool is given as a flag, which needs a default"),
        (_bad_type, "cannot read a object from the command line"),
        (_bad_union, r"the union int \| str does not say how to read the text"),
        (_positional_flags, "a positional argument has no flags"),
        (_list_args, r"\*args already takes many values"),
        (_taken_flag, "the option '-x' is already taken"),
        (_help_flag, "the option '-h' is already taken"),
    ],
)
def test_definition_errors_name_the_parameter_and_the_fix(
    function: t.Callable[..., None], message: str
) -> None:
    with pytest.raises(CommandDefinitionError, match=message) as info:
        Command.from_function(function)
    assert function.__name__ in str(info.value)
    assert "Fix:" in str(info.value)


def test_unresolvable_annotation_is_a_definition_error() -> None:
    def f(value: str) -> None: ...

    f.__annotations__["value"] = "Undefined"
    with pytest.raises(CommandDefinitionError, match="cannot be evaluated"):
        Command.from_function(f)


@pytest.mark.parametrize("name", ["", "-x", "two words", "1st"])
def test_bad_names(name: str) -> None:
    def f() -> None: ...

    with pytest.raises(CommandDefinitionError, match="a command name starts"):
        Command.from_function(f, name=name)


def test_arg_flags_must_be_options() -> None:
    with pytest.raises(CommandDefinitionError, match="starts with '-'"):
        Arg("n")


def test_registry_refuses_builtin_names_and_duplicates() -> None:
    registry = CommandRegistry()

    def run() -> None: ...

    def one() -> None: ...

    def other() -> None: ...

    with pytest.raises(CommandDefinitionError, match="one of transom's own commands"):
        registry.command()(run)
    registry.command()(one)
    registry.command()(one)  # the same function again is harmless
    with pytest.raises(CommandDefinitionError, match="already taken by .*one"):
        registry.command("one")(other)
    assert list(registry) == ["one"]
    assert len(registry) == 1
    assert registry["one"].function is one


def test_app_command_decorator_returns_the_function() -> None:
    app = App("cli_test", static_folder=None)

    def hello(name: str) -> None:
        g.greeted = name

    assert app.command(help="say hello")(hello) is hello
    assert app.commands["hello"].summary == "say hello"
    assert "hello" in repr(app.commands)
    with app.app_context():
        assert _call(app.commands["hello"], "ada", app=app) == 0
        assert g.greeted == "ada"
