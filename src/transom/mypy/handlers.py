"""What a route's handlers look like to the type checker.

The plugin reads verb methods and function routes from mypy's symbol tables
and types, never from the running code, and describes each parameter's
converter the way ``transom.params`` would at registration.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import re
import typing as t

from mypy.expandtype import expand_type_by_instance
from mypy.maptype import map_instance_to_supertype
from mypy.messages import format_type_bare
from mypy.nodes import ARG_STAR
from mypy.nodes import ARG_STAR2
from mypy.nodes import ArgKind
from mypy.nodes import Decorator
from mypy.nodes import FuncDef
from mypy.nodes import TypeInfo
from mypy.types import AnyType
from mypy.types import CallableType
from mypy.types import Instance
from mypy.types import LiteralType
from mypy.types import NoneType
from mypy.types import ProperType
from mypy.types import TupleType
from mypy.types import Type
from mypy.types import TypeOfAny
from mypy.types import TypeVarType
from mypy.types import UnionType
from mypy.types import get_proper_type
from mypy.typevars import fill_typevars

from . import names
from .hooks.request_data import MarkerCall
from .hooks.request_data import calls_of
from .hooks.request_data import markers_of

if t.TYPE_CHECKING:
    from mypy.nodes import Argument
    from mypy.options import Options


@dataclasses.dataclass(frozen=True, slots=True)
class Handler:
    """A verb method or a function route, as its signature declares it."""

    qualname: str
    """``'Post.get'`` or ``'hello'``, as transom names it in errors."""
    signature: CallableType
    """The signature, without ``self`` for a verb method."""
    request_data: cabc.Mapping[str, str] = dataclasses.field(
        default_factory=dict[str, str]
    )
    """The parameters read from the request (``Body()``, ``Header()``, ...),
    each with its marker's name: not path or query values."""
    positional_only: tuple[str, ...] = ()
    """The names of the positional-only parameters (``def get(self, x, /)``),
    which the signature leaves unnamed and transom cannot fill."""
    marker_calls: cabc.Mapping[str, MarkerCall] = dataclasses.field(
        default_factory=dict[str, MarkerCall]
    )
    """What the marker of each parameter of :attr:`request_data` says."""

    @property
    def param_names(self) -> list[str]:
        """The names of the parameters transom fills."""
        return [n for n in self.signature.arg_names if n is not None]

    def param_type(self, name: str) -> Type | None:
        """The declared type of a parameter, or ``None`` when there is none."""
        for arg_name, arg_type in zip(
            self.signature.arg_names, self.signature.arg_types, strict=True
        ):
            if arg_name == name:
                return arg_type
        return None

    def has_default(self, name: str) -> bool:
        """Whether the parameter ``name`` has a default."""
        for arg_name, kind in zip(
            self.signature.arg_names, self.signature.arg_kinds, strict=True
        ):
            if arg_name == name:
                return kind.is_optional()
        return False


def is_view(info: TypeInfo) -> bool:
    """Whether ``info`` is a subclass of ``transom.View``."""
    return info.has_base(names.VIEW) and info.fullname != names.VIEW


def verb_handlers(info: TypeInfo, function_type: Instance) -> dict[str, Handler]:
    """The handler of each verb a View subclass defines, its own or inherited.

    :param function_type: ``builtins.function``, the fallback of signatures
        made up for methods without annotations.

    Like transom, this skips a name that is not a plain method (``get =
    None`` switches an inherited verb off; :func:`verb_problems` reports a
    static or class method); the declarations on ``View`` itself only type
    the verbs and handle nothing. A verb inherited from a generic base
    (``class Posts(Items[int])``) takes the types the subclass gives the
    base's type variables, as transom reads them at registration.
    """
    found: dict[str, Handler] = {}
    for verb in names.VERBS:
        defined = _verb_method(info, verb)
        if defined is None:
            continue
        base, node = defined
        signature = _signature(node, function_type)
        if signature is not None:
            if base is not info and base.type_vars:
                signature = _as_inherited(signature, info, base)
            found[verb] = Handler(
                f"{info.name}.{verb}",
                drop_self(signature),
                markers_of(node),
                _positional_only(node, signature)[1:],
                calls_of(node),
            )
    return found


