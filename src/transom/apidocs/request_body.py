"""What an operation's request carries, and what it gets when that is wrong.

The body a handler declares (``Body()``, ``Form()``, ``File()``) becomes
OpenAPI's ``requestBody``, its schema built by
:func:`~transom.apidocs.schema.shape_schema` from the same analysis the
decoder uses, so the document says what the decoder accepts::

    request_body(builder, op)
    # {'required': True, 'content': {'application/json': {'schema': {'$ref': ...}}}}

A handler that reads request data can also fail: :func:`error_shapes`
gives the ``400`` (malformed JSON, a header or cookie missing or wrong),
``415`` (a body of the wrong content type) and ``422`` (a body, form or
file that does not fit its type) it may answer, each with the body the
app's error handler for it declares, or transom's own: the ``422`` lists
every error.
"""

from __future__ import annotations

import collections.abc as cabc
import typing as t

from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import UnsupportedMediaType

from .. import exceptions
from ..scope import find_error_handler
from ..shapes import OptionalShape
from ..shapes import shape_of
from ._error_bodies import RequestValidationError
from .introspect import JSON_MEDIA_TYPE
from .schema import ResponseShape
from .schema import shape_schema

if t.TYPE_CHECKING:
    from ..scope import ErrorHandler
    from ..scope import ErrorKey
    from .introspect import BodyParamInfo
    from .introspect import OperationInfo
    from .schema import JSONSchema
    from .schema import SchemaBuilder

FILE_SCHEMA: t.Final[dict[str, str]] = {
    "type": "string",
    "contentMediaType": "application/octet-stream",
}
"""The schema of an uploaded file's content (OpenAPI 3.1's form of the
binary string)."""


def body_schema(builder: SchemaBuilder, op: OperationInfo) -> JSONSchema | None:
    """The schema of the operation's request body, or ``None`` when it
    reads none."""
    params = op.body_params
    if not params:
        return None
    whole = next((p for p in params if p.whole), None)
    fields = fields_schema(builder, op)
    if whole is None:
        return fields
    schema = _whole_schema(builder, whole)
    return schema if fields is None else {"allOf": [schema, fields]}


def fields_schema(builder: SchemaBuilder, op: OperationInfo) -> JSONSchema | None:
    """The object schema of the fields and files the operation reads one
    by one, or ``None`` when it reads none (a JSON body, a whole form)."""
    properties: dict[str, JSONSchema] = {}
    required: list[str] = []
    for param in op.body_params:
        if param.whole:
            continue
        properties[param.key] = _field_schema(builder, param)
        if param.required:
            required.append(param.key)
    if not properties:
        return None
    schema: JSONSchema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def _whole_schema(builder: SchemaBuilder, param: BodyParamInfo) -> JSONSchema:
    shape = shape_of(param.annotation)
    if isinstance(shape, OptionalShape):
        shape = shape.inner  # absent is None: the body, when sent, is the rest
    schema = shape_schema(shape, builder, unknown=param.unknown)
    if param.description and "$ref" not in schema:
        schema = {**schema, "description": param.description}
    return schema


def _field_schema(builder: SchemaBuilder, param: BodyParamInfo) -> JSONSchema:
    if param.source == "file":
        schema: JSONSchema = dict(FILE_SCHEMA)
        if param.many:
            schema = {"type": "array", "items": schema}
    else:
        value_type = param.param.value_type
        assert value_type is not None  # a form field has one
        schema = builder.text_schema(value_type, param.default)
    if param.description:
        schema["description"] = param.description
    return schema


def request_body(builder: SchemaBuilder, op: OperationInfo) -> dict[str, t.Any] | None:
    """The OpenAPI ``requestBody`` of the operation, or ``None``."""
    schema = body_schema(builder, op)
    if schema is None:
        return None
    params = op.body_params
    body: dict[str, t.Any] = {}
    if len(params) == 1 and params[0].whole and params[0].description:
        body["description"] = params[0].description
    body["required"] = any(p.required for p in params)
    body["content"] = {media: {"schema": schema} for media in op.body_media_types}
    return body


def error_shapes(
    builder: SchemaBuilder,
    op: OperationInfo,
    handlers: cabc.Sequence[cabc.Mapping[ErrorKey, ErrorHandler]] = (),
) -> list[ResponseShape]:
    """The error responses reading the request's data may give, in status
    order: ``400`` for malformed JSON or a header or cookie missing or
    wrong, ``415`` and ``422`` for a body.

    :param handlers: the error handlers that answer the route's errors,
        innermost first (a blueprint's, then the app's); the body of an
        error one of them answers is what its return annotation says.
    """
    reads_body = bool(op.body_params)
    reads_fields = bool(op.header_params or op.cookie_params)
    shapes: list[ResponseShape] = []
    if op.body_media_types == (JSON_MEDIA_TYPE,) or reads_fields:
        shapes.append(_error_shape(builder, BadRequest(), handlers, None))
    if reads_body:
        shapes.append(_error_shape(builder, UnsupportedMediaType(), handlers, None))
        shapes.append(
            _error_shape(
                builder,
                exceptions.RequestValidationError([]),
                handlers,
                lambda: ResponseShape(
                    "422", JSON_MEDIA_TYPE, builder.schema(RequestValidationError)
                ),
            )
        )
    return shapes


def error_description(status: str, op: OperationInfo) -> str:
    """What the documents say of one of :func:`error_shapes`' statuses."""
    if status == "400":
        causes: list[str] = []
        if op.body_media_types == (JSON_MEDIA_TYPE,):
            causes.append("the JSON body is malformed")
        fields = [
            kind
            for kind, params in (
                ("header", op.header_params),
                ("cookie", op.cookie_params),
            )
            if params
        ]
        if fields:
            causes.append(f"a {' or '.join(fields)} is missing or does not convert")
        text = " or ".join(causes) or "the request is malformed"
        return text[:1].upper() + text[1:] + "."
    if status == "415":
        wanted = " or ".join(op.body_media_types)
        return f"The body is not {wanted}."
    return (
        "The body, form or files do not fit the declared types; every problem"
        " is listed."
    )


def _error_shape(
    builder: SchemaBuilder,
    error: HTTPException,
    handlers: cabc.Sequence[cabc.Mapping[ErrorKey, ErrorHandler]],
    default: cabc.Callable[[], ResponseShape] | None,
) -> ResponseShape:
    """The response to ``error``: what its handler's annotation says, else
    ``default()`` (built only then, so that its schemas become components
    only when used)."""
    status = str(error.code)
    handler = find_error_handler(handlers, error) if handlers else None
    if handler is None:
        return default() if default is not None else ResponseShape(status, None, None)
    try:
        annotation = t.get_type_hints(handler).get("return")
    except Exception:  # an unresolvable name: the body is not known
        annotation = None
    shapes = builder.responses(annotation) if annotation is not None else []
    if not shapes:
        return ResponseShape(status, None, None)
    return ResponseShape(status, shapes[0].media_type, shapes[0].schema)


__all__ = [
    "FILE_SCHEMA",
    "body_schema",
    "fields_schema",
    "error_description",
    "error_shapes",
    "request_body",
]
