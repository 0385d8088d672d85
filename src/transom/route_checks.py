"""Checks of a route's view and rule made when it is registered: what can
be routed, which methods a function answers, and whether a rule's
converters agree with the view's annotations. Nothing here runs per
request.
"""

from __future__ import annotations

import collections.abc as cabc
import enum
import inspect
import re
import typing as t

from werkzeug.routing import Map

from .exceptions import ConverterError
from .exceptions import MethodsTypeError
from .exceptions import RouteError
from .params import SLASHES
from .views import is_view_class
from .views import verb_methods

if t.TYPE_CHECKING:
    from .params import ConverterRegistry
    from .signature import Param
    from .views import View


# RFC 9110: a method is a token; it goes out in the Allow header.
METHOD_RE: t.Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def handler_functions(
    view: object, where: str, methods: cabc.Iterable[str] | None
) -> tuple[dict[str, cabc.Callable[..., t.Any]], bool]:
    """The functions that answer each method of ``view`` (a View's verbs,
    or the function for each of ``methods``), and whether it is a View.

    :raises RouteError: ``view`` cannot be routed so.
    """
    if is_view_class(view):
        if methods is not None:
            raise RouteError(
                where,
                "methods= applies to function routes, but a View answers the verbs"
                " it defines",
                f"define the verb methods on {where} and drop methods=",
            )
        functions = verb_methods(view)
        if not functions:
            raise RouteError(
                where,
                "it defines no verb methods",
                f"add a method such as 'def get(self) -> str' to {where}",
            )
        check_constructible(view, where)
        return functions, True
    if isinstance(view, type) or not callable(view):
        raise RouteError(
            where,
            "a route needs a transom.View subclass or a function",
            "subclass transom.View, or decorate a function",
        )
    owner = owner_of_unbound(view)
    if owner is not None:
        raise RouteError(
            where,
            "it is a method taken from its class, so transom would have to fill 'self'",
            f"route a bound method, as in app.add_route(rule,"
            f" {owner}().{where.rpartition('.')[2]}), or make {owner} a"
            " transom.View subclass",
        )
    wanted = check_methods(where, methods)
    if inspect.iscoroutinefunction(view) or inspect.isasyncgenfunction(view):
        raise RouteError(
            where,
            "it is 'async def', but transom serves WSGI and calls views synchronously",
            "define it with 'def'",
        )
    return {m: t.cast("cabc.Callable[..., t.Any]", view) for m in wanted}, False


def check_slash_variables(
    map: Map, where: str, variables: tuple[t.Any, ...], chosen: dict[str, str]
) -> None:
    """Refuse a rule with two variables that may hold slashes.

    The rule becomes one regular expression with a lazy ``.*?`` (or a
    user converter's slash-matching pattern) per such variable, and
    matching a path that fails near its end then tries every split:
    two of them make each request quadratic in the path's length (a
    64 KiB path took seconds), three cubic. Which slash separates the
    two values is ambiguous anyway.
    """
    slashed: list[str] = []
    for variable in variables:
        name = variable.converter or chosen.get(variable.name, "default")
        # _converter_name registers factories, not classes
        converter = t.cast(object, map.converters.get(name))
        if converter is not None and not isinstance(converter, type):
            factory = t.cast("t.Callable[[Map], object]", converter)
            converter = factory(map)
        if not getattr(converter, "part_isolating", True):
            slashed.append(variable.name)
    if len(slashed) > 1:
        names = " and ".join(repr(name) for name in slashed)
        raise RouteError(
            where,
            f"the variables {names} may both hold slashes, and matching such a"
            " rule takes time that grows with the square of the path's length"
            " (a denial of service with long paths); which slash separates"
            " them is ambiguous too",
            f"take the rest of the path in one PathStr parameter and split it"
            f" in the view, or make all but one of {names} a type without"
            " slashes (str, int, ...)",
        )


def check_explicit(
    registry: ConverterRegistry, rule: str, variable: t.Any, qualname: str, param: Param
) -> None:
    """Refuse an explicit ``<name:variable>`` whose converter is unknown or
    gives another type than the parameter's annotation.

    :raises ConverterError: either.
    """
    name = variable.converter
    if name not in registry.names:
        known = ", ".join(sorted(registry.names))
        raise ConverterError(
            f"{qualname}() at route {rule!r}",
            f"the converter {name!r} does not exist",
            f"use one of {known}, or register it with app.register_converter(..., name={name!r})",
        )
    base = param.value_type.base
    expected = registry.type_for_name(name)
    if name == "any":
        agrees = (
            t.get_origin(base) is t.Literal
            or base is str
            or (isinstance(base, type) and issubclass(base, enum.Enum))
        )
    else:
        agrees = base is expected
    if not agrees:
        wants = "a Literal, an Enum or str" if expected is None else show(expected)
        raise ConverterError(
            f"parameter {param.name!r} of {qualname}()",
            f"the rule {rule!r} converts it with <{name}:...>, which gives {wants},"
            f" but it is annotated {show(param.annotation)}",
            f"annotate it as {wants}, or write <{variable.name}> and let the"
            " annotation choose the converter",
        )


def owner_of_unbound(view: object) -> str | None:
    """For a method defined in a class body and taken from the class
    (``Things.show``), whose first parameter is ``self``: the class's name."""
    if not inspect.isfunction(view):
        return None
    owner = view.__qualname__.rpartition(".")[0]
    if not owner or owner.endswith("<locals>"):
        return None
    code = view.__code__
    if code.co_argcount == 0 or code.co_varnames[0] != "self":
        return None
    return owner.rpartition(".")[2]


def check_constructible(cls: type[View], where: str) -> None:
    """Refuse a view whose ``__init__`` needs arguments: transom creates a
    fresh instance for every request, with none."""
    try:
        inspect.signature(cls).bind()
    except TypeError:
        raise RouteError(
            where,
            "its __init__ requires arguments, but transom creates a fresh instance"
            " per request without any",
            "give every __init__ parameter a default, or set the values in the"
            " verb methods",
        ) from None
    except ValueError:  # no signature to read (a C-level __init__): trust it
        pass


def show(annotation: t.Any) -> str:
    """An annotation as messages write it."""
    if isinstance(annotation, type):
        return annotation.__qualname__
    text = repr(annotation).replace("typing.", "")
    return text.replace(repr(SLASHES), "PathStr")


def check_methods(where: str, methods: cabc.Iterable[str] | None) -> list[str]:
    """The upper-case method names a function route answers (``GET`` when
    ``methods`` is ``None``).

    :raises RouteError: a name that is not an HTTP method, or none at all.
    :raises MethodsTypeError: ``methods`` is one string.
    """
    if isinstance(methods, str):
        raise MethodsTypeError(
            where,
            f"methods={methods!r} is a string, not a list of method names",
            f"pass a list: methods={methods.split() or [methods]!r}",
        )
    wanted = ["GET"] if methods is None else [m.upper() for m in methods]
    for method in wanted:
        if METHOD_RE.fullmatch(method) is None:
            raise RouteError(
                where,
                f"{method!r} in methods= is not an HTTP method name",
                "name it with letters (an RFC 9110 token), such as 'GET' or 'PURGE'",
            )
    if not wanted:
        raise RouteError(
            where,
            "methods=[] names no HTTP method, so the route could never answer",
            "list the methods, such as methods=['GET', 'POST'], or leave out"
            " methods= for GET",
        )
    return wanted
