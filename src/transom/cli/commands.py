"""Custom ``transom`` subcommands, defined by typed functions.

An app, or an extension that is given the app, registers a function; the
function's parameters become the command's arguments and options::

    from pathlib import Path
    from transom import App
    from transom.cli import CommandError

    app = App(__name__)

    @app.command()
    def seed(source: Path, count: int = 10, *, dry_run: bool = False) -> None:
        \"""Fill the database from a CSV file.

        :param source: the CSV file to read.
        :param count: how many rows to load.
        :param dry_run: print the rows instead of storing them.
        \"""
        if not source.exists():
            raise CommandError(f"{source} does not exist")
        ...

and then ``transom seed rows.csv --count 5 --dry-run``.

How a parameter becomes an argument:

- Without a default, a positional parameter is a positional argument;
  with a default, or keyword-only, it is an option ``--name`` (underscores
  become dashes). A keyword-only parameter without a default is a required
  option.
- ``bool`` with a default is a pair of flags, ``--name`` and ``--no-name``.
- The types are ``str``, ``int``, ``float``, ``decimal.Decimal``,
  ``uuid.UUID``, ``pathlib.Path``, ``datetime.date``, ``datetime.datetime``
  (ISO 8601), ``Literal[...]`` and ``Enum`` (by value); ``list[T]`` takes
  one or more values; ``T | None`` may be left out, giving ``None``;
  ``*args: T`` takes any number of values.
- A parameter annotated with :class:`~transom.App` (or a subclass)
  receives the app instead of an argument.
- ``Annotated[T, Arg("-n", help="...", metavar="N")]`` adds a short flag,
  a help text or a metavar.
- The docstring's first line is the command's summary in ``transom
  --help``, the rest its description; each ``:param name:`` field is that
  argument's help.

The function runs inside an app context, so :data:`~transom.current_app`
and :data:`~transom.g` work. It returns ``None`` (exit status 0) or an
``int`` exit status; it raises :class:`CommandError` to fail with a one-line
message. Everything above is checked when the command is registered: an
unsupported type, a ``bool`` without a default, ``**kwargs`` or a name that
is already taken raise :class:`CommandDefinitionError` at import time.

An extension without a decorator calls ``app.commands.add(command)`` with a
:class:`Command` built by :meth:`Command.from_function`.
"""

from __future__ import annotations

import argparse
import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import inspect
import pathlib
import re
import types
import typing as t
import uuid

import typing_extensions as te

from ..exceptions import ExplainedError

if t.TYPE_CHECKING:
    from ..app import App

_CommandT = t.TypeVar("_CommandT", bound="cabc.Callable[..., int | None]")

BUILTIN_COMMANDS: t.Final = frozenset({"run", "routes", "shell", "docs", "check"})
"""The names of transom's own commands, which custom commands cannot take."""

_NAME_RE: t.Final = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_PARAM_FIELD_RE: t.Final = re.compile(r"^:param\s+(?:[^:]*\s)?(\w+):\s*(.*)$")


class CommandDefinitionError(ExplainedError, TypeError):
    """A function that cannot become a command, raised when it is registered."""


class Arg:
    """How one parameter appears on the command line, given with ``Annotated``::

        def greet(
            name: Annotated[str, Arg(help="who to greet")],
            times: Annotated[int, Arg("-n", metavar="N")] = 1,
        ) -> None: ...

    :param flags: extra option strings such as ``"-n"``; options only.
    :param help: the help text (instead of the docstring's ``:param:``).
    :param metavar: the placeholder shown in usage and help.
    """

    __slots__ = ("flags", "help", "metavar")

    def __init__(
        self, *flags: str, help: str | None = None, metavar: str | None = None
    ) -> None:
        for flag in flags:
            if not flag.startswith("-") or flag.strip("-") == "":
                raise CommandDefinitionError(
                    f"Arg({flag!r})",
                    "an option string starts with '-' and has a name",
                    "write flags such as Arg('-n') or Arg('--count')",
                )
        self.flags = flags
        """Extra option strings."""
        self.help = help
        """The help text, or ``None`` for the docstring's."""
        self.metavar = metavar
        """The placeholder in usage and help, or ``None`` for the default."""

    @te.override
    def __repr__(self) -> str:
        return (
            f"Arg(flags={self.flags!r}, help={self.help!r}, metavar={self.metavar!r})"
        )


