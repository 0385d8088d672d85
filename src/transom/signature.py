"""A handler's signature, parsed once at registration into frozen data.

Dispatch reads :class:`HandlerSignature` and never calls :mod:`inspect`
per request. A parameter named in the route template comes from the path;
one whose default is a request-data marker (``Body()``, ``Header()``, ...,
see :mod:`transom.request_data`) from where the marker says; every other
parameter comes from the query string.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import enum
import inspect
import re
import types
import typing as t

import typing_extensions as te
from werkzeug.datastructures import FileStorage

from .exceptions import QueryParameterError
from .exceptions import RouteError
from .params import SLASHES
from .request_data import UNSET
from .request_data import Marker
from .request_data import RequestReader
from .request_data import decoder_for

if t.TYPE_CHECKING:
    from .decoding import Decoder
    from .params import ConverterRegistry
    from .params import ValueType


class Source(enum.Enum):
    """Where a parameter's value comes from."""

    PATH = "path"
    QUERY = "query"
    BODY = "body"
    """The JSON body (``Body()``)."""
    FORM = "form"
    """A form field, or the whole form (``Form()``)."""
    HEADER = "header"
    """A request header (``Header()``)."""
    COOKIE = "cookie"
    """A request cookie (``Cookie()``)."""
    FILE = "file"
    """A file of a multipart form (``File()``)."""


class _Required:
    @te.override
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: t.Final = _Required()
"""The default of a parameter that has none."""


@dataclasses.dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a handler."""

    name: str
    """The parameter's name, also the path variable or query key."""
    source: Source
    """Path or query."""
    annotation: t.Any
    """The annotation as written; without one, the type of the converter the
    rule names (``int`` for ``<int:post_id>``), else ``str``."""
    value_type: ValueType
    """How text becomes the value."""
    default: t.Any
    """The default from the signature, or :data:`REQUIRED`."""

    @property
    def required(self) -> bool:
        """Whether a request must supply the value."""
        return self.default is REQUIRED and not self.value_type.optional

    def from_query(self, fields: cabc.Mapping[str, cabc.Sequence[str]]) -> t.Any:
        """Read and convert this parameter from the query's fields (each
        name's values, in order, as ``request.args.lists()`` gives them).

        :raises QueryParameterError: missing when required, or not convertible (400).
        """
        value_type = self.value_type
        texts = fields.get(self.name)
        if value_type.many:
            if not texts:
                if self.default is not REQUIRED:
                    return self.default
                if value_type.optional:
                    return None
                raise QueryParameterError(self.name, "is required")
            values: list[t.Any] = []
            text = ""
            try:
                for text in texts:
                    values.append(value_type.parse(text))
            except (ValueError, OverflowError):
                raise self._invalid(text) from None
            return values
        if not texts or (texts[0] == "" and value_type.optional):
            if self.default is not REQUIRED:
                return self.default
            if value_type.optional:
                return None
            raise QueryParameterError(self.name, "is required")
        try:
            return value_type.parse(texts[0])
        except (ValueError, OverflowError):
            raise self._invalid(texts[0]) from None

    def _invalid(self, text: str) -> QueryParameterError:
        shown = text if len(text) <= 40 else text[:37] + "..."
        return QueryParameterError(
            self.name, f"must be {self.value_type.describe()}, not {shown!r}"
        )


@dataclasses.dataclass(frozen=True, slots=True)
class RequestParam:
    """A parameter read from the request's body, form, headers, cookies or
    files, as its marker says."""

    name: str
    """The parameter's name."""
    source: Source
    """Body, form, header, cookie or file."""
    annotation: t.Any
    """The annotation as written (``str`` without one, for a header,
    cookie or form field)."""
    key: str
    """The name as sent: the header (as declared, ``'X-Request-Id'``), the
    cookie, the form field or the file field; ``''`` for a body or a whole
    form."""
    marker: Marker
    """The marker the parameter has for default."""
    value_type: ValueType | None = None
    """How text becomes the value, for a header, a cookie or one form field."""
    decoder: Decoder[t.Any] | None = None
    """Decodes a body or a whole form."""
    optional: bool = False
    """``T | None``: absent is ``None``."""
    many: bool = False
    """``list[FileStorage]``: every file of the field."""
    environ_key: str = ""
    """For a header: its key in the WSGI environ (``'HTTP_X_REQUEST_ID'``)."""

    @property
    def default(self) -> t.Any:
        """The marker's default, or :data:`transom.request_data.UNSET`."""
        return self.marker.default

    @property
    def required(self) -> bool:
        """Whether a request must supply the value."""
        return self.marker.default is UNSET and not self.optional and not self.many


