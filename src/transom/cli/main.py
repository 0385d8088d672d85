"""The ``transom`` program: options, dispatch and one-line errors."""

from __future__ import annotations

import argparse
import collections.abc as cabc
import os
import sys
import typing as t

import typing_extensions as te

from . import discovery
from ._errors import AppLoadError
from ._errors import CommandError
from ._errors import UsageError
from .commands import BUILTIN_COMMANDS
from .commands import exit_status

if t.TYPE_CHECKING:
    from .commands import Command
    from .discovery import FoundApp

_DESCRIPTION: t.Final = "Run, inspect and document a transom app."
_EPILOG: t.Final = """\
Finding the app: --app, else the TRANSOM_APP environment variable, else app.py
or wsgi.py in the current folder. The value is MODULE, MODULE:NAME,
MODULE:create_app() (literal arguments allowed), or a path to a .py file such
as examples/hello/app.py, optionally followed by :NAME. In the module, transom
uses the App named 'app' or 'application', else its only App, else the App
that create_app() returns.

'COMMAND --help' describes a command's options."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage."""

    @te.override
    def error(self, message: str) -> t.NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def report(error: CommandError) -> None:
    """Print ``error`` on stderr: the user's traceback if it carries one,
    then its one-line message."""
    if isinstance(error, AppLoadError) and error.user_traceback:
        sys.stderr.write(error.user_traceback)
    print(f"Error: {error.message}", file=sys.stderr, flush=True)


