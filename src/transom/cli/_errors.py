"""The errors the command line reports on one line, without a traceback."""

from __future__ import annotations

import typing_extensions as te


class CommandError(Exception):
    """A command failed in a way the user can fix: ``transom`` prints the
    message on one line of stderr and exits with :attr:`exit_code`.

    Custom commands raise it for their own expected failures::

        @app.command()
        def load(path: Path) -> None:
            if not path.exists():
                raise CommandError(f"{path} does not exist")

    :param message: what happened and how to fix it, in one line.
    :param exit_code: the process's exit status.
    """

    exit_code: int = 1
    """The exit status when this error ends the program."""

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        """What happened and how to fix it."""
        if exit_code is not None:
            self.exit_code = exit_code

    @te.override
    def __str__(self) -> str:
        return self.message


class UsageError(CommandError):
    """A bad option or argument value (exit status 2, as argparse uses)."""

    exit_code: int = 2


class AppLoadError(CommandError):
    """The app could not be found or imported.

    :param message: what was tried and why it failed.
    :param user_traceback: the formatted traceback of an error raised by the
        user's own code while importing it, shown above the message.
    """

    def __init__(self, message: str, *, user_traceback: str | None = None) -> None:
        super().__init__(message)
        self.user_traceback = user_traceback
        """The user's code's traceback, or ``None`` when the failure is not
        in the user's code (a module that does not exist, no app in it)."""


__all__ = ["AppLoadError", "CommandError", "UsageError"]