def verb_names(info: TypeInfo) -> list[str]:
    """The verbs a View subclass handles, its own or inherited (as
    :func:`verb_handlers`, without reading their signatures)."""
    return [verb for verb in names.VERBS if _verb_method(info, verb) is not None]


def _verb_method(info: TypeInfo, verb: str) -> tuple[TypeInfo, FuncDef] | None:
    """The class that defines ``verb`` nearest in ``info``'s MRO, below
    ``View``, and its method; ``None`` when that definition is not a plain
    method (``get = None``, a static or class method) or there is none."""
    for base in info.mro:
        if base.fullname in (names.VIEW, "builtins.object"):
            return None
        symbol = base.names.get(verb)
        if symbol is None:
            continue
        node = symbol.node
        if isinstance(node, Decorator) and not node.var.is_property:
            node = node.func
        if isinstance(node, FuncDef) and not (node.is_static or node.is_class):
            return base, node
        return None
    return None


def verb_problems(info: TypeInfo) -> list[tuple[str, str]]:
    """Each verb that transom refuses to call, with what it is: ``('get',
    'staticmethod')``; also ``'async def'`` for a coroutine function."""
    found: list[tuple[str, str]] = []
    for verb in names.VERBS:
        for base in info.mro:
            if base.fullname in (names.VIEW, "builtins.object"):
                break
            symbol = base.names.get(verb)
            if symbol is None:
                continue
            node = symbol.node
            if isinstance(node, Decorator) and not node.var.is_property:
                node = node.func
            if isinstance(node, FuncDef):
                if node.is_static:
                    found.append((verb, "staticmethod"))
                elif node.is_class:
                    found.append((verb, "classmethod"))
                elif node.is_coroutine or node.is_async_generator:
                    found.append((verb, "async def"))
            break
    return found


def required_init_params(info: TypeInfo) -> bool:
    """Whether constructing the View needs arguments: its ``__init__`` (its
    own or inherited) has a parameter after ``self`` without a default."""
    for base in info.mro:
        if base.fullname in (names.VIEW, "builtins.object"):
            return False
        symbol = base.names.get("__init__")
        if symbol is None:
            continue
        node = symbol.node
        if isinstance(node, Decorator):
            node = node.func
        if not isinstance(node, FuncDef):
            return False
        return any(kind.is_required() for kind in node.arg_kinds[1:])
    return False


def _as_inherited(
    signature: CallableType, info: TypeInfo, base: TypeInfo
) -> CallableType:
    """``signature``, defined on the generic ``base``, as ``info`` inherits it."""
    mapped = map_instance_to_supertype(fill_typevars_as_instance(info), base)
    return expand_type_by_instance(signature, mapped)


def fill_typevars_as_instance(info: TypeInfo) -> Instance:
    """``info`` as an instance of itself, its own type variables as arguments."""
    filled = fill_typevars(info)
    return filled if isinstance(filled, Instance) else filled.partial_fallback


def _positional_only(node: FuncDef, signature: CallableType) -> tuple[str, ...]:
    """The names of ``node``'s positional-only parameters, in order (the
    first one included, ``self`` for a method).

    Types and mypy's cache leave them unnamed; the syntax tree names them,
    and a function loaded from the cache has none (python/mypy#11899): there
    each one is named by its position."""
    arguments: list[Argument] = getattr(node, "arguments", None) or []
    found: list[str] = []
    for index, name in enumerate(signature.arg_names):
        if name is None and signature.arg_kinds[index].is_positional():
            if index < len(arguments):
                found.append(arguments[index].variable.name)
            else:
                found.append(f"#{index + 1}")
    return tuple(found)


