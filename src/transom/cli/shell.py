"""``transom shell``: Python's interactive console inside an app context."""

from __future__ import annotations

import code
import os
import sys
import traceback
import typing as t

if t.TYPE_CHECKING:
    from .discovery import FoundApp


def namespace_for(found: FoundApp) -> dict[str, t.Any]:
    """The names the shell starts with: ``app`` and ``g``."""
    from ..globals import g

    return {"__name__": "__console__", "__doc__": None, "app": found.app, "g": g}


def run_shell(found: FoundApp, command: str | None = None) -> int:
    """Run ``command``, or an interactive console, in an app context.

    :returns: the exit status: ``1`` when ``command`` raises.
    """
    namespace = namespace_for(found)
    with found.app.app_context():
        if command is not None:
            return _run_command(command, namespace)
        _interactive_setup(namespace)
        banner = (
            f"Python {sys.version.split()[0]} on {sys.platform}\n"
            f"transom app '{found}', in an app context: 'app' and 'g' are ready."
        )
        code.interact(banner=banner, local=namespace, exitmsg="")
    return 0


def _run_command(command: str, namespace: dict[str, t.Any]) -> int:
    try:
        compiled = compile(command, "<shell -c>", "exec")
        exec(compiled, namespace)
    except Exception as e:
        from .discovery import user_traceback

        sys.stderr.write(user_traceback(e))
        return 1
    return 0


def _interactive_setup(namespace: dict[str, t.Any]) -> None:
    """What Python's own interactive mode does: run ``PYTHONSTARTUP``, and
    complete names with Tab (in the shell's namespace, not ``__main__``'s)."""
    startup = os.environ.get("PYTHONSTARTUP")
    if startup and os.path.isfile(startup):
        try:
            with open(startup, encoding="utf-8") as f:
                exec(compile(f.read(), startup, "exec"), namespace)
        except Exception:
            traceback.print_exc()
    if not sys.stdin.isatty():
        return
    hook: t.Callable[[], None] | None = getattr(sys, "__interactivehook__", None)
    if hook is not None:
        hook()  # readline, its key bindings and the history file, as in python
    try:
        import readline
        import rlcompleter
    except ImportError:
        return
    readline.set_completer(rlcompleter.Completer(namespace).complete)


__all__ = ["namespace_for", "run_shell"]
