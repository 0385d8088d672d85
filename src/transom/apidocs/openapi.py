"""The OpenAPI 3.1 document of an application.

Built from :func:`~transom.apidocs.describe_routes`: one path item per
route (``/post/{post_id}``), one operation per verb, path, query, header and
cookie parameters with their schemas, the request body a handler declares,
responses from return annotations (a declared status such as
``Created[Task]`` included) and the errors reading request data may give,
and the named types in ``components/schemas``. The same app always gives the same document, key
for key, so it can be committed and compared.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import http
import json
import re
import typing as t

from .introspect import describe_routes
from .request_body import error_description
from .request_body import error_shapes
from .request_body import request_body
from .schema import SchemaBuilder

if t.TYPE_CHECKING:
    from ..app import App
    from ..scope import ErrorHandler
    from ..scope import ErrorKey
    from .introspect import OperationInfo
    from .introspect import RouteInfo
    from .schema import JSONSchema
    from .schema import ResponseShape

OPENAPI_VERSION: t.Final = "3.1.0"
"""The version of the OpenAPI specification the documents follow."""

_HTTP_METHODS: t.Final = frozenset(
    {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
)
_operation_id_re = re.compile(r"[^A-Za-z0-9_]")


def api_info(
    app: App,
    *,
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
) -> dict[str, str]:
    """The ``info`` object: each argument, else the app's ``API_TITLE``,
    ``API_VERSION`` and ``API_DESCRIPTION`` settings, else the app's name and
    version ``'0.0.0'``."""
    config = app.config
    info = {
        "title": title or config.get("API_TITLE") or app.name,
        "version": version or config.get("API_VERSION") or "0.0.0",
    }
    text = description or config.get("API_DESCRIPTION")
    if text:
        info["description"] = str(text)
    return {key: str(value) for key, value in info.items()}


def openapi_document(
    app: App,
    *,
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
    routes: t.Sequence[RouteInfo] | None = None,
) -> dict[str, t.Any]:
    """Build the OpenAPI document of ``app``.

    :param routes: the routes to document; by default every route but
        transom's own (see :func:`describe_routes`).
    """
    if routes is None:
        routes = describe_routes(app)
    builder = SchemaBuilder()
    claim_names(builder, routes)
    paths: dict[str, dict[str, t.Any]] = {}
    used_ids: set[str] = set()
    for route in routes:
        item = paths.setdefault(route.path, {})
        if route.summary and "summary" not in item:
            item["summary"] = route.summary
        if route.description and "description" not in item:
            item["description"] = route.description
        for op in route.operations:
            key = op.method.lower()
            if key not in _HTTP_METHODS or key in item:
                continue  # OpenAPI 3.1 has no field for it, or a rule like it took it
            item[key] = _operation(builder, route, op, used_ids)
    document: dict[str, t.Any] = {
        "openapi": OPENAPI_VERSION,
        "info": api_info(app, title=title, version=version, description=description),
        "paths": paths,
    }
    components = builder.components
    if components:
        document["components"] = {"schemas": components}
    return document


def claim_names(builder: SchemaBuilder, routes: t.Iterable[RouteInfo]) -> None:
    """Build the response schemas first, so that a type's schema as a
    response has its plain name (``Task``) whatever the order of the
    routes, and its schema as a request, where it differs, ``TaskInput``."""
    for route in routes:
        for op in route.operations:
            builder.responses(op.return_annotation)


def _operation(
    builder: SchemaBuilder, route: RouteInfo, op: OperationInfo, used_ids: set[str]
) -> dict[str, t.Any]:
    operation: dict[str, t.Any] = {}
    if op.summary:
        operation["summary"] = op.summary
    if op.description:
        operation["description"] = op.description
    operation["operationId"] = _operation_id(route, op, used_ids)
    parameters: list[dict[str, t.Any]] = []
    for param in op.params:
        if param.location == "host":
            continue  # a subdomain's variable is no parameter of the path
        entry: dict[str, t.Any] = {
            "name": param.name,
            "in": param.location,
            "required": param.required,
        }
        if param.description:
            entry["description"] = param.description
        entry["schema"] = builder.param_schema(param)
        parameters.append(entry)
    if parameters:
        operation["parameters"] = parameters
    body = request_body(builder, op)
    if body is not None:
        operation["requestBody"] = body
    operation["responses"] = operation_responses(builder, op, route.error_handlers)
    return operation


def operation_responses(
    builder: SchemaBuilder,
    op: OperationInfo,
    handlers: cabc.Sequence[cabc.Mapping[ErrorKey, ErrorHandler]] = (),
) -> dict[str, dict[str, t.Any]]:
    """The response objects of an operation: those its return annotation
    declares, then the errors that reading its request data may give
    (unless the annotation declares their status); a ``HEAD`` response has
    no body.

    :param handlers: the error handlers of the route, innermost first.
    """
    shapes = builder.responses(op.return_annotation)
    declared = {s.status for s in shapes}
    errors = [
        s for s in error_shapes(builder, op, handlers) if s.status not in declared
    ]
    shapes += errors
    if op.method == "HEAD":
        shapes = [dataclasses.replace(s, media_type=None, schema=None) for s in shapes]
    result = responses(shapes, op.doc.returns)
    for shape in errors:
        result[shape.status]["description"] = error_description(shape.status, op)
    return result


def _operation_id(route: RouteInfo, op: OperationInfo, used: set[str]) -> str:
    base = _operation_id_re.sub("_", f"{route.endpoint}_{op.method.lower()}")
    candidate = base
    number = 2
    while candidate in used:
        candidate = f"{base}_{number}"
        number += 1
    used.add(candidate)
    return candidate


def responses(
    shapes: t.Sequence[ResponseShape], returns: str | None = None
) -> dict[str, dict[str, t.Any]]:
    """Group response shapes into OpenAPI response objects by status; two
    bodies of one media type become ``oneOf``.

    :param returns: the docstring's ``:returns:`` text, which describes the
        successful responses.
    """
    grouped: dict[str, dict[str, list[JSONSchema | None]]] = {}
    for shape in shapes:
        media = grouped.setdefault(shape.status, {})
        if shape.media_type is not None:
            media.setdefault(shape.media_type, []).append(shape.schema)
    result: dict[str, dict[str, t.Any]] = {}
    for status in sorted(grouped, key=lambda s: (s == "default", s)):
        response: dict[str, t.Any] = {"description": _describe(status, returns)}
        content: dict[str, t.Any] = {}
        for media_type, schemas in grouped[status].items():
            present = [s for s in schemas if s is not None]
            if not present:
                content[media_type] = {}
            elif len(present) == 1:
                content[media_type] = {"schema": present[0]}
            else:
                content[media_type] = {"schema": {"oneOf": present}}
        if content:
            response["content"] = content
        result[status] = response
    return result


def _describe(status: str, returns: str | None) -> str:
    if status == "default":
        return returns or "The response; its status is chosen at run time."
    if returns and status.startswith("2"):
        return returns
    try:
        return http.HTTPStatus(int(status)).phrase
    except ValueError:
        return f"Status {status}"


def dumps(document: dict[str, t.Any]) -> str:
    """The document as indented JSON, ending with a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


__all__ = [
    "OPENAPI_VERSION",
    "api_info",
    "claim_names",
    "dumps",
    "openapi_document",
    "operation_responses",
    "responses",
]