@dataclasses.dataclass(frozen=True, slots=True)
class HandlerSignature:
    """The parsed signature of a verb method or function route."""

    qualname: str
    """``'Post.get'`` or ``'hello'``: how errors and docs name the handler."""
    params: tuple[Param, ...]
    """The path and query parameters (every parameter after ``self`` but
    those of :attr:`request_params`), in order: what ``url_for`` takes."""
    return_annotation: t.Any
    """The return annotation, or ``inspect.Parameter.empty``."""
    doc: str | None
    """The handler's docstring, cleaned."""
    request_params: tuple[RequestParam, ...] = ()
    """The parameters read from the body, form, headers, cookies or files."""
    reader: RequestReader | None = None
    """Reads :attr:`request_params` from a request; ``None`` when there are none."""

    @property
    def path_params(self) -> tuple[Param, ...]:
        """The parameters filled from the route template."""
        return tuple(p for p in self.params if p.source is Source.PATH)

    @property
    def query_params(self) -> tuple[Param, ...]:
        """The parameters filled from the query string."""
        return tuple(p for p in self.params if p.source is Source.QUERY)

    @classmethod
    def from_callable(
        cls,
        fn: cabc.Callable[..., t.Any],
        *,
        rule: str,
        variables: cabc.Collection[str],
        registry: ConverterRegistry,
        is_method: bool,
        qualname: str | None = None,
        slashes: cabc.Collection[str] = (),
        localns: cabc.Mapping[str, t.Any] | None = None,
        explicit: cabc.Mapping[str, str] | None = None,
        absent: cabc.Mapping[str, str] | None = None,
        typevars: cabc.Mapping[t.Any, t.Any] | None = None,
    ) -> HandlerSignature:
        """Parse ``fn``'s signature against the route template's ``variables``.

        :param is_method: skip the first parameter (``self``).
        :param slashes: variables the rule gives werkzeug's ``path`` converter.
        :param localns: names visible where the route was registered, for
            annotations (strings under ``from __future__ import annotations``)
            that name a class local to a function, such as ``create_app()``.
        :param explicit: the converter the rule names for a variable
            (``{"post_id": "int"}`` for ``<int:post_id>``); it gives the
            type of a parameter without an annotation.
        :param absent: variables that another rule of the same view gives
            and this rule does not, each with that rule: such a parameter
            keeps its default here and is never read from the query string.
        :param typevars: the type each type variable stands for in the
            routed class (see :func:`class_typevars`), for a verb that a
            generic base defines (``def get(self, item_id: T)``).
        :raises RouteError: a template variable the handler does not accept,
            a parameter kind transom cannot fill, or a parameter that this
            rule leaves out and that has no default.
        :raises ConverterError: an annotation with no converter.
        """
        name: str = qualname or getattr(fn, "__qualname__", None) or repr(fn)
        try:
            signature = inspect.signature(fn)
        except (TypeError, ValueError) as e:
            raise RouteError(
                name, f"its signature cannot be read ({e})", "route a plain function"
            ) from None
        hints = _type_hints(fn, name, localns)
        if typevars:
            hints = {k: _substitute(v, typevars) for k, v in hints.items()}
        parameters = list(signature.parameters.values())
        if is_method:
            parameters = parameters[1:]
        params: list[Param] = []
        request_params: list[RequestParam] = []
        for parameter in parameters:
            where = f"parameter {parameter.name!r} of {name}()"
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                star = "*" if parameter.kind is parameter.VAR_POSITIONAL else "**"
                raise RouteError(
                    where,
                    f"transom passes path and query values by name and cannot fill"
                    f" {star}{parameter.name}",
                    "declare each value as its own annotated parameter; if a decorator"
                    " wraps the handler, have it use functools.wraps so that transom"
                    " sees the handler's own signature",
                )
            if parameter.kind is parameter.POSITIONAL_ONLY:
                raise RouteError(
                    where,
                    "it is positional-only, but transom passes values by name",
                    f"remove the '/' from the signature of {name}"
                    if hasattr(inspect.unwrap(fn), "__code__")
                    else "route a Python function that takes its values by name",
                )
            in_path = parameter.name in variables
            if isinstance(parameter.default, Marker):
                request_params.append(
                    _request_param(
                        parameter.name,
                        parameter.default,
                        hints.get(parameter.name, REQUIRED),
                        where,
                        registry,
                        rule=rule,
                        in_path=in_path or bool(absent and parameter.name in absent),
                    )
                )
                continue
            if not in_path and absent and parameter.name in absent:
                if parameter.default is parameter.empty:
                    raise RouteError(
                        where,
                        f"the rule {absent[parameter.name]!r} gives it but {rule!r}"
                        " does not, so it has no value there",
                        f"give it a default ('{parameter.name}: str | None = None'),"
                        f" or add <{parameter.name}> to {rule!r}",
                    )
                continue  # the function's default, never the query string
            annotation = hints.get(parameter.name, REQUIRED)
            if annotation is REQUIRED:
                # Unannotated: the rule's converter gives the type, as in
                # Flask (<int:post_id> is an int); otherwise text.
                named = explicit.get(parameter.name) if explicit and in_path else None
                annotation = (named and registry.type_for_name(named)) or str
            value_type = registry.resolve(
                t.Annotated[annotation, SLASHES]
                if parameter.name in slashes
                else annotation,
                where,
                in_path=in_path,
                has_default=parameter.default is not parameter.empty,
            )
            default = (
                REQUIRED if parameter.default is parameter.empty else parameter.default
            )
            source = Source.PATH if in_path else Source.QUERY
            params.append(
                Param(parameter.name, source, annotation, value_type, default)
            )
        accepted = {p.name for p in params}
        for variable in variables:
            if variable not in accepted:
                raise RouteError(
                    f"{name}()",
                    f"it does not accept the rule variable {variable!r} of {rule!r}",
                    f"add a parameter '{variable}: str' (or another type) to {name},"
                    f" or remove <{variable}> from the rule",
                )
        _check_request_params(request_params, name)
        return cls(
            qualname=name,
            params=tuple(params),
            return_annotation=hints.get("return", signature.return_annotation),
            doc=inspect.getdoc(fn),
            request_params=tuple(request_params),
            reader=RequestReader(request_params) if request_params else None,
        )


