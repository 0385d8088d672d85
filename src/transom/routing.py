"""Routes and the router: registration, matching and URL building.

The router validates a route completely when it is added: every template
variable must be accepted by every verb, every annotation must have a
converter, an explicit ``<conv:name>`` must agree with the annotation, and
an endpoint may not be bound to two views. Matching is werkzeug's.

This module does no I/O and touches no globals.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import functools
import inspect
import itertools
import re
import typing as t
from urllib.parse import quote

import typing_extensions as te
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.routing import RuleFactory
from werkzeug.routing import WebsocketMismatch
from werkzeug.routing.exceptions import NoMatch
from werkzeug.routing.exceptions import RequestAliasRedirect
from werkzeug.routing.exceptions import RequestPath

from ._direct import RouterMethodNotAllowed
from ._matcher import Walker
from .converters import BoolConverter
from .converters import ChoiceConverter
from .converters import Converter
from .converters import FloatConverter
from .converters import IntConverter
from .converters import PathConverter
from .converters import StrConverter
from .converters import UUIDConverter
from .converters import ValidationError
from .exceptions import ConverterError
from .exceptions import DuplicateEndpointError
from .exceptions import RouteError
from .route_checks import check_explicit
from .route_checks import check_slash_variables
from .route_checks import handler_functions
from .route_checks import show
from .rules import RuleSyntaxError
from .rules import parse_rule
from .rules import rewrite_rule
from .signature import REQUIRED
from .signature import HandlerSignature
from .signature import Param
from .signature import Source
from .signature import class_typevars
from .views import is_view_class

if t.TYPE_CHECKING:
    from werkzeug.routing import MapAdapter

    from .params import ConverterRegistry
    from .request_data import RequestReader
    from .scope import ScopeChain
    from .scope import URLDefaultsCallable
    from .views import View


_ORDER: t.Final = {
    m: i
    for i, m in enumerate(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
}


@dataclasses.dataclass(frozen=True, slots=True)
class Handler:
    """What serves one HTTP method of a route."""

    method: str
    """The HTTP method, upper case."""
    function: cabc.Callable[..., t.Any]
    """The verb method or function route, undecorated."""
    signature: HandlerSignature
    """Its parsed signature."""
    call: cabc.Callable[..., t.Any]
    """Takes the parameters by keyword and returns the response value; for a
    class view it makes a fresh instance and applies ``decorators``."""
    query_params: tuple[Param, ...]
    """The parameters read from the query string, precomputed."""
    view_class: type[View] | None = None
    """For a class view without ``decorators``: the class, so that the app
    calls ``function(view_class(), ...)`` itself, one call fewer than
    through :attr:`call`. ``None`` when :attr:`call` must be used."""
    reader: RequestReader | None = None
    """Reads the body, form, headers, cookies and files the handler
    declares; ``None`` when it declares none."""


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class Route:
    """A registered route."""

    rule: str
    """The rule as written."""
    endpoint: str
    """The endpoint name (``url_for("post", ...)``)."""
    view: object
    """The :class:`~transom.View` subclass or function."""
    handlers: cabc.Mapping[str, Handler]
    """The handler of each method the view defines (``HEAD`` and
    ``OPTIONS`` only when defined)."""
    methods: frozenset[str]
    """Every method the route answers, ``HEAD`` and ``OPTIONS`` included."""
    allow: str
    """The ``Allow`` header value, precomputed."""
    werkzeug_rule: Rule
    """The rule as werkzeug matches it, converters filled in."""
    docs: bool = True
    """Whether the generated documentation shows the route."""
    variables: frozenset[str] = frozenset()
    """The names of the rule's variables."""
    scope: ScopeChain | None = None
    """The blueprints the route belongs to, with their hooks; ``None`` for
    a route of the app itself."""

    @property
    def blueprint(self) -> str | None:
        """The full name of the route's innermost blueprint, if any."""
        return self.scope.name if self.scope is not None else None

    subdomain: str | None = None
    """The subdomain the route answers on (with the app's
    ``subdomain_matching``), ``None`` for the app's own host."""
    host: str | None = None
    """The host the route answers on (with the app's ``host_matching``)."""

    @property
    def is_class_view(self) -> bool:
        """Whether the view is a :class:`~transom.View` subclass."""
        return is_view_class(self.view)

    @property
    def view_name(self) -> str:
        """``module.Qualname`` of the view."""
        module = getattr(self.view, "__module__", "?")
        return f"{module}.{getattr(self.view, '__qualname__', repr(self.view))}"