class ArgumentKind(enum.Enum):
    """How a parameter is given on the command line."""

    POSITIONAL = "positional"
    """A positional argument (``*args`` takes any number)."""
    OPTION = "option"
    """An option with a value, ``--name VALUE``."""
    FLAG = "flag"
    """A boolean pair, ``--name`` and ``--no-name``."""
    APP = "app"
    """Not on the command line: the parameter receives the app."""


class Passing(enum.Enum):
    """How the function takes a parameter."""

    POSITIONAL = "positional"
    """By position."""
    KEYWORD = "keyword"
    """By keyword (a keyword-only parameter)."""
    UNPACKED = "unpacked"
    """As ``*args``."""


_PASSING: t.Final = {
    inspect.Parameter.POSITIONAL_ONLY: Passing.POSITIONAL,
    inspect.Parameter.POSITIONAL_OR_KEYWORD: Passing.POSITIONAL,
    inspect.Parameter.KEYWORD_ONLY: Passing.KEYWORD,
    inspect.Parameter.VAR_POSITIONAL: Passing.UNPACKED,
}

_EMPTY: t.Final = inspect.Parameter.empty


@dataclasses.dataclass(frozen=True, slots=True)
class Argument:
    """One parameter of a command's function, as the command line sees it."""

    name: str
    """The parameter's name."""
    kind: ArgumentKind
    """How it is given."""
    passing: Passing
    """How the function takes it."""
    flags: tuple[str, ...]
    """The option strings (``--count``, ``-n``); empty for positionals."""
    convert: cabc.Callable[[str], t.Any] | None
    """Turns the text into the value; ``None`` for flags and the app."""
    default: t.Any
    """The default, or ``inspect.Parameter.empty``."""
    many: bool
    """Whether it takes one or more values (``list[T]``, ``*args``)."""
    optional: bool
    """Whether ``None`` is a valid value (``T | None``)."""
    metavar: str | None
    """The placeholder in usage and help."""
    help: str | None
    """The help text."""

    @property
    def dest(self) -> str:
        """The attribute of the parsed namespace; prefixed so that a
        parameter named ``app`` or ``command`` cannot shadow transom's own."""
        return f"arg:{self.name}"

    @property
    def required(self) -> bool:
        """Whether the command line must give it."""
        return self.default is _EMPTY and not self.optional

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        """Declare this argument on ``parser``."""
        if self.kind is ArgumentKind.APP:
            return
        help_text = self.help or ""
        if self.kind is ArgumentKind.FLAG:
            parser.add_argument(
                *self.flags,
                dest=self.dest,
                action=argparse.BooleanOptionalAction,
                default=self.default,
                help=_with_default(help_text, self.default),
            )
            return
        kwargs: dict[str, t.Any] = {"type": self.convert, "metavar": self.metavar}
        # None stands for "not given", so a mutable default is never shared
        # between runs and invoke() can fill in the function's own default.
        if self.kind is ArgumentKind.POSITIONAL:
            if self.passing is Passing.UNPACKED:
                kwargs["nargs"] = "*"
            elif self.many:
                kwargs["nargs"] = "+" if self.required else "*"
            elif not self.required:
                kwargs["nargs"] = "?"
            parser.add_argument(self.dest, help=help_text, default=None, **kwargs)
            return
        if self.many:
            kwargs["nargs"] = "+"
            kwargs["action"] = "extend"
        if self.default is not _EMPTY:
            help_text = _with_default(help_text, self.default)
        parser.add_argument(
            *self.flags,
            dest=self.dest,
            required=self.required,
            default=None,
            help=help_text,
            **kwargs,
        )

    def value_from(self, namespace: argparse.Namespace, app: App) -> t.Any:
        """The value to pass for this parameter."""
        if self.kind is ArgumentKind.APP:
            return app
        value = getattr(namespace, self.dest)
        if self.passing is Passing.UNPACKED:
            return value or []
        # argparse gives None, or [] for a list positional, when not given.
        given = bool(value) if self.many else value is not None
        if not given and self.default is not _EMPTY:
            return self.default
        return value