def class_typevars(cls: type) -> dict[t.Any, t.Any]:
    """The type each type variable of ``cls``'s generic bases stands for in
    ``cls``: ``{T: int}`` for ``class Posts(Items[int])``, through any
    number of generic classes between them."""
    found: dict[t.Any, t.Any] = {}
    for klass in cls.__mro__:  # the subclass first: it binds its bases' variables
        for base in vars(klass).get("__orig_bases__", ()):
            origin = t.get_origin(base)
            params: tuple[t.Any, ...] = getattr(origin, "__parameters__", ())
            args = t.get_args(base)
            if origin is t.Generic or len(params) != len(args):
                continue
            for param, arg in zip(params, args, strict=True):
                found.setdefault(param, _substitute(arg, found))
    return found


def _substitute(hint: t.Any, typevars: cabc.Mapping[t.Any, t.Any]) -> t.Any:
    """``hint`` with its type variables replaced (``list[T]`` as ``list[int]``)."""
    if isinstance(hint, t.TypeVar):
        return typevars.get(hint, hint)
    params: tuple[t.Any, ...] = getattr(hint, "__parameters__", ())
    if not any(param in typevars for param in params):
        return hint
    try:
        return hint[tuple(typevars.get(param, param) for param in params)]
    except TypeError:
        return hint