def order_methods(methods: cabc.Iterable[str]) -> list[str]:
    """``methods`` without duplicates, in the order ``Allow`` headers list
    them: ``GET``, ``HEAD``, ``POST``, ``PUT``, ``PATCH``, ``DELETE``,
    ``OPTIONS``, then any other method alphabetically."""
    return sorted(set(methods), key=lambda m: (_ORDER.get(m, len(_ORDER)), m))


@functools.lru_cache(maxsize=64)
def _ordered_methods(methods: frozenset[str]) -> tuple[str, ...]:
    # A 405 on a route lists the same methods every time; sort them once.
    return tuple(order_methods(methods))


def endpoint_name(view: object) -> str:
    """The default endpoint: a function's name, or a class's name in snake case
    (``BlogPost`` becomes ``'blog_post'``)."""
    name: str = getattr(view, "__name__", "")
    if isinstance(view, type):
        name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
        return name.lower()
    return name


def _class_call(
    cls: type[View], function: cabc.Callable[..., t.Any]
) -> cabc.Callable[..., t.Any]:
    def call(**kwargs: t.Any) -> t.Any:
        return function(cls(), **kwargs)

    functools.update_wrapper(call, function)
    for decorator in cls.decorators:
        call = decorator(call)
    return call


class _RouterMap(Map):
    """werkzeug's ``Map``, whose rules only the router adds: a rule added
    to ``app.url_map`` directly would have no view, its variables no
    converter checked against an annotation, and it would fail on the
    first request it matched."""

    @te.override
    def add(self, rulefactory: RuleFactory) -> None:
        raise RouteError(
            "app.url_map.add()",
            "a rule added to werkzeug's map directly is not checked and has"
            " no view to dispatch to",
            "route the view with app.add_url_rule(rule, endpoint, view_func)"
            " or @app.route(rule); for a Submount, give each rule its full path",
        )


