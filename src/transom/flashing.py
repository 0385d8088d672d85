"""Message flashing: a message stored in the session for the next page.

``flash("Saved")`` before a redirect; the page after it calls
``get_flashed_messages()`` (templates can too), which returns and removes
the messages, so each is shown exactly once::

    @app.route("/save", methods=["POST"])
    def save() -> Response:
        flash("Saved", "info")
        return redirect(url_for("index"))

Flashing needs a session, hence a secret key. A :class:`~markupsafe.Markup`
message stays ``Markup`` (it is not escaped on the next page); any other
message is plain text.
"""

from __future__ import annotations

import collections.abc as cabc
import typing as t

from markupsafe import Markup

from ._ctxvars import NO_REQUEST
from ._ctxvars import current_request_ctx

if t.TYPE_CHECKING:
    from .ctx import RequestContext

_KEY: t.Final = "_flashes"


def _request_ctx() -> RequestContext:
    ctx = current_request_ctx()
    if ctx is None:
        raise RuntimeError(NO_REQUEST)
    return ctx


def flash(message: str, category: str = "message") -> None:
    """Store ``message`` for the next page that calls
    :func:`get_flashed_messages`. ``category`` is free text; ``"error"``,
    ``"info"`` and ``"warning"`` are common.

    :raises RuntimeError: the app has no secret key, so no session.
    """
    session = _request_ctx().session
    flashes = list(session.get(_KEY, ()))
    # The session holds JSON, so a third item records which messages were
    # Markup and must not be escaped when they come back.
    entry: list[str | int] = [str(category), str(message)]
    if isinstance(message, Markup):
        entry.append(1)
    flashes.append(entry)
    session[_KEY] = flashes


def _load(ctx: RequestContext) -> list[tuple[str, str]]:
    session = ctx.session
    if _KEY not in session:
        return []
    stored: t.Any = session.pop(_KEY)
    flashes: list[tuple[str, str]] = []
    for entry in stored:
        category, message = str(entry[0]), str(entry[1])
        flashes.append((category, Markup(message) if len(entry) > 2 else message))
    return flashes


@t.overload
def get_flashed_messages(
    with_categories: t.Literal[False] = False,
    category_filter: cabc.Iterable[str] = (),
) -> list[str]: ...
@t.overload
def get_flashed_messages(
    with_categories: t.Literal[True], category_filter: cabc.Iterable[str] = ()
) -> list[tuple[str, str]]: ...
@t.overload
def get_flashed_messages(
    with_categories: bool, category_filter: cabc.Iterable[str] = ()
) -> list[str] | list[tuple[str, str]]: ...
def get_flashed_messages(
    with_categories: bool = False, category_filter: cabc.Iterable[str] = ()
) -> list[str] | list[tuple[str, str]]:
    """Return the flashed messages, oldest first, and remove them from the
    session. Repeated calls in one request return the same messages.

    :param with_categories: return ``(category, message)`` pairs.
    :param category_filter: only return messages of these categories (a
        single category may be given as a string).
    """
    ctx = _request_ctx()
    flashes = ctx.flashes
    if flashes is None:
        flashes = ctx.flashes = _load(ctx)
    wanted = (
        {category_filter} if isinstance(category_filter, str) else set(category_filter)
    )
    if wanted:
        flashes = [f for f in flashes if f[0] in wanted]
    if with_categories:
        return flashes
    return [message for _, message in flashes]