@dataclasses.dataclass(frozen=True, slots=True)
class Command:
    """A custom subcommand: a function and the arguments its signature declares."""

    name: str
    """The subcommand's name."""
    function: cabc.Callable[..., object]
    """The function that runs it."""
    summary: str | None
    """One line for ``transom --help``."""
    description: str | None
    """The text for ``transom NAME --help``."""
    arguments: tuple[Argument, ...]
    """The parameters, in the function's order."""

    @classmethod
    def from_function(
        cls,
        function: cabc.Callable[..., int | None],
        *,
        name: str | None = None,
        help: str | None = None,
    ) -> Command:
        """Build the command for ``function``, checking its whole signature.

        :param name: the subcommand name; by default the function's name
            without leading and trailing underscores, and with the others
            turned into dashes.
        :param help: the summary; by default the docstring's first line.
        :raises CommandDefinitionError: the function cannot be a command.
        """
        qualname: str = getattr(function, "__qualname__", repr(function))
        if name is None:
            function_name: str = getattr(function, "__name__", "")
            name = function_name.strip("_").replace("_", "-")
        if not _NAME_RE.match(name):
            raise CommandDefinitionError(
                f"command {name!r} ({qualname})",
                "a command name starts with a letter and has only letters, digits,"
                " '-' and '_'",
                "pass name='...' to command()",
            )
        description, param_help = _split_docstring(inspect.getdoc(function))
        summary = help or (description.splitlines()[0] if description else None)
        hints = _type_hints(function, qualname)
        arguments: list[Argument] = []
        taken: set[str] = set()
        for parameter in inspect.signature(function).parameters.values():
            argument = _argument(
                parameter, hints, param_help.get(parameter.name), qualname
            )
            for flag in argument.flags:
                if flag in taken or flag in ("-h", "--help"):
                    raise CommandDefinitionError(
                        f"parameter {parameter.name!r} of {qualname}()",
                        f"the option {flag!r} is already taken",
                        "choose another flag with Arg(...)",
                    )
                taken.add(flag)
            arguments.append(argument)
        return cls(name, function, summary, description or None, tuple(arguments))

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments on its (sub)parser."""
        for argument in self.arguments:
            argument.add_to(parser)

    def invoke(self, namespace: argparse.Namespace, app: App) -> int:
        """Call the function with the parsed arguments; the caller provides
        the app context.

        :returns: the exit status: the function's ``int``, else ``0``.
        """
        return exit_status(self.call(namespace, app))

    def call(self, namespace: argparse.Namespace, app: App) -> object:
        """Call the function with the parsed arguments, as :meth:`invoke`
        does, and return what it returns."""
        args: list[t.Any] = []
        kwargs: dict[str, t.Any] = {}
        for argument in self.arguments:
            value = argument.value_from(namespace, app)
            if argument.passing is Passing.UNPACKED:
                args.extend(value)
            elif argument.passing is Passing.KEYWORD:
                kwargs[argument.name] = value
            else:
                args.append(value)
        return self.function(*args, **kwargs)


def exit_status(rv: object) -> int:
    """The exit status of a command whose function returned ``rv``: an
    ``int`` is the status, anything else is ``0``."""
    return rv if isinstance(rv, int) and not isinstance(rv, bool) else 0


class CommandRegistry(cabc.Mapping[str, Command]):
    """The custom commands of an app, by name: ``app.commands``."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def command(
        self, name: str | None = None, *, help: str | None = None
    ) -> cabc.Callable[[_CommandT], _CommandT]:
        """Register the decorated function as a command (see the module's
        documentation for how its parameters become arguments).

        :param name: the subcommand name; the function's name by default,
            with underscores turned into dashes.
        :param help: the summary; the docstring's first line by default.
        """

        def decorator(function: _CommandT) -> _CommandT:
            self.add(Command.from_function(function, name=name, help=help))
            return function

        return decorator

    def add(self, command: Command) -> None:
        """Register ``command``.

        :raises CommandDefinitionError: its name is a built-in command, or
            another function already has it.
        """
        where = f"command {command.name!r}"
        if command.name in BUILTIN_COMMANDS:
            raise CommandDefinitionError(
                where,
                f"{command.name!r} is one of transom's own commands",
                "pass another name to command(name=...)",
            )
        existing = self._commands.get(command.name)
        if existing is not None and existing.function is not command.function:
            raise CommandDefinitionError(
                where,
                f"the name is already taken by {_qualname(existing.function)}",
                "pass another name to command(name=...)",
            )
        self._commands[command.name] = command

    @te.override
    def __getitem__(self, name: str) -> Command:
        return self._commands[name]

    @te.override
    def __iter__(self) -> cabc.Iterator[str]:
        return iter(self._commands)

    @te.override
    def __len__(self) -> int:
        return len(self._commands)

    @te.override
    def __repr__(self) -> str:
        return f"<CommandRegistry {sorted(self._commands)!r}>"