class Router:
    """All routes of an application, over a werkzeug ``Map``."""

    def __init__(
        self,
        registry: ConverterRegistry,
        *,
        strict_slashes: bool = True,
        host_matching: bool = False,
    ) -> None:
        self.registry = registry
        """The converters for annotations."""
        self.map: Map = _RouterMap(
            strict_slashes=strict_slashes, host_matching=host_matching
        )
        """The werkzeug map that matches and builds URLs."""
        # Explicit names with arguments (<int(min=1):id>) are instantiated by
        # werkzeug from map.converters; without this they would be werkzeug's
        # own, whose int accepts any Unicode digit.
        self.sync_converters()
        self.routes: list[Route] = []
        """Every route, in registration order."""
        self._by_rule: dict[int, Route] = {}
        self._by_endpoint: dict[str, Route] = {}
        self._by_target: dict[object, Route | None] = {}
        self._routes_of_view: dict[object, list[Route]] = {}
        """The routes of each view (by :func:`_view_key`), in registration order."""
        self._verb_of: dict[object, str] = {}
        """The method each class view's verb function serves."""
        self._seen: dict[tuple[str, str, str | None, str | None], Route] = {}
        self._names = (f"_transom{i}" for i in itertools.count())
        self._static_matches: dict[tuple[str, str], Route] = {}
        self._walker = Walker(vars(self.map)["_matcher"])
        self._plain_routes: dict[int, Route] = {}
        """Routes by the id of their rule, for rules that never redirect."""
        self.build_adapters: dict[tuple[object, ...], MapAdapter] = {}
        """Adapters bound to earlier requests, kept for building URLs by
        what binding read from their environ (see
        :attr:`transom.ctx.RequestContext.build_adapter`)."""

    def add(
        self,
        rule: str,
        view: object,
        *,
        endpoint: str | None = None,
        methods: cabc.Iterable[str] | None = None,
        localns: cabc.Mapping[str, t.Any] | None = None,
        docs: bool = True,
        chain: ScopeChain | None = None,
        defaults: cabc.Mapping[str, t.Any] | None = None,
        subdomain: str | None = None,
        host: str | None = None,
    ) -> Route:
        """Register ``view`` (a View subclass or a function) at ``rule``.

        :param localns: names visible where the route is registered, used for
            annotations that module-level names do not resolve.
        :param docs: whether the generated documentation shows the route.
        :param chain: the blueprints the route belongs to.
        :param defaults: values the view receives besides the path's; it
            must accept each, as a path variable.
        :param subdomain: the subdomain the rule answers on; it may hold
            variables (``"<user>"``), which the view accepts as path values.
            For a map without host matching.
        :param host: the host the rule answers on, variables allowed; only
            for a map with host matching, where every rule has one.

        :raises RouteError: anything that would fail at request time.
        """
        where = getattr(view, "__qualname__", repr(view))
        domain = host if self.map.host_matching else subdomain
        try:
            variables = parse_rule(rule)
            if domain:
                in_domain = parse_rule(domain, domain=True)
                twice = {v.name for v in in_domain} & {v.name for v in variables}
                if twice:
                    raise RuleSyntaxError(
                        f"the variable {sorted(twice)[0]!r} appears in both"
                        f" {domain!r} and {rule!r}"
                    )
                variables = (*in_domain, *variables)
        except RuleSyntaxError as e:
            raise RouteError(where, str(e), "correct the rule") from None
        functions, is_class = handler_functions(view, where, methods)
        endpoint = endpoint or endpoint_name(view)
        if not endpoint or endpoint == "<lambda>":
            raise RouteError(
                where,
                "transom cannot name its endpoint from it",
                f"pass endpoint='...' to the route of {where}",
            )
        key = _view_key(view)
        existing = self._by_endpoint.get(endpoint)
        if existing is not None and _view_key(existing.view) != key:
            raise DuplicateEndpointError(
                f"{where} at route {rule!r}",
                f"the endpoint {endpoint!r} is already bound to {existing.view_name}"
                f" at {existing.rule!r}",
                "pass a different endpoint= to the route, or rename the view",
            )
        for method in functions:
            other = self._seen.get((rule, method, subdomain, host))
            if other is not None:
                raise RouteError(
                    f"{where} at route {rule!r}",
                    f"{method} {rule} is already handled by {other.view_name}",
                    "remove one of the two routes, or give them different rules",
                )
        names = {v.name for v in variables} | set(defaults or ())
        slashes = {v.name for v in variables if v.converter == "path" and not v.args}
        explicit = {v.name: v.converter for v in variables if v.converter}
        siblings = self._routes_of_view.get(key, [])
        # A view routed at several rules (stacked @app.route decorators):
        # a variable that another of its rules gives is absent here, not a
        # query parameter, as in Flask's "/hello/" + "/hello/<name>".
        absent = {
            name: other.rule
            for other in siblings
            for name in other.variables
            if name not in names
        }
        updates = self._drop_given(siblings, rule, names)
        handlers: dict[str, Handler] = {}
        typevars = class_typevars(t.cast(type, view)) if is_class else None
        for method, function in functions.items():
            qualname = f"{where}.{function.__name__}" if is_class else where
            signature = HandlerSignature.from_callable(
                function,
                rule=rule,
                variables=names,
                registry=self.registry,
                is_method=is_class,
                qualname=qualname,
                slashes=slashes,
                localns=localns,
                explicit=explicit,
                absent=absent,
                typevars=typevars,
            )
            view_class = t.cast("type[View]", view) if is_class else None
            call = function if view_class is None else _class_call(view_class, function)
            handlers[method] = Handler(
                method,
                function,
                signature,
                call,
                signature.query_params,
                view_class
                if view_class is not None and not view_class.decorators
                else None,
                signature.reader,
            )
        converters = self._rule_converters(rule, variables, handlers)
        check_slash_variables(
            self.map, f"{where} at route {rule!r}", variables, converters
        )
        all_methods = set(handlers) | {"OPTIONS"}
        if "GET" in all_methods:
            all_methods.add("HEAD")
        werkzeug_rule = Rule(
            rewrite_rule(rule, converters),
            endpoint=endpoint,
            methods=sorted(all_methods),
            defaults=dict(defaults) if defaults else None,
            subdomain=(
                rewrite_rule(subdomain, converters, domain=True)
                if subdomain
                else subdomain
            ),
            host=rewrite_rule(host, converters, domain=True) if host else host,
        )
        self._forget_matches()
        try:
            Map.add(self.map, werkzeug_rule)
        except (ValueError, LookupError) as e:
            raise RouteError(
                f"{where} at route {rule!r}",
                f"werkzeug rejects it ({e})",
                "correct the rule",
            ) from None
        route = Route(
            rule=rule,
            endpoint=endpoint,
            view=view,
            handlers=handlers,
            methods=frozenset(all_methods),
            allow=", ".join(order_methods(all_methods)),
            werkzeug_rule=werkzeug_rule,
            docs=docs,
            variables=frozenset(names),
            scope=chain,
            subdomain=subdomain,
            host=host,
        )
        for sibling, method, handler in updates:
            t.cast("dict[str, Handler]", sibling.handlers)[method] = handler
        self._routes_of_view.setdefault(key, []).append(route)
        self._index(route, functions, is_class)
        return route

    def _drop_given(
        self, siblings: cabc.Iterable[Route], rule: str, names: cabc.Collection[str]
    ) -> list[tuple[Route, str, Handler]]:
        """The handlers of the view's earlier routes without the query
        parameters that the new ``rule`` gives as path variables.

        :raises RouteError: such a parameter has no default.
        """
        updates: list[tuple[Route, str, Handler]] = []
        for sibling in siblings:
            for method, handler in sibling.handlers.items():
                given = [p for p in handler.query_params if p.name in names]
                if not given:
                    continue
                for param in given:
                    if param.default is REQUIRED:
                        raise RouteError(
                            f"parameter {param.name!r} of {handler.signature.qualname}()",
                            f"the rule {rule!r} gives it but {sibling.rule!r} does"
                            " not, so it has no value there",
                            f"give it a default ('{param.name}: str | None = None'),"
                            f" or add <{param.name}> to {sibling.rule!r}",
                        )
                signature = dataclasses.replace(
                    handler.signature,
                    params=tuple(p for p in handler.signature.params if p not in given),
                )
                updates.append(
                    (
                        sibling,
                        method,
                        dataclasses.replace(
                            handler,
                            signature=signature,
                            query_params=signature.query_params,
                        ),
                    )
                )
        return updates

    def _rule_converters(
        self,
        rule: str,
        variables: tuple[t.Any, ...],
        handlers: dict[str, Handler],
    ) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for variable in variables:
            params = [
                (h.signature.qualname, p)
                for h in handlers.values()
                for p in h.signature.params
                if p.name == variable.name
            ]
            first_name, first = params[0]
            for other_name, other in params[1:]:
                if other.annotation != first.annotation:
                    raise RouteError(
                        f"route {rule!r}",
                        f"{first_name}() takes {variable.name!r} as"
                        f" {show(first.annotation)} but {other_name}() as"
                        f" {show(other.annotation)}",
                        "annotate the path parameter with the same type in every verb",
                    )
            if variable.converter is not None:
                check_explicit(self.registry, rule, variable, first_name, first)
                if variable.args is not None:
                    if first.value_type.constraints:
                        raise ConverterError(
                            f"parameter {first.name!r} of {first_name}()",
                            f"the rule {rule!r} gives <{variable.converter}> its own"
                            f" arguments ({variable.args}), so transom would not"
                            f" apply the constraints of {show(first.annotation)}",
                            f"state the bounds once: write <{variable.name}> and keep"
                            " the Annotated constraints, or drop them from the"
                            " annotation",
                        )
                    continue
            chosen[variable.name] = self._converter_name(first.value_type.converter)
        return chosen

    def _converter_name(self, converter: Converter[t.Any]) -> str:
        name = next(self._names)

        guarded = _guard(converter)

        def factory(map: Map, *args: t.Any, **kwargs: t.Any) -> Converter[t.Any]:
            return guarded

        self.map.converters[name] = t.cast("type[Converter[t.Any]]", factory)
        return name

    def _index(
        self,
        route: Route,
        functions: dict[str, cabc.Callable[..., t.Any]],
        is_class: bool,
    ) -> None:
        self.routes.append(route)
        self._by_rule[id(route.werkzeug_rule)] = route
        self._by_endpoint.setdefault(route.endpoint, route)
        for method in route.handlers:
            self._seen[(route.rule, method, route.subdomain, route.host)] = route
        targets: list[object] = [_view_key(route.view)]
        if is_class:
            targets.extend(functions.values())
            for method, function in functions.items():
                self._verb_of.setdefault(function, method)
        for target in targets:
            if target in self._by_target and self._by_target[target] is not None:
                previous = self._by_target[target]
                if previous is not None and _view_key(previous.view) != targets[0]:
                    self._by_target[target] = None  # shared by two views: ambiguous
            else:
                self._by_target.setdefault(target, route)

    def sync_converters(self) -> None:
        """Make explicit converter names registered since the last route usable."""
        for name, cls in self.registry.names.items():
            self.map.converters[name] = t.cast(
                "type[Converter[t.Any]]", functools.partial(_guarded_factory, cls)
            )

    def route_for_rule(self, rule: Rule) -> Route:
        """The route a matched werkzeug rule belongs to."""
        return self._by_rule[id(rule)]

    def match(self, adapter: MapAdapter) -> tuple[Route, cabc.Mapping[str, t.Any]]:
        """Match the adapter's request.

        :returns: the route and the converted path values.
        :raises NotFound: no rule matches the path.
        :raises MethodNotAllowed: rules match the path but not the method; its
            ``Allow`` header lists their methods in the usual order.
        :raises RequestRedirect: the path needs its slash (308).
        """
        try:
            rule, values = adapter.match(return_rule=True)
        except MethodNotAllowed as e:
            e.valid_methods = order_methods(e.valid_methods or ())
            raise
        return self._by_rule[id(rule)], values

    def _forget_matches(self) -> None:
        """Drop what matching learnt from the rules, when they change (and
        werkzeug may reorder an endpoint's rules)."""
        self._static_matches.clear()
        self._plain_routes.clear()
        self._walker.reset()

    def match_path(
        self, path: str, method: str
    ) -> tuple[Route, cabc.Mapping[str, t.Any]] | HTTPException | None:
        """Match a path and an upper-case method as :meth:`match` does, but
        without a ``MapAdapter``: werkzeug's own matcher, for a request on
        the app's own host (no subdomain, no websocket).

        Building an adapter per request (``bind_to_environ``) cost more than
        the match itself; this gives the same answers for every request that
        does not need a URL built, and leaves those to :meth:`match`.

        :param path: ``PATH_INFO`` decoded as werkzeug decodes it.
        :returns: the route and the converted path values; or why no route
            answers, not raised (raising and catching cost as much as the
            rest of a 404): ``NotFound`` when no rule matches the path,
            ``MethodNotAllowed`` when rules match it but not the method; or
            ``None`` when only an adapter can answer (a redirect: a missing
            slash, a rule's ``redirect_to``, a rule whose defaults redirect).
        """
        url_map = self.map
        if url_map.host_matching:
            return None
        # werkzeug keeps this flag private; reading it from __dict__ keeps
        # the type checkers quiet without an ignore (and costs less than
        # vars()).
        if url_map.__dict__["_remap"]:  # rules were added since the last match
            url_map.update()
            self._forget_matches()
        static = self._static_matches
        # A path equal to a key is already in werkzeug's form (one leading
        # slash): only a miss pays for the form.
        route = static.get((path, method))
        if route is not None:
            return route, {}
        normal = f"/{path.lstrip('/')}" if path else ""
        if normal != path:
            path = normal
            route = static.get((path, method))
            if route is not None:
                return route, {}
        try:
            found = self._walker.find("", path, method, False)
        except (RequestPath, RequestAliasRedirect):
            return None
        if isinstance(found, NoMatch):
            if found.have_match_for:
                allowed = _ordered_methods(frozenset(found.have_match_for))
                return RouterMethodNotAllowed(list(allowed))
            if found.websocket_mismatch:
                return WebsocketMismatch()
            return NotFound()
        rule, values = found
        route = self._plain_routes.get(id(rule))
        if route is None:
            if rule.redirect_to is not None:
                return None
            rules: list[Rule] = vars(url_map)["_rules_by_endpoint"][rule.endpoint]
            plain = not url_map.redirect_defaults or rules[0] is rule
            if not plain:
                # As MapAdapter.get_default_redirect: an earlier rule of the
                # same endpoint whose defaults fit redirects there.
                for other in rules:
                    if other is rule:
                        break
                    if other.provides_defaults_for(rule) and other.suitable_for(
                        values, method
                    ):
                        return None
            route = self._by_rule[id(rule)]
            if plain:
                self._plain_routes[id(rule)] = route  # it never redirects
        if not values and rule.methods is not None:
            # A rule without variables (no values) answers this path and
            # method the same way every time, and werkzeug's matcher would
            # walk its states each time. Only rules' own paths and methods
            # get here, so this stays small.
            static[(path, method)] = route
        return route, values

    def allowed_methods(self, adapter: MapAdapter) -> list[str]:
        """Every method some route answers at the adapter's path, in the
        usual order; several routes may share a path (``GET`` on one
        function, ``POST`` on another)."""
        return order_methods(adapter.allowed_methods())

    def route_for_endpoint(self, endpoint: str) -> Route | None:
        """The first route registered under ``endpoint``."""
        return self._by_endpoint.get(endpoint)

    def route_for_target(self, target: object) -> Route:
        """The route of a view class, verb method or function route.

        :raises LookupError: not routed, or shared by several views.
        """
        by_target = self._by_target
        try:
            route = by_target[target]  # a view class, verb method or function
        except (KeyError, TypeError):
            # A bound method is routed itself (app.add_route("/",
            # things.show)), or stands for its function (Post().get for
            # Post.get).
            keys = (
                (_view_key(target), target.__func__) if inspect.ismethod(target) else ()
            )
            for key in keys:
                if key in by_target:
                    route = by_target[key]
                    break
            else:
                name = getattr(target, "__qualname__", repr(target))
                raise LookupError(
                    f"{name} is not a routed view, verb method or function;"
                    " register it with @app.route or pass an endpoint name"
                ) from None
        if route is None:
            name = getattr(target, "__qualname__", repr(target))
            raise LookupError(
                f"{name} is inherited by several routed views, so it does not name"
                " one route; pass the view class or its endpoint name instead"
            )
        return route

    def build(
        self,
        adapter: MapAdapter,
        target: object,
        args: tuple[t.Any, ...],
        values: dict[str, t.Any],
        *,
        method: str | None = None,
        external: bool = False,
        scheme: str | None = None,
        anchor: str | None = None,
        url_defaults: cabc.Sequence[URLDefaultsCallable] = (),
    ) -> str:
        """Build the URL of ``target`` (endpoint name, view, verb method or function).

        Query parameters the handler declares are converted to text with their
        converter; other unknown values become the query string as they are.

        :param url_defaults: the app's URL defaults functions, called with
            the endpoint and ``values`` before the route's blueprints' own.
        """
        if isinstance(target, str):
            if args:
                raise TypeError(
                    f"url_for({target!r}) takes values by keyword; positional values"
                    " work with a verb method or function route (url_for(Post.get, 3))"
                )
            endpoint = target
            route = self._by_endpoint.get(target)
        else:
            route = self.route_for_target(target)
            endpoint = route.endpoint
            if method is None:  # a verb function builds for its own method
                method = self._verb_of.get(target)
        scope = route.scope if route is not None else None
        if url_defaults or (scope is not None and scope.url_default_functions):
            for f in url_defaults:
                f(endpoint, values)
            if scope is not None:
                for f in scope.url_default_functions:
                    f(endpoint, values)
        try:
            if route is not None:
                values = self._url_values(route, method, args, values)
            url = adapter.build(
                endpoint,
                values,
                method=method,
                force_external=external,
                url_scheme=scheme,
            )
        except ValueError as e:
            # Only on this error path: find which value its converter refused.
            name = _refused_value(route, values) if route is not None else None
            if name is None:
                raise
            raise ValueError(
                f"url_for({endpoint!r}): the value {values[name]!r} for {name!r}"
                f" cannot go into the URL ({e})"
            ) from None
        if anchor is not None:
            url += "#" + _quote_anchor(anchor)
        return url

    def _url_values(
        self,
        route: Route,
        method: str | None,
        args: tuple[t.Any, ...],
        values: dict[str, t.Any],
    ) -> dict[str, t.Any]:
        handler = route.handlers.get(method or "GET") or next(
            iter(route.handlers.values())
        )
        params = handler.signature.params
        if args:
            if len(args) > len(params):
                raise TypeError(
                    f"url_for({handler.signature.qualname}) takes at most"
                    f" {len(params)} values, {len(args)} given"
                )
            values = {
                **{p.name: a for p, a in zip(params, args, strict=False)},
                **values,
            }
        for request_param in handler.signature.request_params:
            if request_param.name in values:
                raise TypeError(
                    f"url_for({route.endpoint!r}):"
                    f" {request_param.name!r} is read from the request"
                    f" ({request_param.marker!r}), not from the URL; leave it out"
                )
        for param in handler.query_params:
            value = values.get(param.name)
            if value is None:
                continue
            value_type = param.value_type
            try:
                if value_type.many and isinstance(value, list | tuple):
                    items = t.cast("cabc.Iterable[t.Any]", value)
                    values[param.name] = [value_type.to_text(v) for v in items]
                else:
                    values[param.name] = value_type.to_text(value)
            except (ValueError, OverflowError) as e:
                raise ValueError(
                    f"url_for({route.endpoint!r}): the value {value!r} for"
                    f" {param.name!r} is not {value_type.describe()}"
                    + (f" ({e})" if str(e) else "")
                ) from None
        return values


