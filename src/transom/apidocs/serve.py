"""Serving the documentation from the application itself, when asked to.

Nothing is served unless :func:`serve_docs` is called::

    from transom.apidocs import serve_docs

    serve_docs(app)                                   # /docs and /openapi.json
    serve_docs(app, url="/api/docs", openapi_url=None)  # the page only

Both documents are built on the first request for them and kept: routes
cannot change once the app serves requests. Their own routes are left out
of the documentation.
"""

from __future__ import annotations

import typing as t

from ..wrappers import Response
from .html import CONTENT_SECURITY_POLICY
from .html import render_html
from .openapi import dumps
from .openapi import openapi_document

if t.TYPE_CHECKING:
    from ..app import App


def serve_docs(
    app: App,
    *,
    url: str | None = "/docs",
    openapi_url: str | None = "/openapi.json",
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
) -> None:
    """Serve the HTML page at ``url`` and the OpenAPI document at
    ``openapi_url``; ``None`` leaves either out.

    The remaining arguments override the app's ``API_TITLE``,
    ``API_VERSION`` and ``API_DESCRIPTION`` settings.
    """
    cache: dict[str, str] = {}

    if url is not None:

        def docs_page() -> Response:
            if "html" not in cache:
                cache["html"] = render_html(
                    app, title=title, version=version, description=description
                )
            response = app.response_class(cache["html"], mimetype="text/html")
            response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            return response

        app.add_route(url, docs_page, endpoint="transom_docs")

    if openapi_url is not None:

        def openapi_json() -> Response:
            if "openapi" not in cache:
                document = openapi_document(
                    app, title=title, version=version, description=description
                )
                cache["openapi"] = dumps(document)
            return app.response_class(cache["openapi"], mimetype="application/json")

        app.add_route(openapi_url, openapi_json, endpoint="transom_openapi")


__all__ = ["serve_docs"]
