"""The plugin's error codes: silence one with ``# type: ignore[transom-route]``
or ``disable_error_code = transom-route``."""

from __future__ import annotations

import typing as t

from mypy.errorcodes import ErrorCode

ROUTE: t.Final = ErrorCode(
    "transom-route",
    "A route that transom would refuse at registration",
    "transom",
)
URL_FOR: t.Final = ErrorCode(
    "transom-url-for",
    "A url_for() endpoint that transom cannot build a URL for",
    "transom",
)