# -- parameters -------------------------------------------------------------


def _argument(
    parameter: inspect.Parameter,
    hints: dict[str, t.Any],
    doc_help: str | None,
    qualname: str,
) -> Argument:
    where = f"parameter {parameter.name!r} of {qualname}()"
    if parameter.kind is inspect.Parameter.VAR_KEYWORD:
        raise CommandDefinitionError(
            where,
            "**kwargs cannot be given on a command line",
            "declare each option as its own parameter",
        )
    annotation = hints.get(parameter.name, str)
    base, optional, many, arg = _unpack(annotation, where)
    if isinstance(base, type) and _is_app_class(base):
        return Argument(
            parameter.name,
            ArgumentKind.APP,
            _PASSING[parameter.kind],
            (),
            None,
            _EMPTY,
            False,
            False,
            None,
            None,
        )
    help_text = arg.help if arg is not None and arg.help else doc_help
    default = parameter.default
    positional = parameter.kind is inspect.Parameter.VAR_POSITIONAL or (
        parameter.kind is not inspect.Parameter.KEYWORD_ONLY and default is _EMPTY
    )
    option = "--" + parameter.name.replace("_", "-")
    extra = arg.flags if arg is not None else ()
    if positional and extra:
        raise CommandDefinitionError(
            where,
            f"a positional argument has no flags, but Arg() gives {extra!r}",
            "give the parameter a default, or make it keyword-only, to make it an"
            " option",
        )
    if base is bool and not many:
        if positional or default is _EMPTY or optional:
            raise CommandDefinitionError(
                where,
                "a bool is given as a flag, which needs a default",
                f"write '{parameter.name}: bool = False' (keyword-only, or after"
                " the positional parameters)",
            )
        return Argument(
            parameter.name,
            ArgumentKind.FLAG,
            _PASSING[parameter.kind],
            (*extra, option),
            None,
            default,
            False,
            False,
            None,
            help_text,
        )
    if parameter.kind is inspect.Parameter.VAR_POSITIONAL and many:
        raise CommandDefinitionError(
            where,
            "*args already takes many values",
            f"annotate each value: '*{parameter.name}: str'",
        )
    convert, metavar = _converter(base, where)
    if arg is not None and arg.metavar:
        metavar = arg.metavar
    elif metavar is None:
        metavar = parameter.name.upper()
    return Argument(
        parameter.name,
        ArgumentKind.POSITIONAL if positional else ArgumentKind.OPTION,
        _PASSING[parameter.kind],
        () if positional else (*extra, option),
        convert,
        default,
        many or parameter.kind is inspect.Parameter.VAR_POSITIONAL,
        optional,
        metavar,
        help_text,
    )


def _unpack(annotation: t.Any, where: str) -> tuple[t.Any, bool, bool, Arg | None]:
    """Split an annotation into (base type, optional, many, Arg)."""
    arg: Arg | None = None
    if t.get_origin(annotation) is t.Annotated:
        args = t.get_args(annotation)
        annotation = args[0]
        found = [m for m in args[1:] if isinstance(m, Arg)]
        arg = found[0] if found else None
    optional = False
    origin = t.get_origin(annotation)
    if origin is t.Union or origin is types.UnionType:
        members = [a for a in t.get_args(annotation) if a is not type(None)]
        optional = len(members) < len(t.get_args(annotation))
        if len(members) != 1:
            raise CommandDefinitionError(
                where,
                f"the union {_show(annotation)} does not say how to read the text",
                "annotate a single type, optionally '| None'",
            )
        annotation = members[0]
        origin = t.get_origin(annotation)
    many = False
    if origin is list:
        (annotation,) = t.get_args(annotation) or (str,)
        many = True
    return annotation, optional, many, arg