class _Guarded(Converter[t.Any]):
    """A converter whose ``ValueError`` means "no match".

    werkzeug's matcher only catches ``ValidationError``; any other error a
    ``to_python`` raises (``date.fromisoformat("2024-13-45")``, a user's
    ``int(...)``) would be a 500 instead of a 404.
    """

    def __init__(self, inner: Converter[t.Any]) -> None:
        super().__init__(inner.map)
        self.inner = inner
        self.regex = inner.regex
        self.part_isolating = inner.part_isolating
        self.weight = inner.weight

    @te.override
    def to_python(self, value: str) -> t.Any:
        try:
            return self.inner.to_python(value)
        except (ValueError, OverflowError):
            raise ValidationError() from None

    @te.override
    def to_url(self, value: t.Any) -> str:
        return self.inner.to_url(value)


_SELF_GUARDED: t.Final[frozenset[type[Converter[t.Any]]]] = frozenset(
    (
        StrConverter,
        PathConverter,
        IntConverter,
        FloatConverter,
        UUIDConverter,
        BoolConverter,
        ChoiceConverter,
    )
)
"""transom's converters whose ``to_python`` takes any text their regex
matches, or refuses it with ``ValidationError``: they need no guard, and
the matcher calls them directly."""


def _guard(converter: Converter[t.Any]) -> Converter[t.Any]:
    """``converter``, guarded unless it refuses text only with
    ``ValidationError`` itself."""
    if type(converter) in _SELF_GUARDED:
        return converter
    return _Guarded(converter)


def _guarded_factory(
    cls: type[Converter[t.Any]], map: Map, *args: t.Any, **kwargs: t.Any
) -> Converter[t.Any]:
    return _guard(cls(map, *args, **kwargs))


def _refused_value(route: Route, values: dict[str, t.Any]) -> str | None:
    """The name of the first path value that its converter refuses."""
    for handler in route.handlers.values():
        for param in handler.signature.path_params:
            value = values.get(param.name)
            if value is None or isinstance(value, list):
                continue
            try:
                param.value_type.converter.to_url(value)
            except ValueError:
                return param.name
    return None


def _view_key(view: object) -> object:
    """What stands for ``view`` in the router's indexes. A bound method is
    made anew by each attribute access (``things.show is not things.show``):
    it stands for its object and function, the object by identity, since it
    may not be hashable."""
    if inspect.ismethod(view):
        return (id(view.__self__), view.__func__)
    return view


def _quote_anchor(anchor: str) -> str:
    return quote(anchor, safe="%!#$&'()*+,/:;=?@")


__all__ = [
    "Handler",
    "Route",
    "Router",
    "Source",
    "endpoint_name",
    "order_methods",
]