def _type_hints(
    fn: cabc.Callable[..., t.Any],
    name: str,
    localns: cabc.Mapping[str, t.Any] | None = None,
) -> dict[str, t.Any]:
    """Resolve the annotations; one that cannot be evaluated is an error for a
    parameter, and stays a string for the return value (it only feeds docs).

    The module's names come first; ``localns`` is tried only when they do not
    suffice, so a local variable never shadows a module-level name.
    """
    for local in ({}, localns or {}):
        try:
            return t.get_type_hints(fn, localns=dict(local), include_extras=True)
        except Exception:
            pass
    hints: dict[str, t.Any] = {}
    namespace = getattr(inspect.unwrap(fn), "__globals__", {})
    local = dict(localns or {})
    for key, raw in getattr(fn, "__annotations__", {}).items():
        try:
            hints[key] = eval(raw, namespace, local) if isinstance(raw, str) else raw
        except Exception as e:
            if key == "return":
                hints[key] = raw
                continue
            raise RouteError(
                f"{name}()",
                f"the annotation of {key!r} cannot be evaluated"
                f" ({type(e).__name__}: {e})",
                "define or import every name the annotations use at module level"
                " (outside 'if TYPE_CHECKING:'), or in the function that registers"
                " the route",
            ) from None
    return hints


_WHAT: t.Final = {
    "body": "the JSON body",
    "form": "the form",
    "header": "a header",
    "cookie": "a cookie",
    "file": "a file of the form",
}

# RFC 9110: a header name is a token; RFC 6265: so is a cookie name.
_token_re: t.Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def _request_param(
    name: str,
    marker: Marker,
    annotation: t.Any,
    where: str,
    registry: ConverterRegistry,
    *,
    rule: str,
    in_path: bool,
) -> RequestParam:
    """Read one marked parameter.

    :raises RouteError: the marker cannot apply to this parameter.
    :raises ConverterError: a header, cookie or form field type with no converter.
    """
    kind = marker.kind
    source = Source(kind)
    if in_path:
        raise RouteError(
            where,
            f"it is a variable of the rule {rule!r}, but its default {marker!r}"
            f" reads it from {_WHAT[kind]}",
            f"remove the default {marker!r}, or remove <{name}> from the rule",
        )
    if marker.name is not None and not _token_re.fullmatch(marker.name):
        raise RouteError(
            where,
            f"{marker!r} names {marker.name!r}, which is not a valid"
            f" {kind if kind != 'form' else 'form field'} name",
            "give the name as the client sends it, without spaces or separators"
            " such as ':' or ';'",
        )
    if kind == "body":
        if annotation is REQUIRED:
            raise RouteError(
                where,
                "Body() decodes the JSON body into the parameter's annotation, and"
                " it has none",
                f"annotate it with the body's type, as in '{name}: NewTask = Body()'",
            )
        return RequestParam(
            name,
            source,
            annotation,
            "",
            marker,
            decoder=_decoder(annotation, where, "body", marker),
            optional=_optional(annotation),
        )
    if kind == "file":
        many, optional = _file_shape(annotation, where, name)
        return RequestParam(
            name,
            source,
            annotation,
            marker.name or name,
            marker,
            optional=optional,
            many=many,
        )
    if kind == "form" and annotation is not REQUIRED and _structured(annotation):
        if marker.name is not None or marker.default is not UNSET:
            raise RouteError(
                where,
                f"{marker!r} gives one field, but the annotation"
                f" {_show(annotation)} takes the whole form",
                f"write '{name}: {_show(annotation)} = Form()' for the whole form,"
                " or annotate a single field's type (str, int, list[str], ...)",
            )
        return RequestParam(
            name,
            source,
            annotation,
            "",
            marker,
            decoder=_decoder(annotation, where, "form", marker),
        )
    if annotation is REQUIRED:
        annotation = str
    value_type = registry.resolve(
        annotation,
        where,
        in_path=False,
        has_default=marker.default is not UNSET,
    )
    if kind == "header":
        key = marker.name or name.replace("_", "-")
        upper = key.upper().replace("-", "_")
        environ_key = (
            upper if upper in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + upper
        )
    else:
        key = marker.name or name
        environ_key = ""
    return RequestParam(
        name,
        source,
        annotation,
        key,
        marker,
        value_type=value_type,
        optional=value_type.optional,
        many=value_type.many,
        environ_key=environ_key,
    )


