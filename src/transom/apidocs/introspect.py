"""What an application's routes accept and return, as frozen data.

:func:`describe_routes` reads the signatures the router parsed at
registration (it never inspects a handler again) into small frozen
dataclasses that documentation generators, tests and tools can read::

    for route in describe_routes(app):
        for op in route.operations:
            print(op.method, route.path, [p.name for p in op.params], op.summary)

A :class:`RouteInfo` per route, an :class:`OperationInfo` per HTTP method
the view handles, a :class:`ParamInfo` per path, query, header or cookie
parameter, a :class:`BodyParamInfo` per parameter read from the body (a
JSON body, a form or its fields, a file), and the handler's docstring split
into a summary, a description and its ``:param name:`` and ``:returns:``
fields (:class:`Docstring`).
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import enum
import inspect
import re
import types
import typing as t

from ..converters import ChoiceConverter
from ..params import SLASHES
from ..request_data import UNSET
from ..rules import openapi_path
from ..rules import parse_rule
from ..signature import REQUIRED
from ..signature import Source
from ..views import is_view_class

if t.TYPE_CHECKING:
    from ..app import App
    from ..params import Constraint
    from ..params import ValueType
    from ..routing import Handler
    from ..routing import Route
    from ..scope import ErrorHandler
    from ..scope import ErrorKey
    from ..shapes import Unknown
    from ..signature import Param
    from ..signature import RequestParam

Location: t.TypeAlias = t.Literal["path", "query", "host", "header", "cookie"]
"""Where a :class:`ParamInfo`'s value comes from."""
BodySource: t.TypeAlias = t.Literal["body", "form", "file"]
"""Where a :class:`BodyParamInfo`'s value comes from."""

JSON_MEDIA_TYPE: t.Final = "application/json"
FORM_MEDIA_TYPES: t.Final = ("application/x-www-form-urlencoded", "multipart/form-data")
MULTIPART: t.Final = "multipart/form-data"

_ORDER: t.Final = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
_field_re = re.compile(r":(?P<kind>\w+)(?:\s+(?P<args>[^:]*))?:\s*(?P<text>.*)")


@dataclasses.dataclass(frozen=True, slots=True)
class Docstring:
    """A docstring split into the parts documentation shows.

    The first paragraph is the summary, the other paragraphs the description.
    Sphinx fields are taken out of the text: ``:param name: text`` describes
    a parameter, ``:returns: text`` the response; other fields (``:raises:``)
    are dropped.
    """

    summary: str | None
    """The first paragraph, on one line."""
    description: str | None
    """The paragraphs after the first, blank lines kept between them."""
    params: tuple[tuple[str, str], ...] = ()
    """``(name, text)`` for each ``:param name: text`` field."""
    returns: str | None = None
    """The text of the ``:returns:`` field."""

    @classmethod
    def parse(cls, text: str | None) -> Docstring:
        """Split a docstring already cleaned by :func:`inspect.cleandoc`."""
        if not text or not text.strip():
            return cls(None, None)
        body: list[str] = []
        fields: list[tuple[str, str | None, list[str]]] = []
        for line in text.splitlines():
            match = _field_re.match(line)
            if match is not None:
                fields.append((match["kind"], match["args"], [match["text"].strip()]))
            elif fields and line.strip() and line[:1].isspace():
                fields[-1][2].append(line.strip())
            else:
                if fields and line.strip():
                    fields.append(("", None, []))  # text after fields ends them
                body.append(line)
        params: list[tuple[str, str]] = []
        returns: str | None = None
        for kind, args, lines in fields:
            joined = " ".join(x for x in lines if x)
            if kind == "param" and args:
                params.append((args.split()[-1], joined))
            elif kind in ("returns", "return"):
                returns = joined
        paragraphs = _paragraphs("\n".join(body))
        summary = " ".join(paragraphs[0].split()) if paragraphs else None
        description = "\n\n".join(paragraphs[1:]) or None
        return cls(summary, description, tuple(params), returns or None)

    def param(self, name: str) -> str | None:
        """The text of the ``:param name:`` field, if there is one."""
        return next((text for key, text in self.params if key == name), None)


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


