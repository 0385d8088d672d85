"""The functions views call: ``url_for``, ``redirect``, ``abort``,
``make_response``, ``jsonify`` and ``after_this_request``."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

import typing_extensions as te
from werkzeug.exceptions import abort as _abort
from werkzeug.utils import redirect as _redirect

from ._ctxvars import NO_APP
from ._ctxvars import NO_REQUEST
from ._ctxvars import app_ctx_var
from ._ctxvars import current_request_ctx
from ._typing import AfterThisRequestHook
from ._typing import ViewClass
from ._typing import ViewValues
from ._typing import ViewWithGet
from .exceptions import ContextError
from .exceptions import HeaderValueError
from .json import default_provider
from .responses import json_response
from .wrappers import Response

if t.TYPE_CHECKING:
    from .typing import HeadersValue
    from .typing import HTTPMethod
    from .typing import ResponseBody
    from .typing import ResponseValue


# The function form comes first: when no form matches, pyright explains
# the failure of the form tried last, and for a verb method that is the
# method form (the function form would ask for "self"). An editor's
# signature help on url_for(Post.get, ...) then shows the function form,
# "self: Post" and Post.get's parameters; with the method form first, it
# would show a function route's first parameter as "self" (pyright picks
# the first form whose parameter kinds fit, before checking the bound of
# ViewClass). tests/test_typing_editor.py holds both to what they show.
@t.overload
def url_for(
    endpoint: cabc.Callable[ViewValues, ResponseValue],
    /,
    *args: ViewValues.args,
    **kwargs: ViewValues.kwargs,
) -> str: ...
@t.overload
def url_for(
    endpoint: cabc.Callable[te.Concatenate[ViewClass, ViewValues], t.Any],
    /,
    *args: ViewValues.args,
    **kwargs: ViewValues.kwargs,
) -> str: ...
# A View class: its values are those of its get(). A View without get()
# matches too, through View's own declaration (any values), as does one
# given _method=, below.
@t.overload
def url_for(
    endpoint: type[ViewWithGet[ViewValues]],
    /,
    *args: ViewValues.args,
    **kwargs: ViewValues.kwargs,
) -> str: ...
@t.overload
def url_for(
    endpoint: str,
    /,
    *,
    _anchor: str | None = None,
    _method: HTTPMethod | None = None,
    _scheme: str | None = None,
    _external: bool | None = None,
    **values: t.Any,
) -> str: ...


# A ParamSpec's keywords cannot be extended with the options, so a callable
# endpoint (or a View class) with an option falls to these overloads, one
# per option that must be present: without options, the values stay
# checked by the ParamSpec overloads above.
@t.overload
def url_for(
    endpoint: cabc.Callable[..., t.Any],
    /,
    *,
    _external: bool,
    _anchor: str | None = None,
    _method: HTTPMethod | None = None,
    _scheme: str | None = None,
    **values: t.Any,
) -> str: ...
@t.overload
def url_for(
    endpoint: cabc.Callable[..., t.Any],
    /,
    *,
    _anchor: str,
    _method: HTTPMethod | None = None,
    _scheme: str | None = None,
    _external: bool | None = None,
    **values: t.Any,
) -> str: ...
@t.overload
def url_for(
    endpoint: cabc.Callable[..., t.Any],
    /,
    *,
    _method: HTTPMethod,
    _anchor: str | None = None,
    _scheme: str | None = None,
    _external: bool | None = None,
    **values: t.Any,
) -> str: ...
@t.overload
def url_for(
    endpoint: cabc.Callable[..., t.Any],
    /,
    *,
    _scheme: str,
    _anchor: str | None = None,
    _method: HTTPMethod | None = None,
    _external: bool | None = None,
    **values: t.Any,
) -> str: ...
def url_for(endpoint: object, /, *args: t.Any, **values: t.Any) -> str:
    """Build the URL of a route.

    ``endpoint`` is a verb method (``Post.get``), a function route, a view
    class or an endpoint name. Values for path variables fill the rule;
    other values become the query string, converted by the handler's
    annotations. The options ``_external``, ``_anchor``, ``_method`` and
    ``_scheme`` work as in Flask.

    Inside a request the URL is relative to it (absolute with
    ``_external=True``); in an app context alone, ``SERVER_NAME`` must be set.

    Type checkers check the values given with a verb method, a function or
    a View class (its ``get``) against the parameters. With an option as
    well, they cannot (a ``ParamSpec`` takes no extra keywords), so the
    values are checked at run time only (and by transom's mypy plugin).

    :raises LookupError: no such endpoint, or a target that names no single
        route (werkzeug's ``BuildError`` for missing values).
    :raises ValueError: a value its converter refuses.
    :raises ContextError: no app context, or no ``SERVER_NAME`` outside a
        request.
    """
    anchor = values.pop("_anchor", None)
    method = values.pop("_method", None)
    scheme = values.pop("_scheme", None)
    external = values.pop("_external", None)
    app_ctx = app_ctx_var.get(None)
    if app_ctx is None:
        raise ContextError(
            "url_for() needs an app context: call it in a view, or inside"
            " 'with app.app_context():' with SERVER_NAME set."
        )
    request_ctx = app_ctx.request_ctx
    if type(endpoint) is str and endpoint[:1] == ".":
        # Relative to the blueprint of the request's route, as in Flask.
        route = request_ctx.route if request_ctx is not None else None
        blueprint = route.blueprint if route is not None else None
        endpoint = f"{blueprint}{endpoint}" if blueprint else endpoint[1:]
    if request_ctx is not None:
        app = request_ctx.app
        adapter = request_ctx.build_adapter
        if external is None:
            external = scheme is not None
    else:
        app = app_ctx.app
        server_name = app.config["SERVER_NAME"]
        if server_name is None:
            raise ContextError(
                "url_for() outside a request needs app.config['SERVER_NAME']"
                " (for example 'example.com') to build URLs; set it, or call"
                " url_for() inside a request."
            )
        adapter = app.router.map.bind(
            server_name,
            script_name=app.config["APPLICATION_ROOT"],
            url_scheme=scheme or app.config["PREFERRED_URL_SCHEME"],
        )
        if external is None:
            external = True
    if scheme is not None and not external:
        raise ValueError("'_scheme' requires '_external=True'.")
    try:
        return app.router.build(
            adapter,
            endpoint,
            args,
            values,
            method=method,
            external=external,
            scheme=scheme,
            anchor=anchor,
            url_defaults=app.url_default_functions,
        )
    except LookupError as e:
        # werkzeug's BuildError keeps its type (a LookupError) for callers
        # that catch it; the traceback through the router adds nothing.
        raise e from None


def redirect(location: str, code: int = 302) -> Response:
    """A response that redirects to ``location`` (302 by default; 303 after
    a POST, 307/308 keep the method).

    :raises HeaderValueError: ``location`` contains CR or LF (a 400 when
        not caught). To redirect to a URL the client chose, use
        :func:`transom.security.safe_redirect`.
    """
    if "\r" in location or "\n" in location:
        raise HeaderValueError("Location")
    return t.cast("Response", _redirect(location, code, Response))


def abort(status: int | Response, *args: t.Any, **kwargs: t.Any) -> t.NoReturn:
    """Stop the request with an HTTP error: ``abort(404)``, or a response."""
    _abort(status, *args, **kwargs)


@t.overload
def make_response() -> Response: ...
@t.overload
def make_response(rv: ResponseValue, /) -> Response: ...
@t.overload
def make_response(body: ResponseBody, status: int, /) -> Response: ...
@t.overload
def make_response(body: ResponseBody, headers: HeadersValue, /) -> Response: ...
@t.overload
def make_response(
    body: ResponseBody, status: int, headers: HeadersValue, /
) -> Response: ...
def make_response(*args: t.Any) -> Response:
    """Turn a view's return value into a response, to change it before
    returning: ``make_response("Hi", 201)`` or ``make_response(rv)``."""
    ctx = app_ctx_var.get(None)
    if ctx is None:
        raise ContextError(NO_APP)
    app = ctx.app
    if not args:
        return app.response_class()
    rv = args[0] if len(args) == 1 else tuple(args)
    return app.make_response(rv)


def jsonify(*args: t.Any, **kwargs: t.Any) -> Response:
    """A JSON response of the arguments: one value, several (a list),
    keywords (an object), or nothing (``null``), as in Flask."""
    if args and kwargs:
        raise TypeError("jsonify() takes positional or keyword arguments, not both")
    body: t.Any = args[0] if len(args) == 1 else list(args) if args else kwargs or None
    ctx = app_ctx_var.get(None)
    if ctx is None:
        return json_response(body, default_provider)
    return json_response(body, ctx.app.json, ctx.app.response_class)


def after_this_request(f: AfterThisRequestHook) -> AfterThisRequestHook:
    """Run ``f(response)`` after this request's view, for example to set a
    cookie before the response exists. ``f`` returns the response."""
    ctx = current_request_ctx()
    if ctx is None:
        raise ContextError(NO_REQUEST)
    ctx.after_request_funcs.append(f)
    return f