def _decoder(
    annotation: t.Any,
    where: str,
    source: t.Literal["body", "form"],
    marker: Marker,
) -> Decoder[t.Any]:
    return decoder_for(annotation, where, source=source, unknown=marker.unknown)


def _split(annotation: t.Any) -> tuple[t.Any, bool]:
    """The annotation without ``Annotated`` and ``| None``, and whether it
    had ``| None``."""
    while t.get_origin(annotation) is t.Annotated:
        annotation = annotation.__origin__
    if t.get_origin(annotation) in (t.Union, types.UnionType):
        args = [a for a in t.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(args) < len(t.get_args(annotation)):
            inner, _ = _split(args[0])
            return inner, True
    return annotation, False


def _optional(annotation: t.Any) -> bool:
    return _split(annotation)[1]


def _structured(annotation: t.Any) -> bool:
    """Whether ``annotation`` is a record type (a dataclass, ``TypedDict``,
    pydantic model, attrs class or msgspec ``Struct``) rather than one value."""
    base: object = _split(annotation)[0]
    if not isinstance(base, type):
        return False
    cls = t.cast("type[object]", base)
    return (
        dataclasses.is_dataclass(cls)
        or te.is_typeddict(cls)
        or hasattr(cls, "__pydantic_fields__")
        or hasattr(cls, "__attrs_attrs__")
        or hasattr(cls, "__struct_fields__")
    )


def _file_shape(annotation: t.Any, where: str, name: str) -> tuple[bool, bool]:
    """``(many, optional)`` of a ``File()`` parameter's annotation.

    :raises RouteError: not ``FileStorage``, ``FileStorage | None`` or
        ``list[FileStorage]``.
    """
    base, optional = _split(annotation)
    many = False
    if t.get_origin(base) is list and not optional:
        (base,) = t.get_args(base) or (None,)
        base, inner_optional = _split(base)
        many = not inner_optional
    if not (isinstance(base, type) and issubclass(base, FileStorage)):
        shown = "no annotation" if annotation is REQUIRED else _show(annotation)
        raise RouteError(
            where,
            f"File() gives the uploaded file as a FileStorage, but the annotation is"
            f" {shown}",
            f"annotate it '{name}: FileStorage = File()', 'FileStorage | None' or"
            " 'list[FileStorage]' (FileStorage from transom)",
        )
    return many, optional


def _check_request_params(params: cabc.Sequence[RequestParam], name: str) -> None:
    """Refuse markers that cannot all be read from one request.

    :raises RouteError: two bodies, a JSON body with a form, or a whole
        form with another form field.
    """
    bodies = [p for p in params if p.source is Source.BODY]
    forms = [p for p in params if p.source in (Source.FORM, Source.FILE)]
    if len(bodies) > 1:
        first, second = bodies[0].name, bodies[1].name
        raise RouteError(
            f"{name}()",
            f"parameters {first!r} and {second!r} both read the JSON body, and a"
            " request has one",
            "declare one Body() parameter whose type holds both (a dataclass with a"
            " field for each)",
        )
    if bodies and forms:
        raise RouteError(
            f"{name}()",
            f"parameter {bodies[0].name!r} reads the JSON body, and"
            f" {forms[0].name!r} reads {_WHAT[forms[0].source.value]}, but a request"
            " has one body, JSON or form",
            "read both from the JSON body (Body()), or both from the form"
            " (Form(), File())",
        )
    whole = [p for p in forms if p.decoder is not None]
    if whole and len([p for p in forms if p.source is Source.FORM]) > 1:
        other = next(p for p in forms if p.source is Source.FORM and p is not whole[0])
        raise RouteError(
            f"{name}()",
            f"parameter {whole[0].name!r} takes the whole form, so {other.name!r}"
            " would read a field of it too",
            f"add the field to the type of {whole[0].name!r}, or read each field"
            " with its own Form() parameter",
        )


def _show(annotation: t.Any) -> str:
    if isinstance(annotation, type):
        return annotation.__qualname__
    return repr(annotation).replace("typing.", "")