def main(argv: cabc.Sequence[str] | None = None, *, prog: str = "transom") -> int:
    """Run the ``transom`` command line.

    :param argv: the arguments, ``sys.argv[1:]`` by default.
    :param prog: the program's name in usage and messages.
    :returns: the exit status.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(args, prog)
    except CommandError as e:
        report(e)
        return e.exit_code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def run_for(found: FoundApp, argv: list[str], returned: list[object]) -> int:
    """Run the command line for an app given rather than found (the test
    runner's), letting a :class:`CommandError` propagate.

    :param returned: where to put what an app command's function returned.
    :returns: the exit status.
    """
    return _main(argv, "transom", found, returned)


def _main(
    argv: list[str],
    prog: str,
    given: FoundApp | None = None,
    returned: list[object] | None = None,
) -> int:
    """Run the command line; without ``given``, on the app it finds.

    :param given: the app to run commands for, instead of finding one (the
        test runner's).
    :param returned: where to put what an app command's function returned.
    """
    option, command, wants_help = _prescan(argv)
    cwd = os.getcwd()
    found: list[FoundApp] = [] if given is None else [given]

    def load() -> FoundApp:
        if not found:
            spec = discovery.find_spec(option, os.environ, cwd)
            found.append(discovery.load(spec, cwd))
        return found[0]

    # Custom commands are the app's, so the app must load before the command
    # line can be parsed; transom's own commands parse without it.
    custom: cabc.Mapping[str, Command] = {}
    load_error: CommandError | None = None
    if command not in BUILTIN_COMMANDS and (
        command is not None or wants_help or given is not None
    ):
        try:
            custom = load().app.commands
        except CommandError as e:
            load_error = e
    if command is not None and command not in BUILTIN_COMMANDS:
        if load_error is not None and not wants_help:
            raise AppLoadError(
                f"{command!r} is not one of transom's commands, and the app that may"
                f" define it did not load: {load_error.message}",
                user_traceback=getattr(load_error, "user_traceback", None),
            )
    parser = _build_parser(prog, custom, load_error)
    try:
        namespace = parser.parse_args(argv)
    except SystemExit as e:  # --help and --version
        return e.code if isinstance(e.code, int) else 0
    name: str | None = namespace.command
    if name is None:
        parser.print_help()
        return 0
    return _dispatch(name, namespace, load, custom, returned)


def _dispatch(
    name: str,
    namespace: argparse.Namespace,
    load: cabc.Callable[[], FoundApp],
    custom: cabc.Mapping[str, Command],
    returned: list[object] | None,
) -> int:
    if name == "run":
        from . import run

        # Options are checked before the app is imported: a typo in them
        # should not wait for, or be hidden by, the import.
        return run.run(load, run.options_from(namespace, os.environ))
    if name == "routes":
        from .routes import SortKey
        from .routes import format_routes

        text = format_routes(
            load().app,
            sort=SortKey(namespace.sort),
            all_methods=namespace.all_methods,
        )
        print(text)
        return 0
    if name == "shell":
        from .shell import run_shell

        return run_shell(load(), namespace.c)
    if name == "docs":
        from .docs import write_docs

        write_docs(load().app, namespace.format, namespace.output)
        return 0
    if name == "check":
        from .check import run_check

        return run_check(load().app, os.getcwd())
    app = load().app
    with app.app_context():
        rv = custom[name].call(namespace, app)
    if returned is not None:
        returned.append(rv)
    return exit_status(rv)


def _prescan(argv: list[str]) -> tuple[str | None, str | None, bool]:
    """Find ``--app``, the command's name and ``--help`` before parsing, which
    needs the app's own commands."""
    option: str | None = None
    wants_help = False
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--app":
            option = argv[i + 1] if i + 1 < len(argv) else None
            i += 2
            continue
        if token.startswith("--app="):
            option = token.partition("=")[2]
        elif token in ("-h", "--help"):
            wants_help = True
        elif token == "--":
            return option, argv[i + 1] if i + 1 < len(argv) else None, wants_help
        elif not token.startswith("-"):
            return option, token, wants_help
        i += 1
    return option, None, wants_help


_RUN: t.Final = "serve the app with werkzeug's development server"
_ROUTES: t.Final = "list the routes: methods, endpoint, view and parameters"
_SHELL: t.Final = "a Python shell in an app context, with 'app' and 'g'"
_DOCS: t.Final = "write the API documentation: Markdown, HTML or OpenAPI"
_CHECK: t.Final = "check the templates: syntax, url_for, names, filters and tests"


def _build_parser(
    prog: str,
    custom: cabc.Mapping[str, Command],
    load_error: CommandError | None,
) -> _Parser:
    from importlib.metadata import version

    from .. import __version__
    from .docs import FORMATS
    from .routes import SortKey
    from .run import add_arguments

    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=prog,
        usage=f"{prog} [--app APP] COMMAND [OPTIONS]",
        description=_DESCRIPTION,
        epilog=_command_list(custom, load_error),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--app",
        metavar="APP",
        help="the app: MODULE, MODULE:NAME, MODULE:create_app(), or a path to a .py"
        " file (default: TRANSOM_APP, else app.py or wsgi.py here)",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=(
            f"transom {__version__} (werkzeug {version('werkzeug')},"
            f" Python {sys.version.split()[0]})"
        ),
    )
    # The commands are listed in the epilog, formatted by _command_list():
    # argparse's own listing misaligns long names.
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", help=argparse.SUPPRESS
    )

    def add(name: str, description: str | None) -> _Parser:
        return commands.add_parser(
            name,
            prog=f"{prog} {name}",
            description=description,
            formatter_class=formatter,
            allow_abbrev=False,
        )

    add_arguments(
        add(
            "run",
            "Serve the app with werkzeug's development server, for development only."
            "\nDebug mode adds the reloader and werkzeug's interactive debugger.",
        )
    )
    routes = add(
        "routes",
        "List every route with its methods, endpoint, view and each parameter's"
        "\ntype and source (path or query).",
    )
    routes.add_argument(
        "--sort",
        choices=[key.value for key in SortKey],
        default=SortKey.DEFINITION.value,
        help="the order of the rows (default: as defined)",
    )
    routes.add_argument(
        "--all-methods",
        action="store_true",
        help="also list HEAD and OPTIONS, which transom answers by itself",
    )
    shell = add(
        "shell",
        "Start Python's interactive console in an app context, with 'app' and 'g'"
        " ready.",
    )
    shell.add_argument(
        "-c", metavar="CODE", help="run CODE in the shell's namespace instead"
    )
    docs = add(
        "docs",
        "Write the app's API documentation, generated from its routes and types.",
    )
    docs.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        help="the format (default: markdown)",
    )
    docs.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    add(
        "check",
        "Check every template of the app without rendering it: syntax, url_for()"
        "\nendpoints and values, the templates it extends, includes and imports,"
        "\nits filters and tests. One line per problem, as path:line: message;"
        "\nthe exit status is 1 when there is any.",
    )
    for command in custom.values():
        command.configure(add(command.name, command.description or command.summary))
    return parser


def _command_list(
    custom: cabc.Mapping[str, Command], load_error: CommandError | None
) -> str:
    builtin = [
        ("run", _RUN),
        ("routes", _ROUTES),
        ("shell", _SHELL),
        ("docs", _DOCS),
        ("check", _CHECK),
    ]
    own = [(c.name, c.summary or "") for c in custom.values()]
    width = max(len(name) for name, _ in builtin + own) + 2

    def table(rows: list[tuple[str, str]]) -> str:
        return "\n".join(f"  {name.ljust(width)}{text}".rstrip() for name, text in rows)

    text = "commands:\n" + table(builtin)
    if own:
        text += "\n\nthe app's commands:\n" + table(own)
    text += "\n\n" + _EPILOG
    if load_error is not None:
        text += f"\n\nThe app's own commands are not listed: {load_error.message}"
    return text


__all__ = ["main", "report", "run_for"]
