"""Example values made from schemas, for the examples the docs show.

The values are plausible rather than random, and the same on every run, so
that generated documents can be compared with golden files::

    example({"type": "integer", "minimum": 5})               # 5
    example({"type": "string", "format": "uuid"})            # '3fa85f64-...'
    example_url("/post/{post_id}", {"post_id": 1}, [("page", 2)])  # '/post/1?page=2'
"""

from __future__ import annotations

import collections.abc as cabc
import typing as t
from urllib.parse import quote
from urllib.parse import urlencode

if t.TYPE_CHECKING:
    from .schema import JSONSchema

_FORMATS: t.Final = {
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "date": "2024-05-31",
    "date-time": "2024-05-31T12:00:00+00:00",
    "time": "12:00:00",
    "decimal": "9.99",
}


def example(
    schema: JSONSchema,
    resolve: cabc.Callable[[JSONSchema], JSONSchema] = lambda s: s,
    *,
    name: str | None = None,
    _seen: frozenset[str] = frozenset(),
) -> t.Any:
    """A value that ``schema`` accepts.

    :param resolve: follows a ``$ref`` to its schema.
    :param name: the property or parameter the value is for; an
        unconstrained string example is its name.
    """
    if "default" in schema:
        return schema["default"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "$ref" in schema:
        ref: str = schema["$ref"]
        if ref in _seen:  # a recursive type: stop at its second appearance
            return None
        return example(resolve(schema), resolve, name=name, _seen=_seen | {ref})
    if "enum" in schema:
        return schema["enum"][0] if schema["enum"] else None
    if "anyOf" in schema or "oneOf" in schema:
        options: list[JSONSchema] = schema.get("anyOf") or schema["oneOf"]
        chosen = next((o for o in options if o.get("type") != "null"), options[0])
        return example(chosen, resolve, name=name, _seen=_seen)
    kind = schema.get("type")
    if kind == "string":
        return _string(schema, name)
    if kind == "integer":
        return int(_number(schema, 1))
    if kind == "number":
        return _number(schema, 1.5)
    if kind == "boolean":
        return True
    if kind == "array":
        if "prefixItems" in schema:
            return [example(s, resolve, _seen=_seen) for s in schema["prefixItems"]]
        if "items" in schema:
            item = example(schema["items"], resolve, name=name, _seen=_seen)
            # A recursive type ends in an empty array, not [null].
            return [] if item is None and "$ref" in schema["items"] else [item]
        return []
    if kind == "object":
        properties: dict[str, JSONSchema] = schema.get("properties", {})
        if properties:
            return {
                key: example(value, resolve, name=key, _seen=_seen)
                for key, value in properties.items()
            }
        values = schema.get("additionalProperties")
        if isinstance(values, dict):
            item = t.cast("JSONSchema", values)
            names: JSONSchema = schema.get("propertyNames", {})
            key = example(names, resolve, name="key") if names else "key"
            return {str(key): example(item, resolve, name="key", _seen=_seen)}
        return {}
    return None


def _string(schema: JSONSchema, name: str | None) -> str:
    text = _FORMATS.get(schema.get("format", ""), name or "text")
    low: int = schema.get("minLength", 0)
    high: int | None = schema.get("maxLength")
    if len(text) < low:
        text += "x" * (low - len(text))
    if high is not None:
        text = text[:high]
    return text


def _number(schema: JSONSchema, usual: float) -> float:
    low: float | None = schema.get("minimum")
    above: float | None = schema.get("exclusiveMinimum")
    high: float | None = schema.get("maximum")
    below: float | None = schema.get("exclusiveMaximum")

    def fits(value: float) -> bool:
        return not (
            (low is not None and value < low)
            or (above is not None and value <= above)
            or (high is not None and value > high)
            or (below is not None and value >= below)
        )

    value = usual
    if low is not None:
        value = max(value, low)
    if above is not None:
        value = max(value, above + 1)
    if high is not None:
        value = min(value, high)
    if below is not None:
        value = min(value, below - 1)
    floor = above if above is not None else low
    ceiling = below if below is not None else high
    if not fits(value) and floor is not None and ceiling is not None:
        return (floor + ceiling) / 2  # a narrow open interval: (0, 1) gives 0.5
    return value


def url_text(value: object) -> str:
    """An example value as it is written in a URL."""
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def example_url(
    path: str,
    path_values: cabc.Mapping[str, object],
    query: cabc.Sequence[tuple[str, object]] = (),
) -> str:
    """``path`` (OpenAPI form) with each ``{name}`` replaced by its value, and
    the query string; a list value repeats its key."""
    for key, value in path_values.items():
        path = path.replace("{" + key + "}", quote(url_text(value), safe=""))
    pairs: list[tuple[str, str]] = []
    for key, value in query:
        if isinstance(value, list):
            items = t.cast("list[object]", value)
            pairs.extend((key, url_text(v)) for v in items)
        else:
            pairs.append((key, url_text(value)))
    return f"{path}?{urlencode(pairs)}" if pairs else path


__all__ = ["example", "example_url", "url_text"]
