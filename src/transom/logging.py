"""The app's logger: a standard :class:`logging.Logger` named after the app."""

from __future__ import annotations

import logging
import sys
import typing as t

if t.TYPE_CHECKING:
    from .app import App

default_handler: t.Final = logging.StreamHandler(sys.stderr)
"""The handler added when logging is not configured at all."""
default_handler.setFormatter(
    logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
)


def create_logger(app: App) -> logging.Logger:
    """Return the logger named after the app.

    :data:`default_handler` is added only when neither this logger nor any
    ancestor has a handler, so an application's own logging setup wins. In
    debug mode an unset level becomes ``DEBUG``.
    """
    logger = logging.getLogger(app.name)
    if app.debug and not logger.level:
        logger.setLevel(logging.DEBUG)
    if not logger.hasHandlers():
        logger.addHandler(default_handler)
    return logger
