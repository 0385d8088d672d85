"""transom's request and response objects, werkzeug's with a few defaults."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import typing_extensions as te
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse

from .json import default_provider

if t.TYPE_CHECKING:
    from .routing import Route


class Request(_WerkzeugRequest):
    """The request object, available as :data:`transom.request`.

    Everything werkzeug's ``Request`` offers: ``args``, ``form``, ``files``,
    ``cookies``, ``headers``, ``get_json()``, ... A missing key in ``args``,
    ``form`` or ``files`` is a 400, not a ``KeyError``.
    """

    json_module = default_provider  # type: ignore[assignment]

    route: Route | None = None
    """The route that matched, once routing has run."""
    view_args: cabc.Mapping[str, t.Any] | None = None
    """The converted path values, once routing has run."""

    @property
    def endpoint(self) -> str | None:
        """The endpoint name of the matched route."""
        return self.route.endpoint if self.route is not None else None

    @te.override
    def on_json_loading_failed(self, e: ValueError | None) -> t.Any:
        if e is None:
            return super().on_json_loading_failed(e)
        raise BadRequest(f"Failed to decode JSON object: {e}")


class Response(_WerkzeugResponse):
    """The response object. Its default mimetype is ``text/html``."""

    default_mimetype: str | None = "text/html"
    json_module = default_provider  # type: ignore[assignment]
