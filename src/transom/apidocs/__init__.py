"""Route documentation generated from annotations and docstrings.

The signatures the router parsed at registration describe every route: its
path, query, header and cookie parameters with their types, defaults and
constraints, the body it reads, the responses its return annotation allows
(and the errors of its request data), and its docstring. This package
turns them into three documents and an introspection API::

    from transom import App, View
    from transom.apidocs import describe_routes, render_docs

    app = App(__name__)

    @app.route("/post/<post_id>")
    class Post(View):
        \"\"\"A blog post.\"\"\"

        def get(self, post_id: int, full: bool = False) -> str:
            \"\"\"Show the post.

            :param full: include the comments.
            \"\"\"
            return f"Post {post_id}"

    (route,) = describe_routes(app)
    route.path                                  # '/post/{post_id}'
    [p.name for p in route.operations[0].params]  # ['post_id', 'full']
    app.openapi()["paths"]["/post/{post_id}"]["get"]["summary"]   # 'Show the post.'
    render_docs(app, "markdown")                # also "html" and "openapi"

The document's title, version and description come from the arguments, or
the ``API_TITLE``, ``API_VERSION`` and ``API_DESCRIPTION`` settings, or the
app's name. :func:`serve_docs` serves the page and the OpenAPI document from
the app itself; nothing is served unless it is called.

Modules: :mod:`~transom.apidocs.introspect` (the frozen route data),
:mod:`~transom.apidocs.schema` (annotations as JSON Schema),
:mod:`~transom.apidocs.request_body` (request bodies and their errors),
:mod:`~transom.apidocs.openapi`, :mod:`~transom.apidocs.markdown`,
:mod:`~transom.apidocs.html` (the three documents),
:mod:`~transom.apidocs.examples` (example values) and
:mod:`~transom.apidocs.serve`.
"""

from __future__ import annotations

import typing as t

from .html import render_html as render_html
from .introspect import BodyParamInfo as BodyParamInfo
from .introspect import Docstring as Docstring
from .introspect import OperationInfo as OperationInfo
from .introspect import ParamInfo as ParamInfo
from .introspect import RouteInfo as RouteInfo
from .introspect import describe_routes as describe_routes
from .introspect import type_text as type_text
from .markdown import render_markdown as render_markdown
from .openapi import dumps as _dumps
from .openapi import openapi_document as openapi_document
from .schema import JSONSchema as JSONSchema
from .schema import ResponseShape as ResponseShape
from .schema import SchemaBuilder as SchemaBuilder
from .serve import serve_docs as serve_docs

if t.TYPE_CHECKING:
    from ..app import App

DocsFormat: t.TypeAlias = t.Literal["openapi", "markdown", "html"]
"""The formats :func:`render_docs` writes."""

FORMATS: t.Final[tuple[DocsFormat, ...]] = ("openapi", "markdown", "html")
"""Every format, in the order ``transom docs --help`` lists them."""


def render_docs(app: App, format: DocsFormat) -> str:
    """The documentation of ``app``'s routes as text: the OpenAPI document
    as JSON, Markdown, or a self-contained HTML page.

    :raises ValueError: an unknown format.
    """
    if format == "openapi":
        return _dumps(openapi_document(app))
    if format == "markdown":
        return render_markdown(app)
    if format == "html":
        return render_html(app)
    raise ValueError(
        f"unknown documentation format {format!r}; use one of"
        f" {', '.join(repr(f) for f in FORMATS)}"
    )
