"""The full names of what the plugin hooks into or looks up."""

from __future__ import annotations

import typing as t

APP: t.Final = "transom.app.App"
APP_ROUTE: t.Final = "transom.app.App.route"
APP_ADD_ROUTE: t.Final = "transom.app.App.add_route"
APP_BEFORE_REQUEST: t.Final = "transom.app.App.before_request"
APP_AFTER_REQUEST: t.Final = "transom.app.App.after_request"
APP_ERRORHANDLER: t.Final = "transom.app.App.errorhandler"
BLUEPRINT: t.Final = "transom.blueprints.Blueprint"
BLUEPRINT_ROUTE: t.Final = "transom.blueprints.Blueprint.route"
BLUEPRINT_BEFORE_REQUEST: t.Final = "transom.blueprints.Blueprint.before_request"
BLUEPRINT_AFTER_REQUEST: t.Final = "transom.blueprints.Blueprint.after_request"
BLUEPRINT_ERRORHANDLER: t.Final = "transom.blueprints.Blueprint.errorhandler"
ROUTE_DECORATOR: t.Final = "transom._typing.RouteDecorator"
ROUTE_DECORATOR_CALL: t.Final = "transom._typing.RouteDecorator.__call__"
FUNCTION_ROUTE_DECORATOR: t.Final = "transom._typing.FunctionRouteDecorator"
FUNCTION_ROUTE_DECORATOR_CALL: t.Final = (
    "transom._typing.FunctionRouteDecorator.__call__"
)
HANDLER_DECORATOR_CALL: t.Final = "transom._typing.ErrorHandlerDecorator.__call__"
RANGE: t.Final = "transom.params.Range"
RESPONSE: t.Final = "transom.wrappers.Response"
RESPONSE_VALUE: t.Final = "transom.typing.ResponseValue"
URL_FOR: t.Final = "transom.helpers.url_for"
AFTER_THIS_REQUEST: t.Final = "transom.helpers.after_this_request"
VIEW: t.Final = "transom.views.View"

REQUEST_DATA_MARKERS: t.Final = {
    f"transom.request_data.{name}": name
    for name in ("Body", "Form", "Header", "Cookie", "File")
}
"""The request-data markers a parameter's default may be, each with its name."""

VERBS: t.Final = ("get", "post", "put", "patch", "delete", "options", "head")
"""The verb method names, in the order transom finds them (as ``transom.views.VERBS``)."""

HTTP_METHODS: t.Final = (
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "CONNECT",
)
"""The method names ``url_for(_method=...)`` takes (``transom.typing.HTTPMethod``)."""

URL_FOR_OPTIONS: t.Final = ("_anchor", "_method", "_scheme", "_external")
"""The keyword options of ``url_for`` besides the route's values."""

STATIC_ENDPOINT: t.Final = "static"
"""The endpoint of the static files route, which every app may have."""

BUILTIN_CONVERTER_TYPES: t.Final = (
    "builtins.str",
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "uuid.UUID",
    "datetime.date",
)
"""The types transom converts without registration (``BUILTIN_CONVERTERS``);
their subclasses use the same converter."""

CONVERTER_NAME_TYPES: t.Final = {
    "default": "builtins.str",
    "string": "builtins.str",
    "path": "builtins.str",
    "int": "builtins.int",
    "float": "builtins.float",
    "uuid": "uuid.UUID",
}
"""The type each converter name a rule may spell out gives (``<int:id>``);
``any`` takes a ``Literal``, an ``Enum`` or ``str`` and is handled apart."""
