"""The API as one Markdown document, readable as plain text and rendered.

The document opens with the title, version and a table of every operation
(linked to its section with the heading anchors GitHub-style renderers
make), then a section per route and operation: parameters, the request body,
responses and an example request and response; the named schemas come
last.
"""

from __future__ import annotations

import re
import typing as t

from ._outline import build_outline

if t.TYPE_CHECKING:
    from ..app import App
    from ._outline import BodyOutline
    from ._outline import FieldRow
    from ._outline import OperationOutline
    from ._outline import Outline
    from ._outline import SchemaOutline

_heading_drop_re = re.compile(r"[^\w\- ]")
_rst_code_re = re.compile(r"``(.+?)``")
_code_span_re = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_backticks_re = re.compile(r"`+")


def render_markdown(
    app: App,
    *,
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
) -> str:
    """The Markdown documentation of ``app``'s routes.

    Text from docstrings, settings and annotations is shown as written:
    HTML in it is escaped (outside code spans), so a ``<script>`` in a
    docstring is text on the rendered page, never a script.
    """
    outline = build_outline(app, title=title, version=version, description=description)
    return _Writer(outline).write()


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading's text."""
    return _heading_drop_re.sub("", heading.lower()).replace(" ", "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _text(text: str) -> str:
    """Plain text as Markdown, HTML escaped: renderers pass raw HTML through."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    """``text`` as a code span, fenced by more backticks than it holds, so
    that nothing in it can end the span early."""
    longest = max((len(run) for run in _backticks_re.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _block(language: str, text: str) -> str:
    """``text`` as a fenced code block that nothing in it can close."""
    longest = max((len(run) for run in _backticks_re.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def _prose(text: str) -> str:
    """Docstring text as Markdown: reST's ````code```` becomes a code span,
    code spans are kept as written, and HTML outside them is escaped."""
    text = _rst_code_re.sub(lambda match: _code(match[1]), text)
    parts: list[str] = []
    last = 0
    for match in _code_span_re.finditer(text):
        parts.append(_text(text[last : match.start()]))
        parts.append(match[0])
        last = match.end()
    parts.append(_text(text[last:]))
    return "".join(parts)


class _Writer:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.lines: list[str] = []
        self.schema_slugs = {s.name: _slug(s.name) for s in outline.schemas}

    def write(self) -> str:
        outline = self.outline
        self.add(f"# {_text(outline.title)}", f"Version {_text(outline.version)}")
        if outline.description:
            self.add(_prose(outline.description))
        self._contents()
        for route in outline.routes:
            self.add(f"## {_text(route.path)}")
            if route.summary:
                self.add(_prose(route.summary))
            if route.description:
                self.add(_prose(route.description))
            for op in route.operations:
                self._operation(op)
        if outline.schemas:
            self.add("## Schemas")
            for schema in outline.schemas:
                self._schema(schema)
        return "\n\n".join(self.lines) + "\n"

    def add(self, *blocks: str) -> None:
        self.lines.extend(blocks)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        lines = ["| " + " | ".join(header) + " |"]
        lines.append("| " + " | ".join("---" for _ in header) + " |")
        lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
        self.add("\n".join(lines))

    def linked(self, text: str) -> str:
        """``text`` with each schema name linked to its section."""
        for name, slug in self.schema_slugs.items():
            text = re.sub(
                rf"(?<![\w\[]){re.escape(name)}(?![\w\]])", f"[{name}](#{slug})", text
            )
        return text

    def _contents(self) -> None:
        outline = self.outline
        if not outline.routes:
            self.add("This application has no routes.")
            return
        rows: list[list[str]] = []
        for route in outline.routes:
            for op in route.operations:
                heading = f"{op.method} {op.path}"
                summary = op.summary or route.summary or ""
                rows.append([f"[{_code(heading)}](#{_slug(heading)})", _prose(summary)])
        self.add("## Operations")
        self.table(["Operation", "Summary"], rows)

    def _operation(self, op: OperationOutline) -> None:
        self.add(f"### {_text(f'{op.method} {op.path}')}")
        if op.summary:
            self.add(_prose(op.summary))
        if op.description:
            self.add(_prose(op.description))
        self.add(f"Handler: {_code(op.qualname)}")
        if op.params:
            rows = [
                [
                    _code(p.name),
                    p.location,
                    _text(p.type + (f" ({p.notes})" if p.notes else "")),
                    "yes" if p.required else "no",
                    _code(p.default) if p.default is not None else "",
                    _prose(p.description or ""),
                ]
                for p in op.params
            ]
            self.add("Parameters:")
            self.table(
                ["Name", "In", "Type", "Required", "Default", "Description"], rows
            )
        if op.body is not None:
            self._body(op.body)
        rows = [
            [
                _code(r.status),
                _code(r.media_type) if r.media_type else "",
                self.linked(_text(r.type)) if r.type else "",
                _prose(r.description),
            ]
            for r in op.responses
        ]
        self.add("Responses:")
        self.table(["Status", "Content type", "Body", "Description"], rows)
        request = [f"{op.example_request} HTTP/1.1", *op.example_headers]
        if op.example_body is not None:
            request += ["", op.example_body]
        self.add("Example request:", _block("http", "\n".join(request)))
        response = op.example_response
        if response is not None and response.example is not None:
            self.add(
                f"Example response ({_code(response.status)}):",
                _block("json", response.example),
            )

    def _body(self, body: BodyOutline) -> None:
        media = ", ".join(_code(m) for m in body.media_types)
        if body.type is not None:
            self.add("Request body:")
            self.table(
                ["Content type", "Body", "Required", "Description"],
                [
                    [
                        media,
                        self.linked(_text(body.type)),
                        "yes" if body.required else "no",
                        _prose(body.description or ""),
                    ]
                ],
            )
        if not body.fields:
            return
        if body.type is None:
            self.add(f"Request body ({media}), its fields:")
        else:
            self.add("And beside it:")
        self._fields(body.fields)

    def _fields(self, fields: tuple[FieldRow, ...]) -> None:
        """A table of an object's fields: name, type, required, description."""
        rows = [
            [
                _code(f.name),
                self.linked(_text(f.type))
                + (f" ({_text(f.notes)})" if f.notes else ""),
                "yes" if f.required else "no",
                _prose(f.description or ""),
            ]
            for f in fields
        ]
        self.table(["Field", "Type", "Required", "Description"], rows)

    def _schema(self, schema: SchemaOutline) -> None:
        self.add(f"### {_text(schema.name)}")
        if schema.description:
            self.add(_prose(schema.description))
        if schema.values:
            self.add("One of: " + ", ".join(_code(v) for v in schema.values) + ".")
        elif schema.fields:
            self._fields(schema.fields)
        else:
            self.add(f"Type: {self.linked(_text(schema.type))}")
        if schema.closed:
            self.add("Fields not listed here are refused (`422`).")
        if schema.example is not None:
            self.add("Example:", _block("json", schema.example))