def function_handler(signature: CallableType) -> Handler | None:
    """The handler of a function route, or ``None`` when the type does not
    name every parameter (a ``Callable[[int], str]`` made by a factory):
    transom fills parameters by name, so there is nothing to check. A
    function's positional-only parameters are named by its definition."""
    if signature.name is None:
        return None
    definition = signature.definition
    positional_only: tuple[str, ...] = ()
    if None in signature.arg_names:
        if not isinstance(definition, FuncDef) or len(definition.arg_kinds) != len(
            signature.arg_names
        ):
            return None
        positional_only = _positional_only(definition, signature)
    return Handler(
        signature.name.split(" of ")[0],
        signature,
        markers_of(definition if isinstance(definition, FuncDef) else None),
        positional_only,
        calls_of(definition if isinstance(definition, FuncDef) else None),
    )


def _signature(node: FuncDef, function_type: Instance) -> CallableType | None:
    if isinstance(node.type, CallableType):
        return node.type
    if node.type is None:  # no annotations: every parameter is Any
        # arg_kinds and arg_names, not the syntax tree's ``arguments``: a
        # function loaded from mypy's cache keeps only these (python/mypy#11899).
        untyped = AnyType(TypeOfAny.unannotated)
        return CallableType(
            [untyped] * len(node.arg_kinds),
            list(node.arg_kinds),
            list(node.arg_names),
            untyped,
            function_type,
            name=node.name,
            definition=node,
        )
    return None


def drop_self(signature: CallableType) -> CallableType:
    """``signature`` without its first parameter (``self``)."""
    if not signature.arg_types:
        return signature
    return with_params(
        signature,
        signature.arg_types[1:],
        signature.arg_kinds[1:],
        signature.arg_names[1:],
    )


def with_params(
    signature: CallableType,
    arg_types: cabc.Sequence[Type],
    arg_kinds: list[ArgKind],
    arg_names: cabc.Sequence[str | None],
    *,
    ret_type: Type | None = None,
) -> CallableType:
    """A plain (not generic) copy of ``signature`` with other parameters."""
    # Not CallableType.copy_modified(): its parameters are typed through
    # mypy_extensions.FlexibleAlias, which only mypy understands.
    return CallableType(
        arg_types,
        arg_kinds,
        arg_names,
        signature.ret_type if ret_type is None else ret_type,
        signature.fallback,
        name=signature.name,
        definition=signature.definition,
    )


def star_params(handler: Handler) -> list[str]:
    """The ``*args``/``**kwargs`` parameters, which transom cannot fill."""
    stars = {ARG_STAR: "*", ARG_STAR2: "**"}
    return [
        f"{stars[kind]}{name}"
        for kind, name in zip(
            handler.signature.arg_kinds, handler.signature.arg_names, strict=True
        )
        if kind in stars and name is not None
    ]


def converter_problem(
    typ: Type,
    *,
    in_path: bool,
    converters: frozenset[str] | None,
    options: Options,
    has_default: bool = False,
) -> str | None:
    """Why transom has no converter for a parameter of type ``typ``, or
    ``None`` when it has one (or the plugin cannot tell). A path parameter
    may be ``T | None`` when it has a default, as transom allows it for a
    view that another rule routes without it.

    :param converters: every type with a registered converter, or ``None``
        when the settings do not list them: then a plain class may have one.
    """
    proper = get_proper_type(typ)
    shown = format_type_bare(typ, options)
    if isinstance(proper, UnionType):
        items = [get_proper_type(i) for i in proper.items]
        values = [i for i in items if not isinstance(i, NoneType)]
        optional = len(values) < len(items)
        if optional and in_path and not has_default:
            return f"a path parameter cannot be {shown}"
        if all(isinstance(i, LiteralType) for i in values):
            return _literal_problem(values, shown)
        if len(values) != 1:
            return f"the annotation {shown} is a union transom cannot convert to"
        proper = values[0]
    if isinstance(proper, Instance) and proper.type.fullname == "builtins.list":
        if in_path:
            return f"a path parameter cannot be {shown}"
        if not proper.args:
            return None
        proper = get_proper_type(proper.args[0])
    if isinstance(proper, UnionType):  # Literal[1, 2] is a union of literals
        items = [get_proper_type(i) for i in proper.items]
        if all(isinstance(i, LiteralType) for i in items):
            return _literal_problem(items, shown)
    return _single_problem(proper, shown, converters)


