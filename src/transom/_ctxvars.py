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
request_ctx_var: ContextVar[RequestContext] = ContextVar("transom.request_ctx")
