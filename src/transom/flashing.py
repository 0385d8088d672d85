"""Message flashing: a message stored in the session for the next request.

``flash("Saved")`` before a redirect; the page after it calls
``get_flashed_messages()`` (templates can too), which returns and removes
the messages, so each is shown exactly once.
"""

from __future__ import annotations

import collections.abc as cabc
import typing as t

from ._ctxvars import NO_REQUEST
from ._ctxvars import request_ctx_var

_KEY: t.Final = "_flashes"


def flash(message: str, category: str = "message") -> None:
    """Store ``message`` for the next page that calls
    :func:`get_flashed_messages`. ``category`` is free text; ``"error"``,
    ``"info"`` and ``"warning"`` are common."""
    ctx = request_ctx_var.get(None)
    if ctx is None:
        raise RuntimeError(NO_REQUEST)
    session = ctx.session
    flashes = list(session.get(_KEY, []))
    flashes.append([category, message])
    session[_KEY] = flashes


@t.overload
def get_flashed_messages(
    with_categories: t.Literal[False] = False,
    category_filter: cabc.Iterable[str] = (),
) -> list[str]: ...
@t.overload
def get_flashed_messages(
    with_categories: t.Literal[True], category_filter: cabc.Iterable[str] = ()
) -> list[tuple[str, str]]: ...
def get_flashed_messages(
    with_categories: bool = False, category_filter: cabc.Iterable[str] = ()
) -> list[str] | list[tuple[str, str]]:
    """Return the flashed messages and remove them from the session.

    Within one request, repeated calls return the same messages.

    :param with_categories: return ``(category, message)`` pairs.
    :param category_filter: only return messages of these categories.
    """
    ctx = request_ctx_var.get(None)
    if ctx is None:
        raise RuntimeError(NO_REQUEST)
    flashes = ctx.flashes
    if flashes is None:
        session = ctx.session
        stored: list[list[str]] = session.pop(_KEY) if _KEY in session else []
        flashes = [(str(c), str(m)) for c, m in stored]
        ctx.flashes = flashes
    wanted = set(category_filter)
    if wanted:
        flashes = [f for f in flashes if f[0] in wanted]
    if with_categories:
        return flashes
    return [message for _, message in flashes]
