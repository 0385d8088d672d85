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

from .examples import example
from .examples import example_url
from .introspect import describe_routes
from .openapi import api_info
from .openapi import operation_responses
from .schema import SchemaBuilder

if t.TYPE_CHECKING:
    from ..app import App
    from .introspect import OperationInfo
    from .introspect import ParamInfo
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


@dataclasses.dataclass(frozen=True, slots=True)
class OperationOutline:
    method: str
    path: str
    anchor: str
    qualname: str
    summary: str | None
    description: str | None
    params: tuple[ParamRow, ...]
    responses: tuple[ResponseRow, ...]
    example_request: str


@dataclasses.dataclass(frozen=True, slots=True)
class RouteOutline:
    rule: str
    path: str
    endpoint: str
    summary: str | None
    description: str | None
    operations: tuple[OperationOutline, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    type: str
    required: bool
    notes: str
    description: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class SchemaOutline:
    name: str
    anchor: str
    description: str | None
    type: str
    fields: tuple[FieldRow, ...]
    values: tuple[str, ...]
    example: str | None


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
    for route in describe_routes(app):
        operations = tuple(
            _operation(builder, route.path, op, anchors) for op in route.operations
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
    builder: SchemaBuilder, path: str, op: OperationInfo, anchors: set[str]
) -> OperationOutline:
    rows: list[ParamRow] = []
    path_values: dict[str, object] = {}
    query: list[tuple[str, object]] = []
    for param in op.params:
        schema = builder.param_schema(param)
        rows.append(_param_row(param, schema, builder))
        value = example(schema, builder.resolve, name=param.name)
        if param.location == "path":
            path_values[param.name] = value
        elif param.location == "query" and param.required:
            query.append((param.name, value))
    documented = operation_responses(builder, op)
    response_rows: list[ResponseRow] = []
    for status, response in documented.items():
        content: dict[str, dict[str, t.Any]] = response.get("content", {})
        if not content:
            response_rows.append(
                ResponseRow(status, response["description"], None, None, None)
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
        responses=tuple(response_rows),
        example_request=f"{op.method} {example_url(path, path_values, query)}",
    )


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