def _converter(
    base: t.Any, where: str
) -> tuple[cabc.Callable[[str], t.Any], str | None]:
    """The function that reads ``base`` from text, and a metavar for choices."""
    if t.get_origin(base) is t.Literal:
        return _choices({str(v): v for v in t.get_args(base)})
    if isinstance(base, type) and issubclass(base, enum.Enum):
        members: list[enum.Enum] = list(base)
        return _choices({str(m.value): m for m in members})
    if isinstance(base, type) and issubclass(base, pathlib.PurePath):
        return _reader(base, "a path"), None
    for known, reader in _READERS.items():
        if base is known:
            return reader, None
    raise CommandDefinitionError(
        where,
        f"transom cannot read a {_show(base)} from the command line",
        "annotate it as str, int, float, Decimal, UUID, Path, date, datetime, a"
        " Literal, an Enum, or a list or '| None' of one, and convert inside the"
        " function",
    )


def _reader(
    parse: cabc.Callable[[str], t.Any], what: str
) -> cabc.Callable[[str], t.Any]:
    def read(text: str) -> t.Any:
        try:
            return parse(text)
        except (ValueError, ArithmeticError):
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None

    return read


def _choices(
    by_text: dict[str, t.Any],
) -> tuple[cabc.Callable[[str], t.Any], str]:
    shown = ", ".join(by_text)

    def read(text: str) -> t.Any:
        try:
            return by_text[text]
        except KeyError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not one of {shown}"
            ) from None

    return read, "{" + ",".join(by_text) + "}"


def _datetime(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


_READERS: t.Final[dict[t.Any, cabc.Callable[[str], t.Any]]] = {
    str: str,
    int: _reader(int, "an integer"),
    float: _reader(float, "a number"),
    decimal.Decimal: _reader(decimal.Decimal, "a decimal number"),
    uuid.UUID: _reader(uuid.UUID, "a UUID"),
    datetime.date: _reader(datetime.date.fromisoformat, "a date (YYYY-MM-DD)"),
    datetime.datetime: _reader(_datetime, "a date and time (ISO 8601)"),
}


def _is_app_class(cls: type) -> bool:
    from ..app import App

    return issubclass(cls, App)


def _type_hints(function: cabc.Callable[..., t.Any], qualname: str) -> dict[str, t.Any]:
    try:
        return t.get_type_hints(function, include_extras=True)
    except Exception as e:
        raise CommandDefinitionError(
            f"{qualname}()",
            f"its annotations cannot be evaluated ({type(e).__name__}: {e})",
            "import every name the annotations use at module level, outside"
            " 'if TYPE_CHECKING:'",
        ) from None


def _split_docstring(doc: str | None) -> tuple[str, dict[str, str]]:
    """Split a Sphinx-style docstring into its text and its ``:param:`` fields."""
    if not doc:
        return "", {}
    text: list[str] = []
    params: dict[str, str] = {}
    current: str | None = None
    in_fields = False
    for line in doc.splitlines():
        match = _PARAM_FIELD_RE.match(line)
        if match:
            in_fields = True
            name: str = match[1] or ""
            params[name] = (match[2] or "").strip()
            current = name
        elif line.startswith(":"):
            in_fields = True
            current = None
        elif in_fields:
            if current is not None and line.strip():
                params[current] += " " + line.strip()
            elif not line.strip():
                current = None
        else:
            text.append(line)
    return "\n".join(text).strip(), params


def _with_default(help_text: str, default: object) -> str:
    if default is None or default is _EMPTY:
        return help_text
    if isinstance(default, bool):
        return help_text
    if isinstance(default, enum.Enum):
        default = default.value
    suffix = f"(default: {default})"
    return f"{help_text} {suffix}" if help_text else suffix


def _show(annotation: t.Any) -> str:
    if isinstance(annotation, type):
        return annotation.__qualname__
    return repr(annotation).replace("typing.", "")


def _qualname(function: object) -> str:
    module = getattr(function, "__module__", "?")
    return f"{module}.{getattr(function, '__qualname__', repr(function))}"


__all__ = [
    "BUILTIN_COMMANDS",
    "Arg",
    "Argument",
    "ArgumentKind",
    "Command",
    "CommandDefinitionError",
    "CommandRegistry",
    "Passing",
]
