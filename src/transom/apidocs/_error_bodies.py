"""The body of transom's ``422`` response, as types the documents show.

They describe what :class:`transom.exceptions.RequestValidationError` sends, and
are named as users know the error, so the OpenAPI components read
``RequestValidationError`` and ``ErrorDetail``.
"""

from __future__ import annotations

import typing as t


class ErrorDetail(t.TypedDict):
    """One problem found in the request's data."""

    source: str
    """Where the data came from: ``body``, ``form`` or ``file``."""
    pointer: str
    """Where in it, as a JSON pointer (RFC 6901) such as ``/items/2/price``;
    empty for the whole document."""
    message: str
    """What is wrong."""
    expected: str
    """What a valid value is, in short."""


class RequestValidationError(t.TypedDict):
    """Every problem found in the request's body, form or files."""

    errors: list[ErrorDetail]
    """The problems, in the order they were found."""
