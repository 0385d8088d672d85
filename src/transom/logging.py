"""The app's logger: a standard :class:`logging.Logger` named after the app.

``app.logger.info("...")`` works with no setup: when logging is not
configured at all, transom adds :data:`default_handler`, which writes, as
Flask's does, to the WSGI server's error stream (``wsgi.errors``) during a
request, and to ``sys.stderr`` outside one. Servers send that stream to
their own error log (gunicorn's ``--error-logfile``, Apache's for
mod_wsgi). Configure logging yourself (``logging.basicConfig()``,
``dictConfig``, a handler on the app's logger) before the first use of
``app.logger`` and transom adds nothing.
"""

from __future__ import annotations

import logging
import sys
import typing as t

import typing_extensions as te

from ._ctxvars import current_request_ctx

if t.TYPE_CHECKING:
    from .app import App


class _ErrorStreamHandler(logging.StreamHandler[t.TextIO]):
    """Writes to the current request's ``wsgi.errors``, or outside a request
    to whatever ``sys.stderr`` is when a record is emitted, so that output
    follows a stream replaced after import (by a test runner, a
    daemoniser, ...)."""

    @te.override
    def emit(self, record: logging.LogRecord) -> None:
        # handle() holds the handler's lock around emit().
        ctx = current_request_ctx()
        stream: t.TextIO | None = None
        if ctx is not None:
            stream = ctx.environ.get("wsgi.errors")
        self.stream = sys.stderr if stream is None else stream
        super().emit(record)


default_handler: t.Final[logging.Handler] = _ErrorStreamHandler()
"""The handler added when logging is not configured at all."""
default_handler.setFormatter(
    logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
)


def create_logger(app: App) -> logging.Logger:
    """Return the logger named after the app.

    :data:`default_handler` is added only when neither this logger nor any
    ancestor has a handler, so an application's own logging setup wins. In
    debug mode a logger with no level of its own logs ``DEBUG`` records.
    """
    logger = logging.getLogger(app.name)
    if app.debug and not logger.level:
        logger.setLevel(logging.DEBUG)
    if not logger.hasHandlers():
        logger.addHandler(default_handler)
    return logger