@dataclasses.dataclass(frozen=True, slots=True)
class ParamInfo:
    """One path, query, header or cookie parameter of a handler."""

    name: str
    """The name the client sends: the path variable, the query key, the
    header (``'X-Request-Id'``) or the cookie."""
    location: Location
    """Where the value comes from: ``"host"`` for a variable of the
    route's ``subdomain=`` or ``host=``, which OpenAPI's parameters cannot
    describe (its document leaves them out)."""
    annotation: t.Any
    """The annotation as written."""
    type: str
    """The annotation as readable text: ``'int'``, ``'list[str]'``,
    ``"'asc' | 'desc'"``."""
    base: t.Any
    """The type of one value: ``int`` for ``list[int]`` or ``int | None``."""
    required: bool
    """Whether a request must supply it (path parameters always)."""
    default: t.Any
    """The default, or :data:`transom.signature.REQUIRED` when there is none."""
    many: bool
    """``list[T]``: the query key may repeat."""
    optional: bool
    """``T | None``: the value may be missing."""
    choices: tuple[object, ...] | None
    """The accepted values of a ``Literal`` or ``Enum``, else ``None``."""
    constraints: tuple[Constraint, ...]
    """The ``Annotated`` constraints (:class:`~transom.Range`,
    :class:`~transom.Length`)."""
    description: str | None
    """The text of the handler's ``:param name:`` docstring field."""
    param: Param | RequestParam
    """The parsed parameter this describes."""

    @property
    def has_default(self) -> bool:
        """Whether the signature gives a default."""
        return self.default is not REQUIRED

    @property
    def value_type(self) -> ValueType:
        """How the parameter's text becomes its value."""
        value_type = self.param.value_type
        assert value_type is not None  # path, query, header and cookie have one
        return value_type

    @classmethod
    def from_param(
        cls, param: Param, doc: Docstring, in_host: cabc.Container[str] = ()
    ) -> ParamInfo:
        """Describe a parameter the router parsed; ``in_host`` names the
        variables of the route's subdomain or host."""
        value_type = param.value_type
        converter = getattr(value_type.converter, "inner", value_type.converter)
        choices = converter.choices if isinstance(converter, ChoiceConverter) else None
        location: Location = "query"
        if param.source is Source.PATH:
            location = "host" if param.name in in_host else "path"
        return cls(
            name=param.name,
            location=location,
            annotation=param.annotation,
            type=type_text(param.annotation),
            base=value_type.base,
            required=param.source is Source.PATH or param.required,
            default=param.default,
            many=value_type.many,
            optional=value_type.optional,
            choices=choices,
            constraints=value_type.constraints,
            description=doc.param(param.name),
            param=param,
        )

    @classmethod
    def from_request_param(cls, param: RequestParam, doc: Docstring) -> ParamInfo:
        """Describe a header or cookie parameter."""
        value_type = param.value_type
        assert value_type is not None  # a header or cookie has one
        converter = getattr(value_type.converter, "inner", value_type.converter)
        choices = converter.choices if isinstance(converter, ChoiceConverter) else None
        location: Location = "header" if param.source is Source.HEADER else "cookie"
        return cls(
            name=param.key,
            location=location,
            annotation=param.annotation,
            type=type_text(param.annotation),
            base=value_type.base,
            required=param.required,
            default=REQUIRED if param.default is UNSET else param.default,
            many=value_type.many,
            optional=value_type.optional,
            choices=choices,
            constraints=value_type.constraints,
            description=doc.param(param.name),
            param=param,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class BodyParamInfo:
    """A parameter read from the request's body: the JSON body (``Body()``),
    the whole form or one of its fields (``Form()``), or a file
    (``File()``)."""

    name: str
    """The parameter's name."""
    source: BodySource
    """``"body"``, ``"form"`` or ``"file"``."""
    key: str
    """The form or file field it reads; ``''`` for the whole body or form."""
    annotation: t.Any
    """The annotation as written."""
    type: str
    """The annotation as readable text."""
    required: bool
    """Whether a request must send it."""
    default: t.Any
    """The default the marker gives, or :data:`transom.signature.REQUIRED`."""
    many: bool
    """``list[FileStorage]``: the field may hold several files."""
    unknown: Unknown
    """For a whole body or form: what a field its type does not declare
    gets (``"forbid"``: a 422; ``"ignore"``)."""
    description: str | None
    """The text of the handler's ``:param name:`` docstring field."""
    param: RequestParam
    """The parsed parameter this describes."""

    @property
    def whole(self) -> bool:
        """Whether it is the whole JSON body or the whole form."""
        return self.key == ""

    @classmethod
    def from_request_param(cls, param: RequestParam, doc: Docstring) -> BodyParamInfo:
        """Describe a body, form or file parameter."""
        source: BodySource = (
            "body"
            if param.source is Source.BODY
            else "form"
            if param.source is Source.FORM
            else "file"
        )
        return cls(
            name=param.name,
            source=source,
            key=param.key,
            annotation=param.annotation,
            type=type_text(param.annotation),
            required=param.required,
            default=REQUIRED if param.default is UNSET else param.default,
            many=param.many,
            unknown=param.marker.unknown,
            description=doc.param(param.name),
            param=param,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class OperationInfo:
    """What one HTTP method of a route accepts and returns."""

    method: str
    """The HTTP method, upper case."""
    qualname: str
    """The handler's name: ``'Post.get'`` or ``'hello'``."""
    function: cabc.Callable[..., t.Any]
    """The verb method or function route."""
    params: tuple[ParamInfo, ...]
    """The path and query parameters in signature order, then the headers
    and cookies."""
    return_annotation: t.Any
    """The return annotation, or :attr:`inspect.Parameter.empty`."""
    returns: str | None
    """The return annotation as readable text, or ``None`` without one."""
    doc: Docstring
    """The handler's docstring, split."""
    body_params: tuple[BodyParamInfo, ...] = ()
    """The parameters read from the body, in signature order."""

    @property
    def body_media_types(self) -> tuple[str, ...]:
        """The content types the body may have: JSON for a ``Body()``,
        multipart when a file is read, else either form encoding; ``()``
        when the handler reads no body."""
        sources = {p.source for p in self.body_params}
        if "body" in sources:
            return (JSON_MEDIA_TYPE,)
        if "file" in sources:
            return (MULTIPART,)
        return FORM_MEDIA_TYPES if sources else ()

    @property
    def header_params(self) -> tuple[ParamInfo, ...]:
        """The parameters taken from headers."""
        return tuple(p for p in self.params if p.location == "header")

    @property
    def cookie_params(self) -> tuple[ParamInfo, ...]:
        """The parameters taken from cookies."""
        return tuple(p for p in self.params if p.location == "cookie")

    @property
    def path_params(self) -> tuple[ParamInfo, ...]:
        """The parameters taken from the path."""
        return tuple(p for p in self.params if p.location == "path")

    @property
    def query_params(self) -> tuple[ParamInfo, ...]:
        """The parameters taken from the query string."""
        return tuple(p for p in self.params if p.location == "query")

    @property
    def summary(self) -> str | None:
        """The docstring's first paragraph."""
        return self.doc.summary

    @property
    def description(self) -> str | None:
        """The docstring's other paragraphs."""
        return self.doc.description

    @classmethod
    def from_handler(
        cls, handler: Handler, in_host: cabc.Container[str] = ()
    ) -> OperationInfo:
        """Describe a handler the router parsed; ``in_host`` names the
        variables of its route's subdomain or host."""
        signature = handler.signature
        doc = Docstring.parse(signature.doc)
        annotation = signature.return_annotation
        fields = (Source.HEADER, Source.COOKIE)
        return cls(
            method=handler.method,
            qualname=signature.qualname,
            function=handler.function,
            params=tuple(
                ParamInfo.from_param(p, doc, in_host) for p in signature.params
            )
            + tuple(
                ParamInfo.from_request_param(p, doc)
                for p in signature.request_params
                if p.source in fields
            ),
            return_annotation=annotation,
            returns=None
            if annotation is inspect.Parameter.empty
            else type_text(annotation),
            doc=doc,
            body_params=tuple(
                BodyParamInfo.from_request_param(p, doc)
                for p in signature.request_params
                if p.source not in fields
            ),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class RouteInfo:
    """One route and the operations its view handles."""

    rule: str
    """The rule as written: ``'/post/<post_id>'``."""
    path: str
    """The rule in OpenAPI's form: ``'/post/{post_id}'``."""
    endpoint: str
    """The endpoint name."""
    view: object
    """The :class:`~transom.View` subclass or function."""
    view_name: str
    """``module.Qualname`` of the view."""
    methods: tuple[str, ...]
    """Every method the route answers, ``HEAD`` and ``OPTIONS`` included,
    in the order of the ``Allow`` header."""
    operations: tuple[OperationInfo, ...]
    """One per method a handler serves (automatic ``HEAD`` and ``OPTIONS``
    are not operations), in ``Allow`` order."""
    doc: Docstring
    """The view class's docstring, split; empty for a function route,
    whose docstring belongs to its operations."""
    internal: bool
    """Whether transom itself added the route (the static files, the
    served documentation); documentation leaves these out."""
    documented: bool = True
    """Whether documentation shows the route: ``False`` for a route
    registered with ``docs=False``, or whose View says ``docs = False``."""
    error_handlers: tuple[cabc.Mapping[ErrorKey, ErrorHandler], ...] = ()
    """The error handlers that answer the route's errors, innermost first:
    its blueprints', then the app's (see
    :func:`transom.scope.find_error_handler`)."""

    @property
    def summary(self) -> str | None:
        """The view's docstring's first paragraph."""
        return self.doc.summary

    @property
    def description(self) -> str | None:
        """The view's docstring's other paragraphs."""
        return self.doc.description

    @classmethod
    def from_route(cls, route: Route, app: App | None = None) -> RouteInfo:
        """Describe a route of the router; ``app``'s error handlers join
        those of the route's blueprints."""
        view = route.view
        doc = (
            Docstring.parse(inspect.cleandoc(view.__dict__.get("__doc__") or ""))
            if is_view_class(view)
            else Docstring(None, None)
        )
        methods = sorted(route.methods, key=_method_key)
        domain = route.host or route.subdomain
        in_host: set[str] = set()
        if domain:
            in_host = {v.name for v in parse_rule(domain, domain=True)}
        operations = tuple(
            OperationInfo.from_handler(route.handlers[m], in_host)
            for m in methods
            if m in route.handlers
        )
        module: str = getattr(view, "__module__", "") or ""
        return cls(
            rule=route.rule,
            path=openapi_path(route.rule),
            endpoint=route.endpoint,
            view=view,
            view_name=route.view_name,
            methods=tuple(methods),
            operations=operations,
            doc=doc,
            internal=module == "transom" or module.startswith("transom."),
            documented=route.docs,
            error_handlers=(route.scope.error_handlers if route.scope else ())
            + ((app.error_handlers,) if app is not None and app.error_handlers else ()),
        )


def _method_key(method: str) -> tuple[int, str]:
    return (_ORDER.index(method) if method in _ORDER else len(_ORDER), method)


def describe_routes(
    app: App, *, internal: bool = False, undocumented: bool = False
) -> tuple[RouteInfo, ...]:
    """Describe every documented route of ``app``, in registration order.

    :param internal: also list the routes transom adds itself (static
        files, served documentation).
    :param undocumented: also list the routes kept out of the
        documentation with ``docs=False``.
    """
    infos = (RouteInfo.from_route(route, app) for route in app.router.routes)
    return tuple(
        info
        for info in infos
        if (internal or not info.internal) and (undocumented or info.documented)
    )


def type_text(annotation: t.Any) -> str:
    """Show an annotation as a Python programmer would write it, without
    ``typing.`` prefixes and ``Annotated`` metadata."""
    if annotation is inspect.Parameter.empty:
        return "Any"
    if isinstance(annotation, str):
        return annotation
    if annotation is None or annotation is type(None):
        return "None"
    if annotation is t.Any:
        return "Any"
    origin = t.get_origin(annotation)
    args = t.get_args(annotation)
    if origin is t.Annotated:
        if SLASHES in annotation.__metadata__:
            return "PathStr"
        return type_text(args[0])
    if origin is t.Literal:
        return " | ".join(repr(a) for a in args)
    if origin in (t.Union, types.UnionType):
        return " | ".join(type_text(a) for a in args)
    if origin is not None:
        name = getattr(origin, "__name__", None) or repr(origin)
        if not args:
            return name
        shown = ", ".join("..." if a is Ellipsis else type_text(a) for a in args)
        return f"{name}[{shown}]"
    if isinstance(annotation, type):
        return annotation.__name__
    if isinstance(annotation, enum.Enum):
        return repr(annotation.value)
    return repr(annotation).replace("typing.", "")


__all__ = [
    "BodyParamInfo",
    "Docstring",
    "Location",
    "OperationInfo",
    "ParamInfo",
    "RouteInfo",
    "describe_routes",
    "type_text",
]
