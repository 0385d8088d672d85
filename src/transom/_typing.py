"""Private type variables. Nothing here is public API."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

CallableT = t.TypeVar("CallableT", bound=cabc.Callable[..., t.Any])
"""Any callable handed to a decorator that returns it unchanged."""
