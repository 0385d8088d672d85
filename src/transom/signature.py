"""A handler's signature, parsed once at registration into frozen data.

Dispatch reads :class:`HandlerSignature` and never calls :mod:`inspect`
per request. A parameter named in the route template comes from the path;
every other parameter comes from the query string.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import enum
import inspect
import typing as t

import typing_extensions as te

from .exceptions import QueryParameterError
from .exceptions import RouteError
from .params import SLASHES

if t.TYPE_CHECKING:
    from .params import ConverterRegistry
    from .params import ValueType


class Source(enum.Enum):
    """Where a parameter's value comes from."""

    PATH = "path"
    QUERY = "query"


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
class HandlerSignature:
    """The parsed signature of a verb method or function route."""

    qualname: str
    """``'Post.get'`` or ``'hello'``: how errors and docs name the handler."""
    params: tuple[Param, ...]
    """Every parameter after ``self``, in order."""
    return_annotation: t.Any
    """The return annotation, or ``inspect.Parameter.empty``."""
    doc: str | None
    """The handler's docstring, cleaned."""

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
        parameters = list(signature.parameters.values())
        if is_method:
            parameters = parameters[1:]
        params: list[Param] = []
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
                    "remove the '/' from the signature",
                )
            in_path = parameter.name in variables
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
        return cls(
            qualname=name,
            params=tuple(params),
            return_annotation=hints.get("return", signature.return_annotation),
            doc=inspect.getdoc(fn),
        )


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
