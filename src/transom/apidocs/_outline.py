"""What the Markdown and HTML documents show, worked out once for both.

Types appear as a client of the API sees them (``integer``, ``array of
Post``), read from the same schemas the OpenAPI document holds, so the three
formats never disagree.
"""

from __future__ import annotations

import dataclasses
import json
import re
import typing as t
from urllib.parse import urlencode

from .examples import example
from .examples import example_url
from .examples import url_text
from .introspect import JSON_MEDIA_TYPE
from .introspect import MULTIPART
from .introspect import describe_routes
from .openapi import api_info
from .openapi import claim_names
from .openapi import operation_responses
from .request_body import body_schema
from .request_body import fields_schema
from .schema import SchemaBuilder

if t.TYPE_CHECKING:
    from ..app import App
    from .introspect import OperationInfo
    from .introspect import ParamInfo
    from .introspect import RouteInfo
    from .schema import JSONSchema

_slug_re = re.compile(r"[^a-z0-9]+")


@dataclasses.dataclass(frozen=True, slots=True)
class ParamRow:
    name: str
    location: str
    type: str
    required: bool
    default: str | None
    notes: str
    description: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class ResponseRow:
    status: str
    description: str
    media_type: str | None
    type: str | None
    example: str | None
    request_error: bool = False
    """An error of the request's data (400, 415, 422), not one the handler
    declares: never the example response."""


@dataclasses.dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    type: str
    required: bool
    notes: str
    description: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class BodyOutline:
    media_types: tuple[str, ...]
    type: str | None
    """The whole body's or form's type as a phrase (``'Order'``), or
    ``None`` when the handler reads only fields and files one by one."""
    required: bool
    description: str | None
    """The whole body's or form's description."""
    fields: tuple[FieldRow, ...]
    """The form fields and files the handler reads one by one."""


