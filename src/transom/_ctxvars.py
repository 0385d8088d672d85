"""The context variables behind the proxies, shared inside transom."""

from __future__ import annotations

import typing as t
from contextvars import ContextVar

if t.TYPE_CHECKING:
    from .ctx import AppContext
    from .ctx import RequestContext

NO_APP: t.Final = (
    "Working outside of the application context. This needs an active app:"
    " use it inside a request, or push one with 'with app.app_context():'."
)
NO_REQUEST: t.Final = (
    "Working outside of the request context. This needs an active request:"
    " use it inside a view (in a streamed body, wrap the generator in"
    " stream_with_context()), or push one with"
    " 'with app.test_request_context():' in tests."
)

app_ctx_var: ContextVar[AppContext] = ContextVar("transom.app_ctx")
"""The current app context. The current request context, if any, is its
``request_ctx``: one variable to set per request rather than two (setting
and resetting one cost a twelfth of a plain request)."""


def current_request_ctx() -> RequestContext | None:
    """The current request context, or ``None`` outside a request."""
    app_ctx = app_ctx_var.get(None)
    return None if app_ctx is None else app_ctx.request_ctx