def _single_problem(
    proper: ProperType, shown: str, converters: frozenset[str] | None
) -> str | None:
    if isinstance(proper, AnyType):
        if proper.type_of_any == TypeOfAny.explicit:
            return f"no converter for the annotation {shown}"
        return None  # unannotated, or an error mypy reports already
    if isinstance(proper, LiteralType):
        return _literal_problem([proper], shown)
    if (
        isinstance(proper, TupleType)
        and proper.partial_fallback.type.fullname != "builtins.tuple"
    ):
        proper = proper.partial_fallback  # a NamedTuple: a class of its own
    if isinstance(proper, Instance):
        info = proper.type
        if info.is_enum:
            return None
        if _has_converter(info.fullname, converters):
            return None
        if converters is None and not proper.args:
            return None  # app.register_converter() may give it one
        if info.is_newtype:
            return f"no converter for the annotation {shown}"
        for base in info.mro[1:]:
            if base.fullname == "builtins.object":
                break
            if _has_converter(base.fullname, converters):
                return (
                    f"no converter for the annotation {shown}; the converter of its"
                    f" base class {base.name} would give a {base.name}, not a {shown}"
                )
        return f"no converter for the annotation {shown}"
    if isinstance(proper, TypeVarType):
        return (
            f"no converter for the annotation {shown}, a type variable that the"
            " routed view does not bind"
        )
    if isinstance(proper, UnionType | NoneType | TupleType):
        return f"no converter for the annotation {shown}"
    return None  # the like: leave them to run time


def _has_converter(fullname: str, converters: frozenset[str] | None) -> bool:
    return fullname in names.BUILTIN_CONVERTER_TYPES or (
        converters is not None and fullname in converters
    )


def _literal_problem(values: list[ProperType], shown: str) -> str | None:
    for value in values:
        if isinstance(value, LiteralType) and value.fallback.type.fullname not in (
            "builtins.str",
            "builtins.int",
            "builtins.bool",
        ):
            if not value.fallback.type.is_enum:
                return f"{shown} has values that are not str, int or Enum"
    return None


def explicit_converter_type(name: str) -> str | None:
    """The full name of the type a converter name gives, or ``None`` for
    ``any`` and for names the plugin does not know."""
    return names.CONVERTER_NAME_TYPES.get(name)


def agrees_with_any(typ: Type) -> bool:
    """Whether ``<any(...):name>`` suits a parameter of type ``typ``:
    a ``Literal``, an ``Enum`` or ``str``."""
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return all(isinstance(get_proper_type(i), LiteralType) for i in proper.items)
    if isinstance(proper, LiteralType):
        return True
    return isinstance(proper, Instance) and (
        proper.type.is_enum or proper.type.fullname == "builtins.str"
    )


def without_none(typ: Type) -> Type:
    """``typ`` without ``None``: ``int`` for ``int | None``, as transom
    converts an optional path parameter (one with a default)."""
    proper = get_proper_type(typ)
    if not isinstance(proper, UnionType):
        return typ
    items = [i for i in proper.items if not isinstance(get_proper_type(i), NoneType)]
    if len(items) == len(proper.items):
        return typ
    return UnionType.make_union(items)


def base_fullname(typ: Type) -> str | None:
    """The full name of a plain class type, or ``None``."""
    proper = get_proper_type(typ)
    return proper.type.fullname if isinstance(proper, Instance) else None


def registrable_fullname(typ: Type) -> str | None:
    """The full name of a plain class a converter could be registered for
    (not ``object``, not a parameterized generic), or ``None``."""
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance) or proper.args:
        return None
    fullname = proper.type.fullname
    return None if fullname == "builtins.object" else fullname


def endpoint_name(view_name: str, *, is_class: bool) -> str:
    """The endpoint transom gives a view by default (``routing.endpoint_name``)."""
    if not is_class:
        return view_name
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", view_name)
    return snake.lower()
