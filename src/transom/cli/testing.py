"""Run ``transom`` commands in tests, in-process and against a given app.

::

    @app.command()
    def init_db() -> None:
        \"""Clear the data and create new tables.\"""
        ...
        print("Initialized the database.")

    def test_init_db() -> None:
        result = app.test_cli_runner().invoke(["init-db"])
        assert result.exit_code == 0
        assert "Initialized" in result.output

The runner parses the arguments as ``transom`` does and runs the command
on the app it was made for, never looking for one: the app's own commands
(``@app.command()``, those extensions add to ``app.commands``) and
transom's (``routes``, ``docs``...). Standard input, output and error are
swapped for buffers while the command runs, and the environment for
``env`` when it is given.

What ends the command becomes the :class:`Result`, as click's test runner
does: its exit status, and in :attr:`Result.exception` a
:class:`~transom.cli.CommandError` (its message on stderr), a non-zero
``SystemExit``, or any other exception, which gives the exit status ``1``
(``catch_exceptions=False`` lets that one propagate instead).
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import dataclasses
import io
import os
import shlex
import sys
import types
import typing as t

import typing_extensions as te

from ._errors import CommandError
from .discovery import AppSpec
from .discovery import FoundApp

if t.TYPE_CHECKING:
    from ..app import App

_ExcInfo: t.TypeAlias = tuple[type[BaseException], BaseException, types.TracebackType]


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    """How a command ended, and what it wrote."""

    stdout: str
    """What it wrote to standard output."""
    stderr: str
    """What it wrote to standard error."""
    output: str
    """Both, interleaved as a terminal would show them."""
    exit_code: int
    """The exit status: ``0`` for success."""
    exception: BaseException | None
    """Why it failed: a :class:`~transom.cli.CommandError`, a non-zero
    ``SystemExit``, or an unexpected exception; ``None`` on success."""
    exc_info: _ExcInfo | None
    """The type, value and traceback of :attr:`exception`."""
    return_value: object
    """What an app command's function returned (``None`` for transom's own
    commands, and when the command did not return)."""

    @te.override
    def __repr__(self) -> str:
        status = repr(self.exception) if self.exception is not None else "okay"
        return f"<Result exit_code={self.exit_code} {status}>"


class CliRunner:
    """``app.test_cli_runner()``: runs ``transom`` commands for ``app``.

    :param app: the app whose commands run.
    """

    __test__ = False

    def __init__(self, app: App) -> None:
        self.app = app
        """The app the commands run for."""

    def invoke(
        self,
        args: cabc.Sequence[str] | str | None = None,
        input: str | bytes | t.IO[t.Any] | None = None,
        *,
        env: cabc.Mapping[str, str | None] | None = None,
        catch_exceptions: bool = True,
    ) -> Result:
        """Run ``transom ARGS`` for the app, in this process.

        :param args: the arguments after ``transom``, as a list, or a
            string split as a shell would; none prints the help.
        :param input: what the command reads on standard input.
        :param env: environment variables to set (``None`` removes one)
            while it runs.
        :param catch_exceptions: keep an unexpected exception in the
            result (exit status ``1``); ``False`` lets it propagate.
        """
        from .main import report
        from .main import run_for

        argv = shlex.split(args) if isinstance(args, str) else list(args or ())
        found = FoundApp(
            self.app,
            self.app.import_name,
            "app",
            AppSpec(self.app.import_name, self.app.import_name, None, "a test runner"),
        )
        returned: list[object] = []
        exception: BaseException | None = None
        exc_info: _ExcInfo | None = None
        with _isolated(input, env) as (stdout, stderr, output):
            try:
                exit_code = run_for(found, argv, returned)
            except CommandError as e:
                report(e)
                exit_code, exception = e.exit_code, e
                exc_info = (type(e), e, t.cast(types.TracebackType, e.__traceback__))
            except KeyboardInterrupt as e:  # as main() answers it
                exit_code, exception = 130, e
                exc_info = (type(e), e, t.cast(types.TracebackType, e.__traceback__))
            except SystemExit as e:
                code = e.code
                if code is None or isinstance(code, int):
                    exit_code = code or 0
                else:  # as Python does with sys.exit("message")
                    print(code, file=sys.stderr)
                    exit_code = 1
                if exit_code:
                    exception = e
                    exc_info = (
                        type(e),
                        e,
                        t.cast(types.TracebackType, e.__traceback__),
                    )
            except Exception as e:
                if not catch_exceptions:
                    raise
                exit_code, exception = 1, e
                exc_info = (type(e), e, t.cast(types.TracebackType, e.__traceback__))
        return Result(
            stdout=_text(stdout),
            stderr=_text(stderr),
            output=_text(output),
            exit_code=exit_code,
            exception=exception,
            exc_info=exc_info,
            return_value=returned[0] if returned else None,
        )


class _Tee(io.BytesIO):
    """A buffer that also writes to the combined output."""

    def __init__(self, output: io.BytesIO) -> None:
        super().__init__()
        self._output = output

    @te.override
    def write(self, data: t.Any, /) -> int:
        self._output.write(data)
        return super().write(data)


@contextlib.contextmanager
def _isolated(
    input: str | bytes | t.IO[t.Any] | None,
    env: cabc.Mapping[str, str | None] | None,
) -> cabc.Generator[tuple[io.BytesIO, io.BytesIO, io.BytesIO], None, None]:
    """Swap the standard streams for buffers, and set ``env``, until the
    block ends; give the stdout, stderr and combined buffers."""
    if input is None:
        data = b""
    elif isinstance(input, str):
        data = input.encode()
    elif isinstance(input, bytes):
        data = input
    else:
        read: str | bytes = input.read()
        data = read.encode() if isinstance(read, str) else read
    output = io.BytesIO()
    stdout, stderr = _Tee(output), _Tee(output)
    streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_env: dict[str, str | None] = {}
    # write_through: each write reaches the buffers at once, so that the
    # combined output keeps the order of the writes.
    wrappers = (
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        io.TextIOWrapper(stdout, encoding="utf-8", write_through=True),
        io.TextIOWrapper(stderr, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = wrappers
    try:
        for name, value in (env or {}).items():
            saved_env[name] = os.environ.get(name)
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield stdout, stderr, output
    finally:
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        sys.stdin, sys.stdout, sys.stderr = streams
        for wrapper in wrappers:
            # Detached, a wrapper no longer closes its buffer when it is
            # freed: the buffers are read after the block.
            wrapper.flush()
            wrapper.detach()


def _text(buffer: io.BytesIO) -> str:
    return buffer.getvalue().decode("utf-8", "replace").replace("\r\n", "\n")


__all__ = ["CliRunner", "Result"]