@dataclasses.dataclass(frozen=True, slots=True)
class OperationOutline:
    """One operation as the documents show it."""

    method: str
    path: str
    anchor: str
    qualname: str
    summary: str | None
    description: str | None
    params: tuple[ParamRow, ...]
    body: BodyOutline | None
    responses: tuple[ResponseRow, ...]
    example_request: str
    """The request line without the protocol: ``'POST /tasks'``."""
    example_headers: tuple[str, ...] = ()
    """The example request's header lines (``'Content-Type: ...'``)."""
    example_body: str | None = None
    """The example request's body, as sent."""

    @property
    def example_response(self) -> ResponseRow | None:
        """The first response with an example, errors of the request's
        data aside."""
        return next(
            (
                r
                for r in self.responses
                if r.example is not None and not r.request_error
            ),
            None,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class RouteOutline:
    rule: str
    path: str
    endpoint: str
    summary: str | None
    description: str | None
    operations: tuple[OperationOutline, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class SchemaOutline:
    name: str
    anchor: str
    description: str | None
    type: str
    fields: tuple[FieldRow, ...]
    values: tuple[str, ...]
    example: str | None
    closed: bool = False
    """An object that refuses fields it does not list (a request body's)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Outline:
    title: str
    version: str
    description: str | None
    routes: tuple[RouteOutline, ...]
    schemas: tuple[SchemaOutline, ...]

    @property
    def operation_count(self) -> int:
        return sum(len(r.operations) for r in self.routes)


def build_outline(
    app: App,
    *,
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
) -> Outline:
    """Work out every route, operation and schema the documents show."""
    info = api_info(app, title=title, version=version, description=description)
    builder = SchemaBuilder()
    anchors: set[str] = set()
    routes: list[RouteOutline] = []
    described = describe_routes(app)
    claim_names(builder, described)
    for route in described:
        operations = tuple(
            _operation(builder, route, op, anchors) for op in route.operations
        )
        routes.append(
            RouteOutline(
                route.rule,
                route.path,
                route.endpoint,
                route.summary,
                route.description,
                operations,
            )
        )
    schemas = tuple(
        _schema(builder, name, schema, anchors)
        for name, schema in builder.components.items()
    )
    return Outline(
        info["title"],
        info["version"],
        info.get("description"),
        tuple(routes),
        schemas,
    )


def _anchor(text: str, taken: set[str]) -> str:
    base = _slug_re.sub("-", text.lower()).strip("-") or "section"
    anchor = base
    number = 2
    while anchor in taken:
        anchor = f"{base}-{number}"
        number += 1
    taken.add(anchor)
    return anchor


def _operation(
    builder: SchemaBuilder, route: RouteInfo, op: OperationInfo, anchors: set[str]
) -> OperationOutline:
    path = route.path
    rows: list[ParamRow] = []
    path_values: dict[str, object] = {}
    query: list[tuple[str, object]] = []
    headers: list[str] = []
    cookies: list[str] = []
    for param in op.params:
        schema = builder.param_schema(param)
        rows.append(_param_row(param, schema, builder))
        value = example(schema, builder.resolve, name=param.name)
        if param.location == "path":
            path_values[param.name] = value
        elif param.location == "query" and param.required:
            query.append((param.name, value))
        elif param.location == "header":
            headers.append(f"{param.name}: {_header_text(value)}")
        elif param.location == "cookie":
            cookies.append(f"{param.name}={_header_text(value)}")
    request, body_text, content_type = _body(builder, op)
    if content_type is not None:
        headers.insert(0, f"Content-Type: {content_type}")
    if cookies:
        headers.append("Cookie: " + "; ".join(cookies))
    documented = operation_responses(builder, op, route.error_handlers)
    declared = {s.status for s in builder.responses(op.return_annotation)}
    response_rows: list[ResponseRow] = []
    for status, response in documented.items():
        content: dict[str, dict[str, t.Any]] = response.get("content", {})
        error = status not in declared
        if not content:
            response_rows.append(
                ResponseRow(status, response["description"], None, None, None, error)
            )
        for media_type, media in content.items():
            body: JSONSchema | None = media.get("schema")
            shown = None
            if body is not None and media_type == "application/json":
                value = example(body, builder.resolve)
                shown = json.dumps(value, indent=2, ensure_ascii=False)
            response_rows.append(
                ResponseRow(
                    status,
                    response["description"],
                    media_type,
                    None if body is None else schema_text(body),
                    shown,
                    error,
                )
            )
    return OperationOutline(
        method=op.method,
        path=path,
        anchor=_anchor(f"{op.method} {path}", anchors),
        qualname=op.qualname,
        summary=op.summary,
        description=op.description,
        params=tuple(rows),
        body=request,
        responses=tuple(response_rows),
        example_request=f"{op.method} {example_url(path, path_values, query)}",
        example_headers=tuple(headers),
        example_body=body_text,
    )


def _header_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(url_text(v) for v in t.cast("list[object]", value))
    return url_text(value)


_BOUNDARY: t.Final = "boundary"


def _body(
    builder: SchemaBuilder, op: OperationInfo
) -> tuple[BodyOutline | None, str | None, str | None]:
    """The request body section, its example as sent, and its content type."""
    schema = body_schema(builder, op)
    if schema is None:
        return None, None, None
    params = op.body_params
    whole = next((p for p in params if p.whole), None)
    fields: list[FieldRow] = []
    one_by_one = fields_schema(builder, op) or {}
    properties: dict[str, JSONSchema] = one_by_one.get("properties", {})
    required = set(one_by_one.get("required", ()))
    for key, prop in properties.items():
        fields.append(
            FieldRow(
                key,
                _field_type(prop),
                key in required,
                constraint_text(prop.get("items", prop)),
                prop.get("description"),
            )
        )
    outline = BodyOutline(
        media_types=op.body_media_types,
        type=None if whole is None else schema_text(_whole_part(schema)),
        required=any(p.required for p in params),
        description=None if whole is None else whole.description,
        fields=tuple(fields),
    )
    value = example(schema, builder.resolve)
    media_type = op.body_media_types[0]
    if media_type == JSON_MEDIA_TYPE:
        return outline, json.dumps(value, indent=2, ensure_ascii=False), media_type
    files = {p.key for p in params if p.source == "file"}
    items = _form_items(value, files)
    if media_type != MULTIPART:
        return outline, urlencode([(k, url_text(v)) for k, v, _ in items]), media_type
    parts: list[str] = []
    for key, item, is_file in items:
        if is_file:
            parts.append(
                f'--{_BOUNDARY}\nContent-Disposition: form-data; name="{key}";'
                f' filename="{key}.bin"\nContent-Type: application/octet-stream'
                "\n\n(the file's bytes)"
            )
        else:
            parts.append(
                f'--{_BOUNDARY}\nContent-Disposition: form-data; name="{key}"'
                f"\n\n{url_text(item)}"
            )
    # Shown with plain line breaks; a client sends CR LF between the lines.
    text = "\n".join([*parts, f"--{_BOUNDARY}--"])
    return outline, text, f"{MULTIPART}; boundary={_BOUNDARY}"


def _whole_part(schema: JSONSchema) -> JSONSchema:
    """The whole body's or form's schema, without the files read beside it."""
    parts: list[JSONSchema] = schema.get("allOf", [schema])
    return parts[0]


def _field_type(schema: JSONSchema) -> str:
    if schema.get("contentMediaType"):
        return "file"
    items = schema.get("items")
    if isinstance(items, dict) and "contentMediaType" in items:
        return "array of files"
    return schema_text(schema)


def _form_items(value: object, files: set[str]) -> list[tuple[str, object, bool]]:
    """``(field, value, is a file)`` for each field of an example form; a
    list is a field sent once per item."""
    if not isinstance(value, dict):
        return []
    items: list[tuple[str, object, bool]] = []
    for key, item in t.cast("dict[str, object]", value).items():
        values = t.cast("list[object]", item) if isinstance(item, list) else [item]
        items.extend((key, one, key in files) for one in values)
    return items


def _param_row(
    param: ParamInfo, schema: JSONSchema, builder: SchemaBuilder
) -> ParamRow:
    default = None
    if param.has_default and param.default is not None:
        value = schema.get("default")
        default = (
            repr(param.default)
            if value is None
            else json.dumps(value, ensure_ascii=False)
        )
    shown_schema = schema.get("items", schema) if param.many else schema
    return ParamRow(
        name=param.name,
        location=param.location,
        type=schema_text(schema),
        required=param.required,
        default=default,
        notes=constraint_text(builder.resolve(shown_schema)),
        description=param.description,
    )


def _schema(
    builder: SchemaBuilder, name: str, schema: JSONSchema, anchors: set[str]
) -> SchemaOutline:
    fields: list[FieldRow] = []
    required = set(schema.get("required", ()))
    properties: dict[str, JSONSchema] = schema.get("properties", {})
    for key, prop in properties.items():
        fields.append(
            FieldRow(
                key,
                schema_text(prop),
                key in required,
                constraint_text(prop),
                prop.get("description"),
            )
        )
    values = tuple(json.dumps(v, ensure_ascii=False) for v in schema.get("enum", ()))
    shown = None
    if schema.get("type") in ("object", "array"):
        value = example(schema, builder.resolve)
        shown = json.dumps(value, indent=2, ensure_ascii=False)
    kind = "enum" if "enum" in schema else schema_text(schema)
    return SchemaOutline(
        name=name,
        anchor=_anchor(f"schema {name}", anchors),
        description=schema.get("description"),
        type=kind,
        fields=tuple(fields),
        values=values,
        example=shown,
        closed=schema.get("additionalProperties") is False,
    )


def schema_text(schema: JSONSchema) -> str:
    """A schema as a short phrase: ``'integer'``, ``'array of Post'``,
    ``'"asc" | "desc"'``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(schema_text(s) for s in schema[key])
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            return "[" + ", ".join(schema_text(s) for s in schema["prefixItems"]) + "]"
        if "items" in schema:
            return f"array of {schema_text(schema['items'])}"
        return "array"
    if kind == "object":
        values = schema.get("additionalProperties")
        if isinstance(values, dict):
            return f"object of {schema_text(t.cast('JSONSchema', values))}"
        return "object"
    if kind == "string" and "format" in schema:
        return f"string ({schema['format']})"
    if isinstance(kind, str):
        return kind
    return "any"


def constraint_text(schema: JSONSchema) -> str:
    """The schema's bounds in words: ``'≥ 1, ≤ 100'``, ``'length ≤ 20'``."""
    parts: list[str] = []
    for key, sign in (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("exclusiveMaximum", "<"),
    ):
        if key in schema:
            parts.append(f"{sign} {schema[key]}")
    if "minLength" in schema:
        parts.append(f"length ≥ {schema['minLength']}")
    if "maxLength" in schema:
        parts.append(f"length ≤ {schema['maxLength']}")
    if "pattern" in schema:
        parts.append(f"matches {schema['pattern']}")
    if schema.get("uniqueItems"):
        parts.append("unique items")
    return ", ".join(parts)
